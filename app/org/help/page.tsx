import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ConsoleHeader } from "@/components/console/ConsoleHeader";
import { HelpContactsEditor } from "@/components/org/HelpContactsEditor";
import { requireUser } from "@/lib/server/accounts/current-user";
import { getServices } from "@/lib/server/services";

export const dynamic = "force-dynamic";

export default async function HelpContactsPage() {
  const user = await requireUser("/org/help");
  if (user.role !== "organiser") notFound();
  const t = await getTranslations("org");
  const ts = await getTranslations("safeguarding");
  return (
    <>
      <ConsoleHeader userName={user.name} isOrganiser />
      <main className="mx-auto flex max-w-4xl flex-col gap-4 p-6">
        <h1 className="text-2xl font-bold">{t("help")}</h1>
        <p className="text-slate-700">{t("helpIntro")}</p>
        <p className="text-sm text-slate-600">{t("helpNextSession")}</p>
        <Link href="/org/safeguarding" className="text-sm font-semibold text-brand-dark underline">
          {ts("settingsTitle")}: {ts("consentTitle")} · {ts("helpPolicyTitle")}
        </Link>
        <HelpContactsEditor initial={await getServices().help.get()} />
      </main>
    </>
  );
}
