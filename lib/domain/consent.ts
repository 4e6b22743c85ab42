import type { z } from "zod";
import type { consentNoticeSchema } from "./consent-schema";
import type { Locale } from "./locales";

/** The longest notice an organiser may write, per language. */
export const CONSENT_NOTICE_MAX = 4000;

/** The notice in each language (consentNoticeSchema, in consent-schema.ts: this file stays free of zod). */
export type ConsentNotice = z.infer<typeof consentNoticeSchema>;

/** What a phone is shown before it joins, and whether "I agree" is required. */
export interface ConsentSettings {
  /** Phones must tick "I agree" before joining; the server refuses a join without it. */
  required: boolean;
  notice: ConsentNotice;
  /** The organisation wrote its own notice (false: the default text). */
  custom: boolean;
}

/** The notice in one language. */
export function noticeIn(settings: Pick<ConsentSettings, "notice">, locale: Locale): string {
  return settings.notice[locale] ?? settings.notice.en;
}

/** What the organiser's policy keeps of help requests after a session ends: purge them (default), or keep them until retention. */
export const HELP_RETENTION = ["purge", "keep"] as const;
export type HelpRetention = (typeof HELP_RETENTION)[number];
