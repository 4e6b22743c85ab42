/**
 * Commands a phone has not yet had acknowledged, kept in localStorage so a
 * note written on a train with no signal, or before a reload, is still sent,
 * exactly once (the server deduplicates by command id).
 */
export interface OutboxEntry {
  name: string;
  payload: { id: string } & Record<string, unknown>;
  createdAt: number;
}

type Listener = (entries: OutboxEntry[]) => void;

export class Outbox {
  private entries: OutboxEntry[];
  private listeners = new Set<Listener>();

  constructor(
    readonly key: string,
    private readonly storage: Pick<Storage, "getItem" | "setItem"> | null = typeof window === "undefined" ? null : window.localStorage,
  ) {
    this.entries = this.read();
  }

  list(): OutboxEntry[] {
    return this.entries;
  }

  add(entry: OutboxEntry): void {
    // Reread first: another tab of the same phone may have queued or sent something meanwhile.
    const current = this.read();
    if (current.some((e) => e.payload.id === entry.payload.id)) {
      this.entries = current;
      return;
    }
    this.entries = [...current, entry];
    this.write();
  }

  remove(commandId: string): void {
    const current = this.read();
    this.entries = current.filter((e) => e.payload.id !== commandId);
    if (this.entries.length !== current.length) this.write();
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private read(): OutboxEntry[] {
    if (!this.storage) return this.entries ?? [];
    try {
      const raw = this.storage.getItem(this.key);
      const parsed = raw ? JSON.parse(raw) : [];
      return Array.isArray(parsed) ? parsed.filter((e) => e && typeof e.name === "string" && typeof e.payload?.id === "string") : [];
    } catch {
      return [];
    }
  }

  private write(): void {
    try {
      this.storage?.setItem(this.key, JSON.stringify(this.entries));
    } catch {
      // Storage full or blocked: the entries still live in memory until sent.
    }
    this.listeners.forEach((l) => l(this.entries));
  }
}

export function outboxKey(sessionId: string, participantId: string): string {
  return `ortaq.outbox.v1.${sessionId}.${participantId}`;
}
