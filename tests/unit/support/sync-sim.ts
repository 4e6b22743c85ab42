/**
 * A simulation of one live session as the server runs it and every client
 * folds it (in the spirit of tldraw's sync fuzzing): commands go through
 * decide(), are stored with the next seq, folded into the server state, and
 * each form of the event that routeEvent() makes is delivered to the viewers
 * whose socket.io rooms match the route (rooms as the live server keeps them:
 * see `reaches`, after roomsFor in lib/server/live/room-routing.ts). Each
 * viewer folds what it received with applyEvent, as its live store does.
 */
import { isDeepStrictEqual } from "node:util";
import { applyEvent } from "@/lib/domain/apply-event";
import { decide } from "@/lib/domain/commands";
import type { CommandActor, DecideContext, Decision } from "@/lib/domain/decision";
import type { ClientEvent, EventBody, SessionEvent } from "@/lib/domain/events";
import { emptySessionState, type SessionState } from "@/lib/domain/session-state";
import { HELP_EVENT_TYPES } from "@/lib/domain/safeguarding";
import { parseSketchId } from "@/lib/domain/sketch";
import { embedsCurrentState, eventForViewer, routeEvent, sketchAudience, stateForViewer, toClientEvent, type Route, type Viewer } from "@/lib/domain/visibility";
import type { Plan } from "@/lib/domain/plan";
import { createdBody, PLAN, SESSION, type SessionCommand } from "./session-fixtures";

export interface SimViewer {
  /** "trainer", "screen", or a participant id. */
  name: string;
  viewer: Viewer;
  /** What the client passes to applyEvent: its participant id on a phone, null on a console or projector. */
  self: string | null;
  state: SessionState;
  /** Whether its socket is in the session's rooms now. */
  connected: boolean;
  /** A phone whose group changed, or whose group gained someone, since it joined (see KNOWN GAP below). */
  regrouped: boolean;
  /** Sketches the projector first received whole with their restoring (see `divergence`). */
  lateSketches: Set<string>;
}

/** What a client does with an event: fold it with its own id (phones) or none (console, projector). */
function deliver(v: SimViewer, e: ClientEvent): void {
  if (e.type === "sketch:restored" && e.payload.sketch && !v.state.sketches[e.payload.sketchId]) v.lateSketches.add(e.payload.sketchId);
  v.state = applyEvent(v.state, e, v.self);
}

export interface Delivery {
  to: SimViewer;
  event: ClientEvent;
  route: Route;
}

export type StepResult = { decision: Decision; event: SessionEvent | null; before: SessionState; after: SessionState; deliveries: Delivery[] };

/** A session with a trainer's console and a projector watching, and phones p1..pN joined (nicknames nick-pN). */
export function startSim(opts: { plan?: Plan | null; phones?: number; filter?: (text: string) => boolean; seed?: number } = {}): SyncSim {
  const sim = new SyncSim(opts.seed ?? 1, opts.filter);
  sim.store(createdBody(opts.plan === undefined ? PLAN : opts.plan, true));
  sim.watch("trainer");
  sim.watch("screen");
  for (let i = 1; i <= (opts.phones ?? 4); i++) sim.must({ type: "participant:join", participantId: `p${i}`, nickname: `nick-p${i}` }, { kind: "participant", id: `p${i}` });
  return sim;
}

export class SyncSim {
  server: SessionState = emptySessionState(SESSION);
  readonly log: SessionEvent[] = [];
  readonly viewers = new Map<string, SimViewer>();
  now = 1_000_000;
  private ids = 0;
  readonly ctx: DecideContext;

  constructor(seed: number, filter?: (text: string) => boolean, concern?: (text: string) => boolean) {
    let s = (seed % 2147483646) + 1;
    this.ctx = {
      now: this.now,
      newId: () => `x${++this.ids}`,
      random: () => {
        s = (s * 16807) % 2147483647;
        return s / 2147483647;
      },
      filter,
      concern,
    };
  }

