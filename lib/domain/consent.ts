import { z } from "zod";
import defaults from "@/content/consent/notice.json";
import type { Locale } from "./locales";
import { cleanMultiline } from "./text";

/** The longest notice an organiser may write, per language. */
export const CONSENT_NOTICE_MAX = 4000;

const noticeText = z.string().max(CONSENT_NOTICE_MAX).transform(cleanMultiline).pipe(z.string().min(1));

/** The notice in each language; organisers write all three. */
export const consentNoticeSchema = z.strictObject({ en: noticeText, ru: noticeText, kk: noticeText });
export type ConsentNotice = z.infer<typeof consentNoticeSchema>;

/** The default notice (content/consent/notice.json): Kazakhstan's Law No. 94-V, minimum data. */
export const DEFAULT_CONSENT_NOTICE: ConsentNotice = { en: defaults.en, ru: defaults.ru, kk: defaults.kk };

/** What a phone is shown before it joins, and whether "I agree" is required. */
export interface ConsentSettings {
  /** Phones must tick "I agree" before joining; the server refuses a join without it. */
  required: boolean;
  notice: ConsentNotice;
  /** The organisation wrote its own notice (false: the default text). */
  custom: boolean;
}

export const DEFAULT_CONSENT: ConsentSettings = { required: true, notice: DEFAULT_CONSENT_NOTICE, custom: false };

/** The notice in one language. */
export function noticeIn(settings: Pick<ConsentSettings, "notice">, locale: Locale): string {
  return settings.notice[locale] ?? settings.notice.en;
}

/** What the organiser's policy keeps of help requests after a session ends: purge them (default), or keep them until retention. */
export const HELP_RETENTION = ["purge", "keep"] as const;
export type HelpRetention = (typeof HELP_RETENTION)[number];
