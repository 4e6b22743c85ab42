import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ConsoleHeader } from "@/components/console/ConsoleHeader";
import { PlanActions } from "@/components/org/PlanActions";
import { PlanPreview } from "@/components/org/PlanPreview";
import { isLocale } from "@/lib/domain/locales";
import { localize } from "@/lib/domain/plan";
import { requireUser } from "@/lib/server/accounts/current-user";
import { getServices } from "@/lib/server/services";

export const dynamic = "force-dynamic";

export default async function PlanPreviewPage({ params }: { params: Promise<{ planId: string }> }) {
  const { planId } = await params;
  const user = await requireUser(`/org/plans/${planId}`);
  const found = await getServices().plans.get(planId);
  if (!found) notFound();
  const t = await getTranslations();
  const locale = await getLocale();
  const lang = isLocale(locale) ? locale : "en";
  return (
    <>
      <ConsoleHeader userName={user.name} isOrganiser={user.role === "organiser"} />
      <main className="mx-auto flex max-w-6xl flex-col gap-4 p-6">
        <Link href="/org/plans" className="text-sm underline">
          ← {t("org.plans")}
        </Link>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h1 className="text-2xl font-bold">{localize(found.plan.title, lang)}</h1>
          {user.role === "organiser" && <PlanActions id={planId} source={found.source} />}
        </div>
        {found.plan.description && <p className="text-slate-700">{localize(found.plan.description, lang)}</p>}
        <PlanPreview plan={found.plan} help={await getServices().help.forSession()} initialLocale={lang} />
      </main>
    </>
  );
}
