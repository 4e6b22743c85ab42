"use client";

import { useFormatter, useTranslations } from "next-intl";
import type { HelpContact } from "@/lib/domain/help-contacts";

/**
 * When and where the organiser checked a support contact, under the contact.
 * A real contact without a check date or source says it cannot be called
 * from here (it is shown, never offered as a link). Examples show nothing:
 * they carry their own label.
 */
export function ContactCheck({ contact, examples, className = "text-xs text-slate-600" }: { contact: HelpContact; examples: boolean; className?: string }) {
  const t = useTranslations("safeguarding");
  const format = useFormatter();
  if (examples) return null;
  if (!contact.verifiedOn || !contact.source) {
    return (
      <p className={className} data-testid="contact-unchecked">
        {t("notChecked")}
      </p>
    );
  }
  const date = format.dateTime(new Date(`${contact.verifiedOn}T12:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  return (
    <p className={className} data-testid="contact-check" data-verified-on={contact.verifiedOn}>
      {t("checkedOn", { date })} · {t("source", { source: contact.source })}
    </p>
  );
}
