// next-intl's client entry re-exports use-intl's hooks; its NextIntlClientProvider is
// use-intl's IntlProvider plus a locale read from Next's router (not needed: we pass it).
export { useTranslations, useLocale, useFormatter, IntlProvider as NextIntlClientProvider } from "use-intl";
