/** The optional profile question a phone may answer (apart from events.ts, so phones load no zod). */
export const AGE_BANDS = ["under-16", "16-17", "18-24", "25-34", "35-plus", "no-answer"] as const;
export const SEXES = ["female", "male", "no-answer"] as const;