  /** The trainer's console and the projector start watching (a snapshot, as `session:watch` answers with). */
  watch(name: "trainer" | "screen"): SimViewer {
    const viewer: Viewer = { kind: name === "trainer" ? "staff" : "screen" };
    const v: SimViewer = { name, viewer, self: null, state: stateForViewer(this.server, viewer), connected: true, regrouped: false, lateSketches: new Set() };
    this.viewers.set(name, v);
    return v;
  }

  /** Stores an event body the way the hub does (seq, time) and delivers it: for the session's creation. */
  store(body: EventBody): StepResult {
    this.now += 1000;
    return this.accept({ ok: true, event: body }, { kind: "system" });
  }

  /** Runs one command: decide, store, fold, route, deliver. A refused command changes nothing. */
  run(command: SessionCommand, actor: CommandActor): StepResult {
    this.now += 1000;
    const decision = decide(this.server, command, actor, { ...this.ctx, now: this.now });
    const logActor: SessionEvent["actor"] = actor.kind === "system" ? { kind: "system" } : { kind: actor.kind, id: actor.id };
    const result = this.accept(decision, logActor);
    // The hub binds a joining phone after the event went out, then answers with a snapshot.
    if (result.event?.type === "participant:joined") {
      const id = result.event.payload.participantId;
      const viewer: Viewer = { kind: "participant", participantId: id };
      this.viewers.set(id, { name: id, viewer, self: id, state: stateForViewer(this.server, viewer), connected: true, regrouped: false, lateSketches: new Set() });
    }
    return result;
  }

  private accept(decision: Decision, actor: SessionEvent["actor"]): StepResult {
    const before = this.server;
    if (!decision.ok) return { decision, event: null, before, after: before, deliveries: [] };
    const event = { ...decision.event, sessionId: SESSION, seq: before.seq + 1, at: this.now, actor, commandId: `cmd${before.seq + 1}` } as SessionEvent;
    this.log.push(event);
    const after = applyEvent(before, toClientEvent(event));
    this.server = after;
    const deliveries: Delivery[] = [];
    for (const { route, event: ce } of routeEvent(event, after)) {
      for (const v of this.audience(route, after)) deliveries.push({ to: v, event: ce, route });
    }
    for (const d of deliveries) deliver(d.to, d.event);
    // KNOWN GAP: a phone whose group changed, or whose group gained someone, misses what was drawn, announced and timed there before.
    const moved = after.participantOrder.filter((id) => (before.membership[id] ?? null) !== (after.membership[id] ?? null) && before.participants[id]);
    for (const v of this.viewers.values()) {
      if (!v.self) continue;
      const mine = after.membership[v.self] ?? null;
      if (moved.includes(v.self) || (mine && moved.some((id) => after.membership[id] === mine))) v.regrouped = true;
    }
    return { decision, event, before, after, deliveries };
  }

  /** The connected viewers a route reaches. */
  audience(route: Route, after: SessionState): SimViewer[] {
    return [...this.viewers.values()].filter((v) => v.connected && reaches(route, v.viewer, after));
  }

  /** Runs a command that must be accepted (scripted scenarios). */
  must(command: SessionCommand, actor: CommandActor): StepResult {
    const r = this.run(command, actor);
    if (!r.decision.ok) throw new Error(`${command.type} refused: ${r.decision.error.code} ${r.decision.error.message}`);
    return r;
  }

