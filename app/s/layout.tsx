import { IntlMessages } from "@/components/i18n/IntlMessages";
import { ServiceWorker } from "@/components/phone/ServiceWorker";
import { PHONE_NAMESPACES } from "@/lib/i18n/client-messages";

/** A joined phone's page (/s/<code>); the service worker keeps it for offline reloads. */
export default function ParticipantLayout({ children }: { children: React.ReactNode }) {
  // Only the phone's messages, in the phone's language.
  return (
    <IntlMessages namespaces={PHONE_NAMESPACES}>
      {children}
      <ServiceWorker />
    </IntlMessages>
  );
}
