import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import { pickMessages, type Namespace } from "@/lib/i18n/client-messages";

/**
 * Gives the client components below it the request's messages (its locale's
 * catalogue): all of them, or only the named namespaces. Each area's layout
 * mounts one, so a page ships the texts its own browser code uses and no more
 * (the root layout gives only `common`).
 */
export async function IntlMessages({ namespaces, children }: { namespaces?: readonly Namespace[]; children: React.ReactNode }) {
  const messages = await getMessages();
  return <NextIntlClientProvider messages={namespaces ? pickMessages(messages, namespaces) : messages}>{children}</NextIntlClientProvider>;
}
