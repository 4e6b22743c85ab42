import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AccountForm } from "@/components/auth/AccountForm";
import { getServices } from "@/lib/server/services";

export const dynamic = "force-dynamic";

/** Offered once: while no account exists. */
export default async function SetupPage() {
  if ((await getServices().users.count()) > 0) redirect("/login");
  const t = await getTranslations();
  return (
    <main className="mx-auto flex max-w-md flex-col gap-6 p-6">
      <h1 className="text-2xl font-bold">{t("setup.title")}</h1>
      <p>{t("setup.intro")}</p>
      <AccountForm action="/api/auth/setup" submitLabel={t("setup.submit")} withName next="/console" />
    </main>
  );
}
