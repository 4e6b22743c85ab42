import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AccountForm } from "@/components/auth/AccountForm";
import { LanguageSwitcher } from "@/components/ui/LanguageSwitcher";
import { safeNext } from "@/lib/server/security/safe-next";
import { getServices } from "@/lib/server/services";

export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  if ((await getServices().users.count()) === 0) redirect("/setup");
  const t = await getTranslations();
  // Only a path on this site: never an open redirect (see safeNext).
  const { next } = await searchParams;
  return (
    <main className="mx-auto flex max-w-md flex-col gap-6 p-6">
      <header className="flex items-center justify-between">
        <h1 className="text-2xl font-bold">{t("login.title")}</h1>
        <LanguageSwitcher />
      </header>
      <AccountForm action="/api/auth/login" submitLabel={t("login.submit")} next={safeNext(next)} />
    </main>
  );
}
