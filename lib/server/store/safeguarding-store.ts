import { z } from "zod";
import { HELP_RETENTION, type ConsentNotice, type ConsentSettings, type HelpRetention } from "@/lib/domain/consent";
import { DEFAULT_CONSENT } from "@/lib/domain/consent-defaults";
import { consentNoticeSchema } from "@/lib/domain/consent-schema";
import type { Db } from "./db";

const CONSENT_KEY = "consent";
const HELP_RETENTION_KEY = "help_retention";

const storedConsentSchema = z.object({ required: z.boolean(), notice: consentNoticeSchema.nullable() });

/** The organisation's safeguarding settings: the consent notice phones see before joining, and what happens to help requests after a session. */
export interface SafeguardingStore {
  consent(): ConsentSettings;
  /** `notice: null` goes back to the default text. */
  setConsent(input: { required: boolean; notice: ConsentNotice | null }): ConsentSettings;
  helpRetention(): HelpRetention;
  setHelpRetention(value: HelpRetention): void;
}

export function createSafeguardingStore(db: Db): SafeguardingStore {
  const read = (key: string): unknown => {
    const row = db.prepare("SELECT value FROM settings WHERE key = ?").get(key) as { value: string } | undefined;
    if (!row) return undefined;
    try {
      return JSON.parse(row.value);
    } catch {
      return undefined;
    }
  };
  const write = (key: string, value: unknown) =>
    db.prepare("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(key, JSON.stringify(value));
  const store: SafeguardingStore = {
    consent() {
      const parsed = storedConsentSchema.safeParse(read(CONSENT_KEY));
      if (!parsed.success) return DEFAULT_CONSENT;
      const { required, notice } = parsed.data;
      return notice ? { required, notice, custom: true } : { ...DEFAULT_CONSENT, required };
    },
    setConsent(input) {
      write(CONSENT_KEY, storedConsentSchema.parse(input));
      return store.consent();
    },
    helpRetention() {
      const v = read(HELP_RETENTION_KEY);
      return (HELP_RETENTION as readonly unknown[]).includes(v) ? (v as HelpRetention) : "purge";
    },
    setHelpRetention(value) {
      write(HELP_RETENTION_KEY, z.enum(HELP_RETENTION).parse(value));
    },
  };
  return store;
}
