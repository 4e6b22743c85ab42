import { ServiceWorker } from "@/components/phone/ServiceWorker";

/** The phone's join page; the service worker keeps it for offline reloads. */
export default function JoinLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      {children}
      <ServiceWorker />
    </>
  );
}