  /** Connected clients whose state is not what they should hold, with the fields that differ. */
  outOfSync(allowKnownGap = false): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const v of this.viewers.values()) {
      if (!v.connected) continue;
      const fields = divergence(v, this.expected(v), allowKnownGap);
      if (fields.length) out[v.name] = fields;
    }
    return out;
  }

  viewer(name: string): SimViewer {
    const v = this.viewers.get(name);
    if (!v) throw new Error(`no viewer ${name}`);
    return v;
  }

  disconnect(name: string): void {
    const v = this.viewers.get(name);
    if (v) v.connected = false;
  }

  /**
   * Reconnects a viewer the way the hub's `sync` answers a small gap: the
   * events after the client's last seq, each as `eventForViewer` gives it
   * against the current state, folded on top of what the client holds; or a
   * snapshot when one of them carries current state (`embedsCurrentState`).
   */
  reconnect(name: string): { kind: "events" | "snapshot"; events: ClientEvent[] } {
    const v = this.viewers.get(name);
    if (!v) return { kind: "events", events: [] };
    v.connected = true;
    // What the hub would send; also returned when a snapshot is taken instead, so it can be checked for leaks.
    const events = missedEvents(this.log, v, this.server);
    if (events.some(embedsCurrentState)) {
      v.state = stateForViewer(this.server, v.viewer);
      v.regrouped = false;
      v.lateSketches.clear();
      return { kind: "snapshot", events };
    }
    for (const e of events) deliver(v, e);
    return { kind: "events", events };
  }

  expected(v: SimViewer): SessionState {
    return stateForViewer(this.server, v.viewer);
  }
}

/**
 * Whether a route reaches a viewer's socket, with rooms as the server keeps
 * them: consoles in "trainers", the projector in "screen", every phone in its
 * participant room and in the room of its group after the event (phones are
 * moved between group rooms before the event goes out).
 */
export function reaches(route: Route, viewer: Viewer, after: SessionState): boolean {
  if (viewer.kind !== "participant") {
    if (route.to === "all" || route.to === "staff") return true;
    return route.to === (viewer.kind === "staff" ? "trainers" : "screen");
  }
  const id = viewer.participantId;
  const group = after.membership[id] ?? null;
  switch (route.to) {
    case "all":
      return true;
    case "participants":
      return route.except !== id;
    case "group":
      return group === route.groupId && route.except !== id;
    case "ungrouped":
      return group === null || !after.groupOrder.includes(group);
    case "participant":
      return route.participantId === id;
    default:
      return false;
  }
}

/** What the hub's `sync` sends for a small gap: each event after the client's seq, as `eventForViewer` gives it now. */
export function missedEvents(log: readonly SessionEvent[], v: SimViewer, now: SessionState): ClientEvent[] {
  return log
    .filter((e) => e.seq > v.state.seq)
    .map((e) => eventForViewer(e, v.viewer, now))
    .filter((e): e is ClientEvent => e !== null);
}

/**
 * Whether a resync form carries notes as they are *now* (a membership view,
 * "show all", a restored or released note). Folding later missed events on
 * top of them counts their votes twice: BUG (reported) in the hub's `sync`,
 * which builds every missed event's form against the current state. The
 * "safe" reconnect answers such gaps with a snapshot, as the fix would.
 */

// ---------------------------------------------------------------------------
// What a viewer may hold, and what it may never be told.

/**
 * The part of a viewer's state that must equal `stateForViewer(server)`.
 * Only what is listed here may differ, and only in the way described:
 *
 * - `seq`: a client's cursor is the seq of the last event *it* received;
 *   events routed elsewhere do not move it (resync asks from there). A
 *   snapshot carries the server's seq. Checked separately: never ahead.
 * - Tombstones on the projector and phones: a note that was hidden, or held
 *   by the word filter after an edit, stays in a room client's state with its
 *   new status (a held one with its text blanked), and a sketch hidden from
 *   the projector stays there flagged hidden. No client renders them
 *   (walls and galleries filter on status/hidden), a snapshot just leaves
 *   them out, and `leaks()` checks no text or stroke arrived after they
 *   were hidden. So they are dropped before comparing.
 */
