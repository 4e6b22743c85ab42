import type { z } from "zod";
import type { helpContactSchema } from "./help-contacts-schema";

/**
 * A support service as an organiser entered and verified it (helpContactSchema,
 * in help-contacts-schema.ts: this file stays free of zod, for the phone's bundle).
 */
export type HelpContact = z.infer<typeof helpContactSchema>;

/** Whether a contact may be offered as a tel:/sms: link: a real contact whose check date and source are known. Examples never. */
export function isDialable(contact: HelpContact, help: Pick<HelpInfo, "examples">): boolean {
  return !help.examples && !!contact.verifiedOn && !!contact.source;
}

/** What a session shows in its help step: the organisation's contacts, or clearly labelled examples. */
export interface HelpInfo {
  contacts: HelpContact[];
  /** True while the organisation has entered no contacts: the UI labels them as examples, not real numbers. */
  examples: boolean;
}

/** Placeholders until an organiser enters real, verified contacts. Not real numbers. */
export const EXAMPLE_HELP_CONTACTS: HelpContact[] = [
  { name: "Example national hotline", phone: "000 000 000", hours: "24/7", helpsWith: "Example: advice for people at risk of trafficking and their families" },
  { name: "Example youth helpline", phone: "000 000 001", hours: "Mon–Fri 9:00–18:00", helpsWith: "Example: confidential support for young people" },
];
