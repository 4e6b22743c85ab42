import { z } from "zod";
import { CONSENT_NOTICE_MAX } from "./consent";
import { cleanMultiline } from "./text";

const noticeText = z.string().max(CONSENT_NOTICE_MAX).transform(cleanMultiline).pipe(z.string().min(1));

/** The notice in each language; organisers write all three. */
export const consentNoticeSchema = z.strictObject({ en: noticeText, ru: noticeText, kk: noticeText });
