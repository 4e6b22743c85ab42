import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from "@/lib/domain/locales";
import { LOCALE_COOKIE } from "./locale-cookie";

/** The first supported language in an Accept-Language header, if any. */
export function pickFromAcceptLanguage(header: string | null | undefined): Locale | null {
  if (!header) return null;
  for (const part of header.split(",")) {
    const tag = part.split(";")[0].trim().toLowerCase().slice(0, 2);
    if ((LOCALES as readonly string[]).includes(tag)) return tag as Locale;
  }
  return null;
}

/** Each device's own choice (its locale cookie), else the browser's language, else English. */
export function pickLocale(fromCookie: string | undefined, acceptLanguage: string | null | undefined): Locale {
  return isLocale(fromCookie) ? fromCookie : (pickFromAcceptLanguage(acceptLanguage) ?? DEFAULT_LOCALE);
}

/** The locale cookie's value in a Cookie request header. */
export function localeCookieIn(cookieHeader: string | undefined): string | undefined {
  for (const part of (cookieHeader ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at > 0 && part.slice(0, at).trim() === LOCALE_COOKIE) return decodeURIComponent(part.slice(at + 1).trim());
  }
  return undefined;
}
