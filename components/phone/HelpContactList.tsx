"use client";

import { useTranslations } from "next-intl";
import { isDialable, type HelpContact, type HelpInfo } from "@/lib/domain/help-contacts";
import { ContactCheck } from "@/components/safeguarding/ContactCheck";

/** Digits and a leading plus: what a tel: or sms: link dials. */
export function dialable(phone: string): string {
  return phone.replace(/[^\d+]/g, "");
}

/**
 * The session's support contacts on a phone. Real contacts (as the
 * organiser entered and confirmed them, with when and where each was
 * checked) can be called or texted with one tap; one saved without a check
 * date and source is shown, not linked; examples are labelled as examples
 * and are never links, so nobody dials a made-up number.
 */
export function HelpContactList({ help }: { help: HelpInfo }) {
  const t = useTranslations("phone");
  const ts = useTranslations("step");
  // Examples are the app's own placeholders, so they speak the phone's language; real contacts stay as entered.
  const examples: Partial<HelpContact>[] = [
    { name: ts("example1Name"), hours: ts("example1Hours"), helpsWith: ts("example1HelpsWith") },
    { name: ts("example2Name"), hours: ts("example2Hours"), helpsWith: ts("example2HelpsWith") },
  ];
  const shown = help.examples ? help.contacts.map((c, i) => ({ ...c, ...examples[i] })) : help.contacts;
  return (
    <section className="flex flex-col gap-2" data-testid="help-contacts" data-examples={help.examples}>
      {help.examples && (
        <p className="rounded-lg border-2 border-dashed border-rose-400 p-2 text-sm font-semibold text-rose-700" data-testid="help-examples">
          {ts("helpExamples")}
        </p>
      )}
      <ul className="flex flex-col gap-2">
        {shown.map((c, i) => (
          <li key={i} className="flex flex-col gap-1 rounded-xl border border-slate-200 bg-white p-3" data-testid="help-contact">
            <p className="font-bold">{c.name}</p>
            {help.examples ? (
              <p className="flex flex-wrap items-baseline gap-x-2">
                <span className="text-xl font-black text-slate-500" data-testid="help-example-number">
                  {c.phone}
                </span>
                <span className="text-sm font-semibold text-rose-700">{t("exampleNumber")}</span>
              </p>
            ) : !isDialable(c, help) ? (
              <p className="text-xl font-black tracking-wide" data-testid="help-number">
                {c.phone}
              </p>
            ) : (
              <div className="flex flex-wrap gap-2">
                <a
                  href={`tel:${dialable(c.phone)}`}
                  className="inline-flex min-h-11 flex-1 items-center gap-2 rounded-lg bg-brand px-3 py-1 font-semibold text-white"
                  data-testid="help-call"
                >
                  <span className="text-sm">{t("call")}</span>
                  <span className="text-xl font-black tracking-wide">{c.phone}</span>
                </a>
                <a
                  href={`sms:${dialable(c.phone)}`}
                  aria-label={t("smsTo", { name: c.name })}
                  className="inline-flex min-h-11 min-w-11 items-center justify-center rounded-lg border border-brand px-3 font-semibold text-brand-dark"
                  data-testid="help-sms"
                >
                  {t("sms")}
                </a>
              </div>
            )}
            {c.hours && (
              <p className="text-sm">
                {ts("hours")}: {c.hours}
              </p>
            )}
            {c.helpsWith && <p className="text-sm text-slate-700">{c.helpsWith}</p>}
            <ContactCheck contact={c} examples={help.examples} />
          </li>
        ))}
      </ul>
    </section>
  );
}
