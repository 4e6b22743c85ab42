import { ERROR_CODES, HTTP_STATUS } from "@/lib/domain/errors";
import { LOCALES } from "@/lib/domain/locales";
import { ERROR_MESSAGES } from "@/lib/i18n/error-catalogue";

describe("the error-code table", () => {
  it.each(LOCALES)("has a real %s message for every code", (locale) => {
    for (const code of ERROR_CODES) {
      const text = ERROR_MESSAGES[locale].errors[code];
      expect(typeof text).toBe("string");
      expect(text.trim().length).toBeGreaterThan(3);
      // A Russian or Kazakh message is not the English one left in place.
      if (locale !== "en") expect(text).not.toBe(ERROR_MESSAGES.en.errors[code]);
    }
  });

  it("gives every code an HTTP status, server faults only for INTERNAL", () => {
    for (const code of ERROR_CODES) {
      expect(HTTP_STATUS[code]).toBeGreaterThanOrEqual(400);
      expect(HTTP_STATUS[code] >= 500).toBe(code === "INTERNAL");
    }
  });
});
