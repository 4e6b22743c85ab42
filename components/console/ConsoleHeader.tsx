"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { LanguageSwitcher } from "@/components/ui/LanguageSwitcher";

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
        <Link href="/org/sessions" className="underline">
          {t("reports.sessions")}
        </Link>
        {isOrganiser && (
          <>
            <Link href="/org/plans" className="underline">
              {t("org.plans")}
            </Link>
            <Link href="/org/media" className="underline">
              {t("media.title")}
            </Link>
            <Link href="/org/help" className="underline">
              {t("org.help")}
            </Link>
            <Link href="/org/trainers" className="underline">
              {t("console.trainers")}
            </Link>
          </>
        )}
        <span className="text-slate-600">{userName}</span>
        <LanguageSwitcher />
        <button type="button" onClick={logout} className="underline">
          {t("common.signOut")}
        </button>
      </nav>
    </header>
  );
}
