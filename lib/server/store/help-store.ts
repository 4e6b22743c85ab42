import { EXAMPLE_HELP_CONTACTS, type HelpContact, type HelpInfo } from "@/lib/domain/help-contacts";
import { helpContactsSchema } from "@/lib/domain/help-contacts-schema";
import type { Db } from "./db";

const KEY = "help_contacts";

/** The organisation's support contacts, kept as entered by an organiser. */
export interface HelpStore {
  /** The entered contacts (possibly none). */
  get(): HelpContact[];
  set(contacts: HelpContact[]): void;
  /** What a new session shows: real contacts, or labelled examples while there are none. */
  forSession(): HelpInfo;
}

export function createHelpStore(db: Db): HelpStore {
  const read = () => {
    const row = db.prepare("SELECT value FROM settings WHERE key = ?").get(KEY) as { value: string } | undefined;
    if (!row) return [];
    const parsed = helpContactsSchema.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : [];
  };
  return {
    get: read,
    set(contacts) {
      const valid = helpContactsSchema.parse(contacts);
      db.prepare("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(KEY, JSON.stringify(valid));
    },
    forSession() {
      const contacts = read();
      return contacts.length ? { contacts, examples: false } : { contacts: EXAMPLE_HELP_CONTACTS, examples: true };
    },
  };
}
