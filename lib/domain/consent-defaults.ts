import defaults from "@/content/consent/notice.json";
import type { ConsentNotice, ConsentSettings } from "./consent";

/*
 * The default notice in all three languages: apart from consent.ts, so a
 * phone (which gets its organisation's notice, in its own language, from the
 * page) does not download all of them.
 */

/** The default notice (content/consent/notice.json): Kazakhstan's Law No. 94-V, minimum data. */
export const DEFAULT_CONSENT_NOTICE: ConsentNotice = { en: defaults.en, ru: defaults.ru, kk: defaults.kk };

export const DEFAULT_CONSENT: ConsentSettings = { required: true, notice: DEFAULT_CONSENT_NOTICE, custom: false };
