// The phone's page without Next.js (bench/phone-light.ts): the same providers
// and component as app/join and app/s/[code], fed from a JSON script tag the
// server would write (locale, that locale's phone messages, the consent notice,
// help contacts, the code from the address).
import { createRoot } from "react-dom/client";
import { NextIntlClientProvider } from "next-intl";
import { PhoneApp } from "@/components/phone/PhoneApp";
import { ServiceWorker } from "@/components/phone/ServiceWorker";
import { ConsentProvider, type ConsentInfo } from "@/components/safeguarding/ConsentNotice";
import type { HelpInfo } from "@/lib/domain/help-contacts";

interface Boot {
  locale: string;
  messages: Record<string, unknown>;
  consent: ConsentInfo;
  initialCode: string;
  help?: HelpInfo;
  timeZone?: string;
}

const boot = JSON.parse(document.getElementById("ortaq-phone")!.textContent!) as Boot;
createRoot(document.getElementById("phone")!).render(
  <NextIntlClientProvider locale={boot.locale} messages={boot.messages as never} timeZone={boot.timeZone}>
    <ConsentProvider value={boot.consent}>
      <PhoneApp initialCode={boot.initialCode} help={boot.help} />
    </ConsentProvider>
    <ServiceWorker />
  </NextIntlClientProvider>,
);