export function comparable(state: SessionState, viewer: Viewer): Omit<SessionState, "seq"> {
  const { seq: _seq, ...rest } = state;
  if (viewer.kind === "staff") return rest;
  const noteOrder = rest.noteOrder.filter((id) => rest.notes[id]?.status === "visible");
  const out = { ...rest, noteOrder, notes: Object.fromEntries(noteOrder.map((id) => [id, rest.notes[id]])) };
  if (viewer.kind !== "screen") return out;
  const sketchOrder = rest.sketchOrder.filter((id) => !rest.sketches[id]?.hidden);
  return { ...out, sketchOrder, sketches: Object.fromEntries(sketchOrder.map((id) => [id, rest.sketches[id]])) };
}

/**
 * KNOWN GAP (reported, needs a protocol change): a membership event tells a
 * phone its new group's members and notes, but not the sketches drawn there
 * before (the group's canvas, new mates' own sketches), the group's earlier
 * broadcasts, or its extra time. A phone that changed group, or whose group
 * gained someone, may therefore *lack* such items, never hold extra ones:
 * for those fields its state must be a part of the expected one.
 */
function lagsBehind(folded: SessionState, expected: SessionState): string[] {
  const out: string[] = [];
  for (const id of folded.sketchOrder) {
    const mine = folded.sketches[id];
    const theirs = expected.sketches[id];
    if (!theirs) {
      out.push("sketches");
      continue;
    }
    // A phone that first hears of a sketch from a later stroke builds its record from that stroke:
    // not hidden, not done, and the stroke's groupId (which names the drawer's group now rather than
    // the sketch's: reported, decideSketches reads a null groupId with `??`). Owner and step must match.
    const metaA = { id: mine.id, ownerKind: mine.ownerKind, ownerId: mine.ownerId, stepId: mine.stepId };
    const metaB = { id: theirs.id, ownerKind: theirs.ownerKind, ownerId: theirs.ownerId, stepId: theirs.stepId };
    const [a, b] = [mine.strokes, theirs.strokes];
    const ids = new Set(b.map((x) => x.id));
    if (!isDeepStrictEqual(metaA, metaB) || a.some((x) => !ids.has(x.id) || !isDeepStrictEqual(x, b.find((y) => y.id === x.id)))) out.push("sketches");
  }
  if (Object.keys(folded.sketches).length !== folded.sketchOrder.length) out.push("sketchOrder");
  for (const b of folded.broadcasts) if (!expected.broadcasts.some((x) => isDeepStrictEqual(x, b))) out.push("broadcasts");
  for (const [g, t] of Object.entries(folded.groupTimers)) if (!isDeepStrictEqual(expected.groupTimers[g], t)) out.push("groupTimers");
  return [...new Set(out)];
}

const LAGGING_FIELDS = new Set(["sketches", "sketchOrder", "broadcasts", "groupTimers"]);

/**
 * The fields in which a viewer's folded state differs from what it should
 * hold (empty: in sync). Besides `comparable` and the KNOWN GAP above, one
 * allowance: a sketch the projector did not hold when it was restored (it
 * connected or resynced while the sketch was hidden) arrives whole with the
 * restoring and goes last in the projector's gallery; the server keeps it
 * in first-stroke order. Events carry nothing to place it by, so such
 * sketches are left out of the order comparison (they must still be there).
 */
export function divergence(v: SimViewer, expected: SessionState, allowKnownGap = true): string[] {
  const a = comparable(v.state, v.viewer) as unknown as Record<string, unknown>;
  const b = comparable(expected, v.viewer) as unknown as Record<string, unknown>;
  if (v.lateSketches.size) {
    const sameSet = isDeepStrictEqual([...(a.sketchOrder as string[])].sort(), [...(b.sketchOrder as string[])].sort());
    const strip = (order: unknown) => (order as string[]).filter((id) => !v.lateSketches.has(id));
    if (sameSet) [a.sketchOrder, b.sketchOrder] = [strip(a.sketchOrder), strip(b.sketchOrder)];
  }
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  const lagging = allowKnownGap && v.viewer.kind === "participant" && v.regrouped;
  const diff = keys.filter((k) => !(lagging && LAGGING_FIELDS.has(k)) && !isDeepStrictEqual(a[k], b[k]));
  return lagging ? [...diff, ...lagsBehind(v.state, expected)] : diff;
}

