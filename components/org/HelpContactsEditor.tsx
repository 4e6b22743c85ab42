"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/Button";
import { ErrorText } from "@/components/ui/ErrorText";
import { callApi } from "@/lib/client/api";
import type { HelpContact } from "@/lib/domain/help-contacts";

const empty: HelpContact = { name: "", phone: "", hours: "", helpsWith: "", verifiedOn: "", source: "" };

/**
 * The organisation's support contacts: shown to participants only once an
 * organiser confirms they are checked; each says when and where it was
 * checked (phones offer a call or text only for such contacts).
 */
export function HelpContactsEditor({ initial }: { initial: HelpContact[] }) {
  const t = useTranslations("org");
  const ts = useTranslations("safeguarding");
  const tc = useTranslations("common");
  const [contacts, setContacts] = useState<HelpContact[]>(initial.length ? initial : [empty]);
  const [verified, setVerified] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const set = (i: number, patch: Partial<HelpContact>) => {
    setSaved(false);
    setContacts((cs) => cs.map((c, n) => (n === i ? { ...c, ...patch } : c)));
  };

  async function save(e: React.FormEvent) {
    e.preventDefault();
    const filled = contacts.filter((c) => c.name.trim() || c.phone.trim());
    const r = await callApi("/api/help-contacts", { method: "PUT", body: { contacts: filled, verified } });
    setSaved(r.ok);
    setError(r.ok ? null : r.error.code);
    setMessage(r.ok ? null : r.error.message);
  }

  const field = "rounded-lg border border-slate-300 bg-white px-2 py-1.5";
  return (
    <form onSubmit={save} className="flex flex-col gap-4">
      {contacts.map((c, i) => (
        <fieldset key={i} className="grid gap-2 rounded-2xl bg-white p-4 shadow-sm md:grid-cols-2" data-testid="help-contact-form">
          <label className="flex flex-col text-sm">
            {t("contactName")}
            <input className={field} value={c.name} onChange={(e) => set(i, { name: e.target.value })} maxLength={120} />
          </label>
          <label className="flex flex-col text-sm">
            {t("phone")}
            <input className={field} value={c.phone} onChange={(e) => set(i, { phone: e.target.value })} maxLength={60} inputMode="tel" />
          </label>
          <label className="flex flex-col text-sm">
            {t("hours")}
            <input className={field} value={c.hours} onChange={(e) => set(i, { hours: e.target.value })} maxLength={120} />
          </label>
          <label className="flex flex-col text-sm">
            {t("helpsWith")}
            <input className={field} value={c.helpsWith} onChange={(e) => set(i, { helpsWith: e.target.value })} maxLength={300} />
          </label>
          <label className="flex flex-col text-sm">
            {ts("verifiedOnLabel")}
            <input className={field} type="date" required={!!(c.name.trim() || c.phone.trim())} value={c.verifiedOn ?? ""} onChange={(e) => set(i, { verifiedOn: e.target.value })} />
          </label>
          <label className="flex flex-col text-sm">
            {ts("sourceLabel")}
            <input className={field} required={!!(c.name.trim() || c.phone.trim())} value={c.source ?? ""} onChange={(e) => set(i, { source: e.target.value })} maxLength={200} placeholder={ts("sourcePlaceholder")} />
          </label>
          <div>
            <Button variant="secondary" onClick={() => setContacts((cs) => cs.filter((_, n) => n !== i))}>
              {t("remove")}
            </Button>
          </div>
        </fieldset>
      ))}
      <div>
        <Button variant="secondary" onClick={() => setContacts((cs) => [...cs, empty])} disabled={contacts.length >= 12}>
          {t("addContact")}
        </Button>
      </div>
      <p className="text-sm text-slate-600">{ts("checkHint")}</p>
      <label className="flex items-start gap-2 rounded-lg bg-amber-50 p-3">
        <input type="checkbox" checked={verified} onChange={(e) => setVerified(e.target.checked)} className="mt-1" />
        <span>{t("verified")}</span>
      </label>
      <ErrorText code={error} />
      {message && error === "BAD_REQUEST" && <p className="text-sm text-rose-800">{message}</p>}
      <div className="flex items-center gap-3">
        <Button type="submit">{tc("save")}</Button>
        {saved && (
          <span role="status" className="font-semibold text-emerald-700">
            {t("saved")}
          </span>
        )}
      </div>
    </form>
  );
}
