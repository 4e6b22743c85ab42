import { z } from "zod";
import { HELP_RETENTION, type ConsentNotice, type ConsentSettings, type HelpRetention } from "@/lib/domain/consent";
import { DEFAULT_CONSENT } from "@/lib/domain/consent-defaults";
import { consentNoticeSchema } from "@/lib/domain/consent-schema";
import { readSetting, writeSetting } from "./settings";
import type { Sql } from "./sql";

const CONSENT_KEY = "consent";
const HELP_RETENTION_KEY = "help_retention";

const storedConsentSchema = z.object({ required: z.boolean(), notice: consentNoticeSchema.nullable() });

/** The organisation's safeguarding settings: the consent notice phones see before joining, and what happens to help requests after a session. */
export interface SafeguardingStore {
  consent(): Promise<ConsentSettings>;
  /** `notice: null` goes back to the default text. */
  setConsent(input: { required: boolean; notice: ConsentNotice | null }): Promise<ConsentSettings>;
  helpRetention(): Promise<HelpRetention>;
  setHelpRetention(value: HelpRetention): Promise<void>;
}

export function createSafeguardingStore(sql: Sql): SafeguardingStore {
  const read = async (key: string): Promise<unknown> => {
    const value = await readSetting(sql, key);
    if (value === undefined) return undefined;
    try {
      return JSON.parse(value);
    } catch {
      return undefined;
    }
  };
  const write = (key: string, value: unknown) => writeSetting(sql, key, JSON.stringify(value));
  const store: SafeguardingStore = {
    async consent() {
      const parsed = storedConsentSchema.safeParse(await read(CONSENT_KEY));
      if (!parsed.success) return DEFAULT_CONSENT;
      const { required, notice } = parsed.data;
      return notice ? { required, notice, custom: true } : { ...DEFAULT_CONSENT, required };
    },
    async setConsent(input) {
      await write(CONSENT_KEY, storedConsentSchema.parse(input));
      return store.consent();
    },
    async helpRetention() {
      const v = await read(HELP_RETENTION_KEY);
      return (HELP_RETENTION as readonly unknown[]).includes(v) ? (v as HelpRetention) : "purge";
    },
    async setHelpRetention(value) {
      await write(HELP_RETENTION_KEY, z.enum(HELP_RETENTION).parse(value));
    },
  };
  return store;
}
