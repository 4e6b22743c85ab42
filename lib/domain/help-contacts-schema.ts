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

export const helpContactsSchema = z.array(helpContactSchema).max(12);

/** A contact as an organiser saves it now: when and where it was checked are required. */
export const verifiedHelpContactSchema = helpContactSchema.extend({ verifiedOn: isoDateSchema, source: sourceSchema.pipe(z.string().min(1)) });
