import { ServiceWorker } from "@/components/phone/ServiceWorker";

/** A joined phone's page (/s/<code>); the service worker keeps it for offline reloads. */
export default function ParticipantLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      {children}
      <ServiceWorker />
    </>
  );
}
