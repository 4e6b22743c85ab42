import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AccountForm } from "@/components/auth/AccountForm";
import { ConsoleHeader } from "@/components/console/ConsoleHeader";
import { requireUser } from "@/lib/server/accounts/current-user";
import { getServices } from "@/lib/server/services";

export const dynamic = "force-dynamic";

/** Organisers add and list trainer accounts. */
export default async function TrainersPage() {
  const user = await requireUser("/org/trainers");
  if (user.role !== "organiser") notFound();
  const t = await getTranslations();
  const users = await getServices().users.list();
  return (
    <>
      <ConsoleHeader userName={user.name} isOrganiser />
      <main className="mx-auto grid max-w-5xl gap-6 p-6 md:grid-cols-2">
        <section className="rounded-2xl bg-white p-6 shadow-sm">
          <h1 className="mb-4 text-xl font-bold">{t("org.trainers")}</h1>
          <ul className="divide-y divide-slate-100" data-testid="account-list">
            {users.map((u) => (
              <li key={u.id} className="py-2">
                <div className="font-medium">{u.name}</div>
                <div className="text-sm text-slate-600">
                  {u.email} · {u.role === "organiser" ? t("org.organiser") : t("org.trainer")}
                </div>
              </li>
            ))}
          </ul>
        </section>
        <section className="rounded-2xl bg-white p-6 shadow-sm">
          <h2 className="mb-4 text-lg font-semibold">{t("org.addTrainer")}</h2>
          <AccountForm action="/api/users" submitLabel={t("org.addTrainer")} withName withRole />
        </section>
      </main>
    </>
  );
}