/** Every plain object inside a value (payload scanning). */
function* objects(value: unknown): Generator<Record<string, unknown>> {
  if (Array.isArray(value)) for (const x of value) yield* objects(x);
  else if (value && typeof value === "object") {
    yield value as Record<string, unknown>;
    for (const x of Object.values(value)) yield* objects(x);
  }
}

function* strings(value: unknown): Generator<string> {
  if (typeof value === "string") yield value;
  else if (Array.isArray(value)) for (const x of value) yield* strings(x);
  else if (value && typeof value === "object") for (const x of Object.values(value)) yield* strings(x);
}

const isNoteLike = (o: Record<string, unknown>) => typeof o.id === "string" && "anonymous" in o && "authorId" in o && "text" in o;
const SKETCH_EVENT_TYPES = new Set(["stroke:committed", "stroke:removed", "sketch:marked", "sketch:hidden", "sketch:restored"]);

/**
 * What this viewer may never receive, checked on one delivered event against
 * the server state after it. Returns the leaks found (empty when none).
 * `nicknames` maps each participant's nickname to its id.
 */
export function leaks(v: SimViewer, e: ClientEvent, after: SessionState, nicknames: Map<string, string>): string[] {
  const out: string[] = [];
  const payload = e.payload as Record<string, unknown>;
  // Nobody, the trainer included, learns who wrote an anonymous note.
  for (const o of objects(payload)) {
    if (isNoteLike(o) && o.anonymous === true && o.authorId !== null) out.push(`anonymous note ${o.id} with its author`);
  }
  // Nor who asked to talk to someone: the server routes the reply, no client is told the id.
  if (HELP_EVENT_TYPES.has(e.type) && Object.keys(payload).some((k) => k === "participantIds" || (k === "participantId" && payload[k] !== ""))) out.push(`the requester of ${e.type}`);
  if (v.viewer.kind === "staff") return out;

  // A help request reaches the trainer and the phone that asked: never the projector, never another phone.
  if (HELP_EVENT_TYPES.has(e.type) && e.type !== "help:purged") {
    const asker = after.helpRequests[(payload as { requestId: string }).requestId]?.participantId;
    if (v.viewer.kind === "screen" || asker !== v.self) out.push(`${e.type} of someone else's request`);
  }
  // Whether the concern list matched is for the trainer alone.
  for (const o of objects(payload)) if ("concern" in o) out.push(`the concern mark in ${e.type}`);

  const me = v.self;
  const myGroup = me ? (after.membership[me] ?? null) : null;
  // Who voted reaches only the voter (and staff).
  if (e.type === "note:voted" && e.payload.voterId !== "" && e.payload.voterId !== me) out.push(`voterId ${e.payload.voterId}`);
  if (e.type === "attendance:peaked") out.push("attendance");
  if (e.type === "participant:profiled" && e.payload.participantId !== me) out.push(`profile of ${e.payload.participantId}`);

  // A held or hidden note's text reaches neither projector nor phones.
  for (const o of objects(payload)) {
    if (!isNoteLike(o)) continue;
    const status = after.notes[o.id as string]?.status;
    if (status !== undefined && status !== "visible") out.push(`${status} note ${o.id}`);
    if (o.status !== "visible") out.push(`note ${o.id} sent as ${String(o.status)}`);
  }
  // Which notes the word filter flagged is for the trainer's eyes.
  for (const o of objects(payload)) if (isNoteLike(o) && o.flagged === true) out.push(`the filter's flag on note ${o.id}`);
  if (e.type === "note:edited" && e.payload.flagged) out.push(`the filter's flag on note ${e.payload.noteId}`);
  if (e.type === "note:edited" && e.payload.text !== "" && after.notes[e.payload.noteId]?.status !== "visible") out.push(`text of ${after.notes[e.payload.noteId]?.status} note ${e.payload.noteId}`);

  if (v.viewer.kind === "screen") {
    if (SKETCH_EVENT_TYPES.has(e.type) && e.type !== "sketch:hidden") {
      const id = (payload as { sketchId: string }).sketchId;
      if (after.sketches[id]?.hidden) out.push(`hidden sketch ${id}`);
    }
    return out;
  }

  // A phone: only its own group's people, notes, sketches, broadcasts and timers.
  for (const s of strings(payload)) {
    const who = nicknames.get(s);
    if (who && who !== me && (myGroup === null || after.membership[who] !== myGroup)) out.push(`nickname of ${who} (not in ${myGroup})`);
  }
  if (!after.board.showAll) {
    for (const o of objects(payload)) {
      if (isNoteLike(o) && o.groupId !== null && o.groupId !== myGroup) out.push(`note ${o.id} of group ${o.groupId}`);
    }
  }
  // A hiding (ids only) goes to every phone, since all of them know the spotlight.
  if (SKETCH_EVENT_TYPES.has(e.type) && e.type !== "sketch:hidden") {
    const id = (payload as { sketchId: string }).sketchId;
    const a = sketchAudience(id, after);
    if (!(a.owner === me || (a.groupId !== null && a.groupId === myGroup))) out.push(`sketch ${id} of ${parseSketchId(id)?.ownerId}`);
  }
  if (e.type === "broadcast:sent" && e.payload.groupId !== null && e.payload.groupId !== myGroup) out.push(`broadcast to ${e.payload.groupId}`);
  if (e.type === "group-timer:set" && e.payload.groupId !== myGroup) out.push(`timer of ${e.payload.groupId}`);
  if (e.type === "groups:formed" && e.payload.groups.some((g) => g.members.length > 0 && g.id !== myGroup)) out.push("members of other groups");
  return out;
}

