import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ConsoleHeader } from "@/components/console/ConsoleHeader";
import { PlanEditor } from "@/components/org/PlanEditor";
import { requireUser } from "@/lib/server/accounts/current-user";
import { getServices } from "@/lib/server/services";

export const dynamic = "force-dynamic";

export default async function PlanEditPage({ params }: { params: Promise<{ planId: string }> }) {
  const { planId } = await params;
  const user = await requireUser(`/org/plans/${planId}/edit`);
  if (user.role !== "organiser") notFound();
  const found = await getServices().plans.get(planId);
  if (!found) notFound();
  // File plans are read-only templates: preview them instead.
  if (found.source !== "custom") redirect(`/org/plans/${planId}`);
  const t = await getTranslations("org");
  return (
    <>
      <ConsoleHeader userName={user.name} isOrganiser />
      <main className="mx-auto flex max-w-6xl flex-col gap-4 p-6">
        <Link href={`/org/plans/${planId}`} className="text-sm underline">
          ← {t("preview")}
        </Link>
        <h1 className="font-mono text-sm text-slate-600">{planId}</h1>
        <PlanEditor initial={found.plan} />
      </main>
    </>
  );
}
