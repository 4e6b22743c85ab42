"use client";

import { ConnectionBadge } from "@/components/ui/ConnectionBadge";
import { LanguageSwitcher } from "@/components/ui/LanguageSwitcher";
import type { ConnectionState } from "@/lib/client/live-store";

/** The phone's slim header: the app's name, whether it is live, and its language. */
export function PhoneHeader({ state }: { state: ConnectionState }) {
  return (
    <header className="flex items-center justify-between gap-2 px-3 py-1">
      <span className="text-lg font-bold text-brand-dark">Ortaq</span>
      <div className="flex items-center gap-2">
        <ConnectionBadge state={state} />
        <LanguageSwitcher selectClassName="min-h-11" />
      </div>
    </header>
  );
}
