import type { ErrorCode } from "@/lib/domain/errors";
import type { Locale } from "@/lib/domain/locales";
import en from "./messages/en.json";
import kk from "./messages/kk.json";
import ru from "./messages/ru.json";

/**
 * Every error code, translated in every language: a code added to the
 * error-code table without its three translations does not compile.
 */
export const ERROR_MESSAGES: Record<Locale, { errors: Record<ErrorCode, string> }> = { en, ru, kk };