/** Leaks visible in a viewer's folded state (what it would render or could read from memory). */
export function stateLeaks(v: SimViewer, st: SessionState): string[] {
  const out: string[] = [];
  for (const n of Object.values(st.notes)) if (n.anonymous && n.authorId !== null) out.push(`holds the author of anonymous note ${n.id}`);
  for (const r of Object.values(st.helpRequests)) if (r.participantId !== null) out.push(`holds who made help request ${r.id}`);
  if (v.viewer.kind === "staff") return out;
  if (v.viewer.kind === "screen" && st.helpOrder.length) out.push("the projector holds help requests");
  for (const n of Object.values(st.notes)) if (n.concern !== undefined) out.push(`holds the concern mark of note ${n.id}`);
  for (const voter of Object.keys(st.votesBy)) if (voter !== v.self) out.push(`holds votes of ${voter}`);
  for (const who of Object.keys(st.profiles)) if (who !== v.self) out.push(`holds profile of ${who}`);
  return out;
}

/**
 * Which form of a stored event each client in the room receives live
 * ("trainer", "screen", and each joined phone by id): null when none.
 */
export function delivered(event: SessionEvent, after: SessionState): Record<string, ClientEvent | null> {
  const viewers: [string, Viewer][] = [
    ["trainer", { kind: "staff" }],
    ["screen", { kind: "screen" }],
    ...after.participantOrder.map((id): [string, Viewer] => [id, { kind: "participant", participantId: id }]),
  ];
  const out: Record<string, ClientEvent | null> = {};
  for (const [name, viewer] of viewers) {
    const forms = routeEvent(event, after).filter((r) => reaches(r.route, viewer, after));
    if (forms.length > 1) throw new Error(`${name} would receive ${event.type} ${forms.length} times`);
    out[name] = forms[0]?.event ?? null;
  }
  return out;
}
