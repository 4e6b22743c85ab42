import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ConsoleHeader } from "@/components/console/ConsoleHeader";
import { ConsentSettingsForm } from "@/components/safeguarding/ConsentSettingsForm";
import { HelpPolicyForm } from "@/components/safeguarding/HelpPolicyForm";
import { requireUser } from "@/lib/server/accounts/current-user";
import { getServices } from "@/lib/server/services";

export const dynamic = "force-dynamic";

/** The organisation's safeguarding settings: the notice phones see before joining, and the policy for requests to talk. */
export default async function SafeguardingSettingsPage() {
  const user = await requireUser("/org/safeguarding");
  if (user.role !== "organiser") notFound();
  const t = await getTranslations("safeguarding");
  const { safeguarding } = getServices();
  return (
    <>
      <ConsoleHeader userName={user.name} isOrganiser />
      <main className="mx-auto flex max-w-4xl flex-col gap-4 p-6">
        <h1 className="text-2xl font-bold">{t("settingsTitle")}</h1>
        <p className="text-slate-700">{t("settingsIntro")}</p>
        <ConsentSettingsForm initial={await safeguarding.consent()} />
        <HelpPolicyForm initial={await safeguarding.helpRetention()} />
      </main>
    </>
  );
}
