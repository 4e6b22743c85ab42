import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LanguageSwitcher } from "@/components/ui/LanguageSwitcher";
import { getServices } from "@/lib/server/services";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  if ((await getServices().users.count()) === 0) redirect("/setup");
  const t = await getTranslations();
  return (
    <main className="mx-auto flex max-w-xl flex-col gap-8 p-6">
      <header className="flex items-center justify-between">
        <h1 className="text-3xl font-bold text-brand-dark">{t("common.appName")}</h1>
        <LanguageSwitcher />
      </header>
      <p className="text-lg">{t("common.tagline")}</p>
      <section className="rounded-2xl bg-white p-6 shadow-sm">
        <Link href="/join" className="block rounded-lg bg-brand px-4 py-4 text-center text-xl font-semibold text-white hover:bg-brand-dark">
          {t("home.join")}
        </Link>
        <p className="mt-3 text-slate-600">{t("home.joinHint")}</p>
      </section>
      <section className="rounded-2xl bg-white p-6 shadow-sm">
        <h2 className="mb-3 text-lg font-semibold">{t("home.trainers")}</h2>
        <Link href="/console" className="font-semibold text-brand-dark underline">
          {t("home.console")}
        </Link>
      </section>
    </main>
  );
}
