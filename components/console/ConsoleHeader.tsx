"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { LanguageSwitcher } from "@/components/ui/LanguageSwitcher";

const ORGANISER_LINKS = [
  ["/org/plans", "org.plans"],
  ["/org/media", "media.title"],
  ["/org/help", "org.help"],
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
    <header className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 bg-white px-6 py-3">
      <Link href="/console" className="text-xl font-bold text-brand-dark">
        {t("common.appName")} · {t("console.title")}
      </Link>
      <nav className="flex items-center gap-4 text-sm">
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
