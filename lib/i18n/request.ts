import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { loadMessages } from "./messages";
import { LOCALE_COOKIE } from "./locale-cookie";
import { pickLocale } from "./pick-locale";

export { pickFromAcceptLanguage } from "./pick-locale";

/** Each device's own choice (cookie), else the browser's language, else English. */
export default getRequestConfig(async () => {
  const locale = pickLocale((await cookies()).get(LOCALE_COOKIE)?.value, (await headers()).get("accept-language"));
  return { locale, messages: await loadMessages(locale) };
});
