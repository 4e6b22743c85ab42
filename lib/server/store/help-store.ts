import { EXAMPLE_HELP_CONTACTS, type HelpContact, type HelpInfo } from "@/lib/domain/help-contacts";
import { helpContactsSchema } from "@/lib/domain/help-contacts-schema";
import { readSetting, writeSetting } from "./settings";
import type { Sql } from "./sql";

const KEY = "help_contacts";

/** The organisation's support contacts, kept as entered by an organiser. */
export interface HelpStore {
  /** The entered contacts (possibly none). */
  get(): Promise<HelpContact[]>;
  set(contacts: HelpContact[]): Promise<void>;
  /** What a new session shows: real contacts, or labelled examples while there are none. */
  forSession(): Promise<HelpInfo>;
}

export function createHelpStore(sql: Sql): HelpStore {
  const read = async (): Promise<HelpContact[]> => {
    const value = await readSetting(sql, KEY);
    if (value === undefined) return [];
    const parsed = helpContactsSchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : [];
  };
  return {
    get: read,
    async set(contacts) {
      const valid = helpContactsSchema.parse(contacts);
      await writeSetting(sql, KEY, JSON.stringify(valid));
    },
    async forSession() {
      const contacts = await read();
      return contacts.length ? { contacts, examples: false } : { contacts: EXAMPLE_HELP_CONTACTS, examples: true };
    },
  };
}
