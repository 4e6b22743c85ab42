import { z } from "zod";
import { cleanLine } from "./text";

/** A support service as an organiser entered and verified it. Shown verbatim, never edited by the app. */
export const helpContactSchema = z.strictObject({
  name: z.string().max(120).transform(cleanLine).pipe(z.string().min(1)),
  phone: z.string().max(60).transform(cleanLine).pipe(z.string().min(1)),
  hours: z.string().max(120).transform(cleanLine).default(""),
  helpsWith: z.string().max(300).transform(cleanLine).default(""),
});
export type HelpContact = z.infer<typeof helpContactSchema>;

export const helpContactsSchema = z.array(helpContactSchema).max(12);

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
