import { z } from "zod";
import { cleanLine } from "./text";

/** A calendar date, YYYY-MM-DD, that exists. */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "not a date");

const sourceSchema = z.string().max(200).transform(cleanLine);

/**
 * A support service as an organiser entered and verified it. Shown verbatim,
 * never edited by the app. `verifiedOn` and `source` say when and how the
 * organiser checked it; contacts saved before they existed lack them (and are
 * then shown, but never offered as a tap-to-call link).
 */
export const helpContactSchema = z.strictObject({
  name: z.string().max(120).transform(cleanLine).pipe(z.string().min(1)),
  phone: z.string().max(60).transform(cleanLine).pipe(z.string().min(1)),
  hours: z.string().max(120).transform(cleanLine).default(""),
  helpsWith: z.string().max(300).transform(cleanLine).default(""),
  /** When the organiser last checked the number. */
  verifiedOn: isoDateSchema.optional(),
  /** Where they checked it: the service's own website, an official list, a call to it. */
  source: sourceSchema.optional(),
});
export type HelpContact = z.infer<typeof helpContactSchema>;

export const helpContactsSchema = z.array(helpContactSchema).max(12);

/** A contact as an organiser saves it now: when and where it was checked are required. */
export const verifiedHelpContactSchema = helpContactSchema.extend({ verifiedOn: isoDateSchema, source: sourceSchema.pipe(z.string().min(1)) });

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
