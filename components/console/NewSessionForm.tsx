"use client";

import { LocaleOptions } from "@/components/ui/LocaleOptions";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/Button";
import { ErrorText } from "@/components/ui/ErrorText";
import { Field } from "@/components/ui/Field";
import { LiveConnection } from "@/lib/client/live-connection";
import { createLiveStore } from "@/lib/client/live-store";
import { LOCALES } from "@/lib/domain/locales";
import type { SessionCreateAck } from "@/lib/protocol/events";
import type { Ack } from "@/lib/protocol/result";

/** Creates a session over the socket (the hub is the only writer) and opens its console. */
export function NewSessionForm({ plans, defaultPlanId }: { plans: { id: string; title: string; minutes: number }[]; defaultPlanId: string | null }) {
  const t = useTranslations();
  const locale = useLocale();
  const router = useRouter();
  const [conn] = useState(() => new LiveConnection(createLiveStore(), { kind: "lobby" }));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    conn.start();
    return () => conn.stop();
  }, [conn]);

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    const ack = (await conn.send("session:create", {
      title: String(data.get("title") ?? ""),
      language: String(data.get("language")) as (typeof LOCALES)[number],
      ...(data.get("planId") ? { planId: String(data.get("planId")) } : {}),
      askProfile: data.get("askProfile") === "on",
    })) as Ack<SessionCreateAck>;
    if (ack.ok) {
      router.push(`/console/${ack.sessionId}`);
    } else {
      setError(ack.error.code);
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-4">
      <Field label={t("console.sessionTitle")} name="title" required maxLength={120} />
      <label className="flex flex-col gap-1">
        <span className="font-medium">{t("console.sessionLanguage")}</span>
        <select name="language" defaultValue={locale} className="min-h-11 rounded-lg border border-slate-300 bg-white px-3">
          <LocaleOptions />
        </select>
      </label>
      <label className="flex flex-col gap-1">
        <span className="font-medium">{t("console.plan")}</span>
        <select name="planId" defaultValue={defaultPlanId ?? ""} className="min-h-11 rounded-lg border border-slate-300 bg-white px-3">
          {plans.map((p) => (
            <option key={p.id} value={p.id}>
              {p.title} · {t("agenda.minutes", { count: p.minutes })}
            </option>
          ))}
          <option value="">{t("agenda.noPlan")}</option>
        </select>
      </label>
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" name="askProfile" className="mt-1" />
        <span>{t("profile.ask")}</span>
      </label>
      <ErrorText code={error} />
      <Button type="submit" disabled={busy}>
        {busy ? t("console.creating") : t("console.create")}
      </Button>
    </form>
  );
}
