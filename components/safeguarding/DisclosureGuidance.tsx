"use client";

import { useLocale, useTranslations } from "next-intl";
import guidance from "@/content/guidance/disclosure.json";
import { isDialable, type HelpInfo } from "@/lib/domain/help-contacts";
import { isLocale, type Locale } from "@/lib/domain/locales";
import { ContactCheck } from "./ContactCheck";

interface Guidance {
  title: string;
  intro: string;
  say: string[];
  avoid: string[];
  next: string[];
  contacts: string;
}

const GUIDANCE: Record<Locale, Guidance> = { en: guidance.en, ru: guidance.ru, kk: guidance.kk };

/**
 * "If someone discloses": what to say, what not to do, what to do next, and
 * whom to call (the organisation's contacts of the session). The texts live
 * in content/guidance/disclosure.json, in the console's language.
 */
export function DisclosureGuidance({ help }: { help: HelpInfo }) {
  const t = useTranslations("safeguarding");
  const ts = useTranslations("step");
  const locale = useLocale();
  const g = GUIDANCE[isLocale(locale) ? locale : "en"];
  const list = (items: string[]) => (
    <ul className="list-disc pl-5">
      {items.map((x, i) => (
        <li key={i}>{x}</li>
      ))}
    </ul>
  );
  return (
    <section className="flex flex-col gap-2 rounded-xl border border-teal-200 bg-teal-50 p-3 text-sm text-teal-950" data-testid="disclosure-guidance" lang={locale}>
      <h3 className="text-base font-bold">{g.title}</h3>
      <p>{g.intro}</p>
      <h4 className="font-semibold">{t("sayTitle")}</h4>
      {list(g.say)}
      <h4 className="font-semibold">{t("avoidTitle")}</h4>
      {list(g.avoid)}
      <h4 className="font-semibold">{t("nextTitle")}</h4>
      {list(g.next)}
      <h4 className="font-semibold">{g.contacts}</h4>
      {help.examples && <p className="font-semibold text-rose-700">{ts("helpExamples")}</p>}
      <ul className="flex flex-col gap-1">
        {help.contacts.map((c, i) => (
          <li key={i}>
            <span className="font-semibold">{help.examples ? ts(i === 0 ? "example1Name" : "example2Name") : c.name}</span>{" "}
            <span className={isDialable(c, help) ? "font-bold" : "text-slate-500"}>{c.phone}</span>
            {c.hours && <span> · {c.hours}</span>}
            <ContactCheck contact={c} examples={help.examples} />
          </li>
        ))}
      </ul>
    </section>
  );
}
