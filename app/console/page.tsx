import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { isLocale } from "@/lib/domain/locales";
import { DEFAULT_PLAN_ID, localize } from "@/lib/domain/plan";
import { ConsoleHeader } from "@/components/console/ConsoleHeader";
import { NewSessionForm } from "@/components/console/NewSessionForm";
import { requireUser } from "@/lib/server/accounts/current-user";
import { getServices } from "@/lib/server/services";

export const dynamic = "force-dynamic";

export default async function ConsoleHome() {
  const user = await requireUser("/console");
  const t = await getTranslations();
  const format = await getFormatter();
  // Organisers see every session of the organisation; trainers their own.
  const sessions = await getServices().store.listSessions({ trainerId: user.role === "organiser" ? undefined : user.id, limit: 50 });
  const locale = await getLocale();
  const planOptions = (await getServices().plans.list()).map((p) => ({ id: p.id, title: localize(p.title, isLocale(locale) ? locale : "en"), minutes: p.minutes }));
  const live = sessions.filter((s) => s.status === "live");
  const ended = sessions.filter((s) => s.status === "ended");
  return (
    <>
      <ConsoleHeader userName={user.name} isOrganiser={user.role === "organiser"} />
      <main className="mx-auto grid max-w-5xl gap-6 p-6 md:grid-cols-2">
        <section className="rounded-2xl bg-white p-6 shadow-sm">
          <h1 className="mb-4 text-xl font-bold">{t("console.newSession")}</h1>
          <NewSessionForm plans={planOptions} defaultPlanId={planOptions.find((p) => p.id === DEFAULT_PLAN_ID)?.id ?? planOptions[0]?.id ?? null} />
        </section>
        <section className="flex flex-col gap-6">
          {[
            { title: t("console.liveSessions"), list: live },
            { title: t("console.pastSessions"), list: ended },
          ].map(({ title, list }) => (
            <div key={title} className="rounded-2xl bg-white p-6 shadow-sm">
              <h2 className="mb-3 text-lg font-semibold">{title}</h2>
              {list.length === 0 ? (
                <p className="text-slate-600">{t("console.noSessions")}</p>
              ) : (
                <ul className="divide-y divide-slate-100">
                  {list.map((s) => (
                    <li key={s.id} className="flex items-center justify-between gap-3 py-2">
                      <div>
                        <div className="font-medium">{s.title}</div>
                        <div className="text-sm text-slate-600">
                          {format.dateTime(new Date(s.createdAt), { dateStyle: "medium", timeStyle: "short" })} · {s.code}
                        </div>
                      </div>
                      <Link href={`/console/${s.id}`} className="font-semibold text-brand-dark underline">
                        {t("console.open")}
                      </Link>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          ))}
        </section>
      </main>
    </>
  );
}
