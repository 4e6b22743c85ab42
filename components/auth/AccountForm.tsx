"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/Button";
import { ErrorText } from "@/components/ui/ErrorText";
import { Field } from "@/components/ui/Field";

/**
 * Sign-in, first-time setup and "add a trainer" share this form: it posts
 * JSON to `action` and goes to `next` on success.
 */
export function AccountForm({
  action,
  submitLabel,
  withName = false,
  withRole = false,
  next,
  onDone,
}: {
  action: string;
  submitLabel: string;
  withName?: boolean;
  withRole?: boolean;
  next?: string;
  onDone?: () => void;
}) {
  const t = useTranslations();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = Object.fromEntries(new FormData(form));
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(action, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(data) });
      const body = (await res.json().catch(() => null)) as { ok?: boolean; error?: { code: string } } | null;
      if (!res.ok || !body?.ok) {
        setError(body?.error?.code ?? "INTERNAL");
        return;
      }
      form.reset();
      onDone?.();
      if (next) router.push(next);
      router.refresh();
    } catch {
      setError("INTERNAL");
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-4">
      {withName && <Field label={t("common.name")} name="name" required maxLength={80} autoComplete="name" />}
      <Field label={t("common.email")} name="email" type="email" required maxLength={200} autoComplete="email" />
      <Field
        label={t("common.password")}
        name="password"
        type="password"
        required
        minLength={withName ? 8 : 1}
        maxLength={200}
        autoComplete={withName ? "new-password" : "current-password"}
      />
      {withRole && (
        <label className="flex flex-col gap-1">
          <span className="font-medium">{t("org.role")}</span>
          <select name="role" defaultValue="trainer" className="min-h-11 rounded-lg border border-slate-300 bg-white px-3">
            <option value="trainer">{t("org.trainer")}</option>
            <option value="organiser">{t("org.organiser")}</option>
          </select>
        </label>
      )}
      <ErrorText code={error} />
      <Button type="submit" disabled={busy}>
        {submitLabel}
      </Button>
    </form>
  );
}
