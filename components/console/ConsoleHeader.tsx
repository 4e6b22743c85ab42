"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { LanguageSwitcher } from "@/components/ui/LanguageSwitcher";

const ORGANISER_LINKS = [
  ["/org/plans", "org.plans"],
  ["/org/media", "media.title"],
  ["/org/help", "org.help"],
  ["/org/safeguarding", "safeguarding.settingsTitle"],
  ["/org/impact", "impact.nav"],
  ["/org/trainers", "console.trainers"],
] as const;

export function ConsoleHeader({ userName, isOrganiser }: { userName: string; isOrganiser: boolean }) {
  const t = useTranslations();
  const router = useRouter();
  async function logout() {
    await fetch("/api/auth/logout", { method: "POST" });
    router.push("/login");
    router.refresh();
  }
  return (
    <header className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 border-b border-slate-200 bg-white px-3 py-2 sm:px-6">
      <Link href="/console" className="text-lg font-bold text-brand-dark">
        {t("common.appName")} · {t("console.title")}
      </Link>
      <nav className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
        {[["/org/sessions", t("reports.sessions")] as const, ...(isOrganiser ? ORGANISER_LINKS.map(([href, key]) => [href, t(key)] as const) : [])].map(([href, label]) => (
          <Link key={href} href={href} className="underline">
            {label}
          </Link>
        ))}
        <span className="text-slate-600">{userName}</span>
        <LanguageSwitcher />
        <button type="button" onClick={logout} className="underline">
          {t("common.signOut")}
        </button>
      </nav>
    </header>
  );
}
