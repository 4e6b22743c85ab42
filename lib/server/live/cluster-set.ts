/** One change of a shared set: `id` joined (`present`) or left the set of `sessionId`. */
export interface SetChange {
  sessionId: string;
  id: string;
  present: boolean;
}

/** What one instance holds of a shared set: session id -> member ids. */
export type SetSnapshot = Record<string, string[]>;

/**
 * A volatile per-session set (who is online, who stepped out) that several
 * instances share without storing it: each instance counts its own members
 * (a phone with two tabs is one member until both close) and keeps what the
 * others last told it. A member is in the set while any instance has it.
 * Nothing here is ever written to disk.
 */
export class ClusterSet {
  private readonly own = new Map<string, Map<string, number>>();
  private readonly others = new Map<string, { seen: number; sessions: Map<string, Set<string>> }>();

  /** `publish` hears of every change to this instance's own members (to tell the other instances). */
  constructor(private readonly publish: (change: SetChange) => void = () => {}) {}

  /** Adds one hold on `id` (`counted`: every add needs its remove); true when it just entered the set. */
  add(sessionId: string, id: string, counted = true): boolean {
    let s = this.own.get(sessionId);
    if (!s) this.own.set(sessionId, (s = new Map()));
    const n = s.get(id) ?? 0;
    if (n > 0 && !counted) return false;
    s.set(id, n + 1);
    if (n > 0) return false;
    this.publish({ sessionId, id, present: true });
    return !this.elsewhere(sessionId, id);
  }

  /** Drops one hold on `id` (or all of them with `all`); true when it just left the set. */
  remove(sessionId: string, id: string, all = false): boolean {
    const s = this.own.get(sessionId);
    const n = s?.get(id);
    if (!s || !n) return false;
    if (n > 1 && !all) {
      s.set(id, n - 1);
      return false;
    }
    s.delete(id);
    if (s.size === 0) this.own.delete(sessionId);
    this.publish({ sessionId, id, present: false });
    return !this.elsewhere(sessionId, id);
  }

  /** Forgets a session's own members without telling anyone (the session is over everywhere). */
  clear(sessionId: string): boolean {
    let had = this.own.delete(sessionId);
    for (const o of this.others.values()) had = o.sessions.delete(sessionId) || had;
    return had;
  }

  /** Whether this instance itself holds `id` (one of its own sockets). */
  holds(sessionId: string, id: string): boolean {
    return !!this.own.get(sessionId)?.get(id);
  }

  has(sessionId: string, id: string): boolean {
    return !!this.own.get(sessionId)?.get(id) || this.elsewhere(sessionId, id);
  }

  members(sessionId: string): string[] {
    const out = new Set(this.own.get(sessionId)?.keys() ?? []);
    for (const o of this.others.values()) for (const id of o.sessions.get(sessionId) ?? []) out.add(id);
    return [...out];
  }

  size(sessionId: string): number {
    return this.others.size === 0 ? (this.own.get(sessionId)?.size ?? 0) : this.members(sessionId).length;
  }

  /** This instance's own members, for a heartbeat to the others. */
  snapshot(): SetSnapshot {
    return Object.fromEntries([...this.own].map(([sessionId, s]) => [sessionId, [...s.keys()]]));
  }

  /** Another instance's change; returns it when the shared set changed. */
  applyChange(instance: string, change: SetChange, now: number): SetChange | null {
    const o = this.instance(instance, now);
    const had = this.has(change.sessionId, change.id);
    let s = o.sessions.get(change.sessionId);
    if (change.present) {
      if (!s) o.sessions.set(change.sessionId, (s = new Set()));
      s.add(change.id);
    } else if (s) {
      s.delete(change.id);
      if (s.size === 0) o.sessions.delete(change.sessionId);
    }
    return had === this.has(change.sessionId, change.id) ? null : change;
  }

  /** Another instance's whole set (its heartbeat); returns the changes to the shared set. */
  applySnapshot(instance: string, snapshot: SetSnapshot, now: number): SetChange[] {
    const before = this.instance(instance, now).sessions;
    const after = new Map(Object.entries(snapshot).map(([sessionId, ids]) => [sessionId, new Set(ids)]));
    return this.swap(instance, before, after, now);
  }

  /** Instances not heard from since `before` (ms) are gone: their members leave. */
  expire(before: number, now: number): SetChange[] {
    const changes: SetChange[] = [];
    for (const [instance, o] of [...this.others]) {
      if (o.seen >= before) continue;
      changes.push(...this.swap(instance, o.sessions, new Map(), now));
      this.others.delete(instance);
    }
    return changes;
  }

  private swap(instance: string, before: Map<string, Set<string>>, after: Map<string, Set<string>>, now: number): SetChange[] {
    const touched: { sessionId: string; id: string; had: boolean }[] = [];
    for (const [sessionId, ids] of before) for (const id of ids) if (!after.get(sessionId)?.has(id)) touched.push({ sessionId, id, had: this.has(sessionId, id) });
    for (const [sessionId, ids] of after) for (const id of ids) if (!before.get(sessionId)?.has(id)) touched.push({ sessionId, id, had: this.has(sessionId, id) });
    this.instance(instance, now).sessions = after;
    return touched.filter((t) => t.had !== this.has(t.sessionId, t.id)).map((t) => ({ sessionId: t.sessionId, id: t.id, present: !t.had }));
  }

  private instance(instance: string, now: number) {
    let o = this.others.get(instance);
    if (!o) this.others.set(instance, (o = { seen: now, sessions: new Map() }));
    o.seen = Math.max(o.seen, now);
    return o;
  }

  private elsewhere(sessionId: string, id: string): boolean {
    for (const o of this.others.values()) if (o.sessions.get(sessionId)?.has(id)) return true;
    return false;
  }
}
