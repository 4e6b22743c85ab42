import { LOCALE_NAMES, LOCALES } from "@/lib/domain/locales";

/** The three languages as <option>s, each in its own script. */
export function LocaleOptions() {
  return (
    <>
      {LOCALES.map((l) => (
        <option key={l} value={l} lang={l}>
          {LOCALE_NAMES[l]}
        </option>
      ))}
    </>
  );
}
