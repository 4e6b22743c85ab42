import type { SessionState } from "./session-state";

/** The collections that grow with a session: the ones worth writing in place. */
export type GrowingRecord = "notes" | "participants" | "sketches" | "votesBy" | "devices";
export type GrowingList = "noteOrder" | "participantOrder" | "sketchOrder";
type Kept = GrowingRecord | GrowingList | "strokes";

/**
 * How a fold writes the growing collections of a session state.
 *
 * `applyEvent` on its own is pure: each collection an event changes is a new
 * copy, which costs as much as the collection is large (a 20,000-note record
 * takes milliseconds to copy). A fold made by `createFold` owns the copies it
 * made and writes them in place from then on, so one event costs the same in
 * a session of 10 notes or 20,000.
 */
export interface Writer {
  /** Whether a copy of this collection stays this fold's own for later events (else only for the event being applied). */
  keeps(kind: Kept): boolean;
  owned: WeakSet<object>;
  /** Copies made while applying the current event. */
  fresh: WeakSet<object>;
  /** In-place writes to undo, newest last, while a rollback point is set. */
  undo: (() => void)[] | null;
}

let active: Writer | null = null;

/** Runs `f` with `w` writing: the growing collections it owns are written in place. */
export function writingWith<T>(w: Writer, f: () => T): T {
  const outer = active;
  active = w;
  w.fresh = new WeakSet();
  try {
    return f();
  } finally {
    active = outer;
  }
}

function mayWrite(w: Writer, o: object): boolean {
  return w.owned.has(o) || w.fresh.has(o);
}

function adopt(w: Writer, kind: Kept, copy: object): void {
  (w.keeps(kind) ? w.owned : w.fresh).add(copy);
}

/** The record `next[key]`, writable: the fold's own, or a new copy put in `next`. */
export function recordFor<K extends GrowingRecord>(next: SessionState, key: K): SessionState[K] {
  const w = active;
  if (w && mayWrite(w, next[key])) return next[key];
  const copy = { ...next[key] };
  next[key] = copy;
  if (w) adopt(w, key, copy);
  return copy;
}

/** The list `next[key]`, writable: the fold's own, or a new copy put in `next`. */
export function listFor<K extends GrowingList>(next: SessionState, key: K): SessionState[K] {
  const w = active;
  if (w && mayWrite(w, next[key])) return next[key];
  const copy = [...next[key]];
  next[key] = copy;
  if (w) adopt(w, key, copy);
  return copy;
}

/**
 * Sets `record[id]` in a record from `recordFor`. Defined, not assigned: ids
 * are made on phones, and one such as "__proto__" must name an entry.
 */
export function putEntry<T>(record: Record<string, T>, id: string, value: T): void {
  const w = active;
  if (w?.undo && w.owned.has(record)) {
    const had = Object.hasOwn(record, id);
    const before = record[id];
    w.undo.push(had ? () => define(record, id, before) : () => delete record[id]);
  }
  define(record, id, value);
}

/** Appends to a list from `listFor` (or a strokes list from `strokesFor`). */
export function pushEntry<T>(list: T[], value: T): void {
  const w = active;
  if (w?.undo && w.owned.has(list)) {
    const length = list.length;
    w.undo.push(() => {
      list.length = length;
    });
  }
  list.push(value);
}

/** A sketch's strokes, writable in place when the fold owns them; else null (the caller copies, then `adoptStrokes`). */
export function ownedStrokes<T>(strokes: T[]): T[] | null {
  return active && mayWrite(active, strokes) ? strokes : null;
}

/** Marks a new strokes list as the fold's own. */
export function adoptStrokes(strokes: object): void {
  if (active) adopt(active, "strokes", strokes);
}

function define<T>(record: Record<string, T>, id: string, value: T): void {
  Object.defineProperty(record, id, { value, writable: true, enumerable: true, configurable: true });
}
