"use client";

import { useTranslations } from "next-intl";
import type { ConnectionState } from "@/lib/client/live-store";

const styles: Record<ConnectionState, string> = {
  connected: "bg-emerald-100 text-emerald-900 border-emerald-300",
  reconnecting: "bg-amber-100 text-amber-900 border-amber-300",
  offline: "bg-rose-100 text-rose-900 border-rose-300",
};

/** Shows whether this screen is live; every screen has one. */
export function ConnectionBadge({ state, className = "" }: { state: ConnectionState; className?: string }) {
  const t = useTranslations("connection");
  return (
    <span
      data-testid="connection"
      data-state={state}
      role="status"
      aria-live="polite"
      className={`inline-flex items-center gap-1.5 rounded-full border px-2.5 py-0.5 text-sm font-medium ${styles[state]} ${className}`}
    >
      <span aria-hidden className={`size-2 rounded-full ${state === "connected" ? "bg-emerald-600" : state === "offline" ? "bg-rose-600" : "bg-amber-500"}`} />
      {t(state)}
    </span>
  );
}
