// The two next/navigation hooks the phone tree uses.
// usePathname: Next's follows history.replaceState (PhoneApp moves /join -> /s/<code>
// without a navigation; ServiceWorker re-caches the page then), so patch history to notify.
import { useSyncExternalStore } from "react";

const EVT = "ortaq:locationchange";
if (typeof window !== "undefined" && !(window as any).__ortaqHistoryPatched) {
  (window as any).__ortaqHistoryPatched = true;
  for (const m of ["pushState", "replaceState"] as const) {
    const orig = history[m].bind(history);
    history[m] = ((...a: Parameters<History["pushState"]>) => {
      orig(...a);
      window.dispatchEvent(new Event(EVT));
    }) as History["pushState"];
  }
}
function subscribe(cb: () => void) {
  window.addEventListener(EVT, cb);
  window.addEventListener("popstate", cb);
  return () => {
    window.removeEventListener(EVT, cb);
    window.removeEventListener("popstate", cb);
  };
}
export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => location.pathname, () => "/");
}
// LanguageSwitcher calls router.refresh() after POST /api/locale so the server re-renders
// the messages in the new language; with no RSC, the page has to be fetched again.
const router = { refresh: () => location.reload(), push: (u: string) => location.assign(u), replace: (u: string) => location.replace(u), back: () => history.back(), forward: () => history.forward(), prefetch: () => {} };
export function useRouter() {
  return router;
}
