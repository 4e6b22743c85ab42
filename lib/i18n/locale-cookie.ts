export const LOCALE_COOKIE = "ortaq_locale";
