// The light phone page's script (phone/build.ts bundles it on Preact): the
// same providers and component as app/join and app/s/[code], fed from the JSON
// the server writes into the page (lib/server/pages/phone-page.ts).
import { createRoot } from "react-dom/client";
import { NextIntlClientProvider } from "next-intl";
import { PhoneApp } from "@/components/phone/PhoneApp";
import { ServiceWorker } from "@/components/phone/ServiceWorker";
import { ConsentProvider } from "@/components/safeguarding/ConsentNotice";
import type { PhoneBoot } from "./boot";

const boot = JSON.parse(document.getElementById("ortaq-phone")!.textContent!) as PhoneBoot;
createRoot(document.getElementById("phone")!).render(
  <NextIntlClientProvider locale={boot.locale} messages={boot.messages as never}>
    <ConsentProvider value={boot.consent}>
      <PhoneApp initialCode={boot.initialCode} help={boot.help} />
    </ConsentProvider>
    <ServiceWorker />
  </NextIntlClientProvider>,
);
