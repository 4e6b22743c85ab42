"use client";

import { useLocale } from "next-intl";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

/**
 * Registers public/sw.js, which keeps this phone page and its code so a
 * reload with no connection still opens Ortaq (and shows the notes waiting in
 * the outbox). Rendered by the phone routes only (app/join, app/s).
 *
 * It then asks the worker to store the page at its current address: on the
 * first visit the page loaded before the worker existed, and after joining the
 * address changes from /join to /s/<code> without a navigation. After a
 * language change it asks again, so the stored page speaks the new language.
 *
 * Service workers exist only in secure contexts (https, or localhost): on a
 * phone that opens http://<laptop-ip>:3000 this does nothing and the phone
 * works as before, online.
 */
export function ServiceWorker() {
  const pathname = usePathname();
  const locale = useLocale();
  const firstLocale = useRef(locale);

  useEffect(() => {
    if (!("serviceWorker" in navigator)) return;
    if (process.env.NODE_ENV !== "production") {
      // Development chunks are not content-hashed: a cache-first worker would serve stale code.
      void navigator.serviceWorker
        .getRegistrations()
        .then((regs) => Promise.all(regs.map((r) => r.unregister())))
        .then(() => caches.keys())
        .then((names) => Promise.all(names.filter((n) => n.startsWith("ortaq-")).map((n) => caches.delete(n))))
        .catch(() => undefined);
      return;
    }
    let cancelled = false;
    navigator.serviceWorker
      .register("/sw.js", { scope: "/" })
      .then(() => navigator.serviceWorker.ready)
      .then((reg) => {
        if (cancelled) return;
        const url = window.location.pathname + window.location.search;
        reg.active?.postMessage({ type: "cache-page", url, force: locale !== firstLocale.current });
      })
      .catch(() => {
        // No worker (private mode, blocked storage): the phone still works online.
      });
    return () => {
      cancelled = true;
    };
  }, [pathname, locale]);

  return null;
}
