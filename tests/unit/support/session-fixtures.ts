/**
 * Builders for domain tests: a session's state made from events (the way the
 * hub makes it), the actors who send commands, and a decide() shortcut.
 */
import { applyEvent } from "@/lib/domain/apply-event";
import { decide } from "@/lib/domain/commands";
import type { CommandActor, DecideContext, Decision, SessionCommand } from "@/lib/domain/decision";
import type { Note } from "@/lib/domain/board";
import type { EventBody, SessionEvent } from "@/lib/domain/events";
import type { Plan, PlanStep } from "@/lib/domain/plan";
import { emptySessionState, type SessionState } from "@/lib/domain/session-state";
import { toClientEvent } from "@/lib/domain/visibility";
import { ctx } from "../ctx";

export type { SessionCommand };
export type Body<T extends EventBody["type"]> = Extract<EventBody, { type: T }>;

export const SESSION = "s1";
export const TRAINER_ID = "t1";

export const trainer: CommandActor = { kind: "user", id: TRAINER_ID, role: "trainer" };
export const otherTrainer: CommandActor = { kind: "user", id: "t2", role: "trainer" };
export const organiser: CommandActor = { kind: "user", id: "o1", role: "organiser" };
export const system: CommandActor = { kind: "system" };
export const phone = (id: string): CommandActor => ({ kind: "participant", id });


const step = (id: string, kind: PlanStep["kind"], extra: Partial<PlanStep> = {}): PlanStep => ({
  id,
  kind,
  title: { en: id },
  durationMinutes: 5,
  groups: false,
  ...extra,
});

/** A plan with every kind of step the live rules care about. */
export const PLAN: Plan = {
  id: "test-plan",
  version: 1,
  title: { en: "Test plan" },
  steps: [
    step("welcome", "intro"),
    step("ideas", "brainstorm", { groups: true }),
    step("poster", "sketch", { groups: true }),
    step("self", "sketch"),
    step("talk", "discussion"),
    step("film", "video", { media: "film", warning: { en: "Hard content" }, pausePoints: [{ at: 20, prompt: { en: "Why?" } }] }),
    step("clip", "video", { media: "clip" }),
  ],
};
export const STEP = { welcome: 0, ideas: 1, poster: 2, self: 3, talk: 4, film: 5, clip: 6 } as const;

/** A stored event (what the log holds), from a body. */
export function stored(body: EventBody, seq: number, actor: SessionEvent["actor"] = { kind: "system" }, at = 1000 + seq): SessionEvent {
  return { ...body, sessionId: SESSION, seq, at, actor, commandId: `c${seq}` } as SessionEvent;
}

export function createdBody(plan: Plan | null = PLAN, askProfile = false): Body<"session:created"> {
  return {
    type: "session:created",
    payload: { title: "Workshop", language: "en", code: "ABCDEF", trainerId: TRAINER_ID, plan, help: { contacts: [], examples: true }, askProfile },
  };
}

export const joinedBody = (participantId: string, nickname = `nick-${participantId}`): Body<"participant:joined"> => ({
  type: "participant:joined",
  payload: { participantId, nickname },
});

export const gotoBody = (index: number): Body<"agenda:moved"> => ({
  type: "agenda:moved",
  payload: { index, timer: { status: "idle", durationMs: 300_000, remainingMs: 300_000, endsAt: null } },
});

/** Groups "ga" and "gb" (ids valid in sketch ids) with the given members. */
export function formedBody(groups: Record<string, string[]>, selfSelect = false, cap: number | null = null): Body<"groups:formed"> {
  const list = Object.entries(groups).map(([id, members], i) => ({ id, name: `Group ${i + 1}`, colour: "#000000", members }));
  return { type: "groups:formed", payload: { groups: list, selfSelect, cap, sizes: Object.fromEntries(list.map((g) => [g.id, g.members.length])) } };
}

export function note(id: string, over: Partial<Note> = {}): Note {
  return { id, groupId: null, stepId: null, text: `text of ${id}`, authorId: "p1", anonymous: false, status: "visible", flagged: false, clusterId: null, votes: 0, createdAt: 1, editedAt: null, ...over };
}
export const noteAddedBody = (n: Note): Body<"note:added"> => ({ type: "note:added", payload: { note: n } });

export const strokeBody = (sketchId: string, ownerKind: "participant" | "group", ownerId: string, groupId: string | null, stepId: string | null, strokeId: string, authorId: string): Body<"stroke:committed"> => ({
  type: "stroke:committed",
  payload: { sketchId, groupId, ownerKind, ownerId, stepId, stroke: { id: strokeId, colour: "#111827", width: 6, tool: "pen", points: [1, 2, 3], authorId } },
});

/**
 * A session's history as the server has it: the stored events and the state
 * folded from them. `then` runs more bodies on top (a copy; the original is kept).
 */
export class History {
  constructor(
    readonly events: SessionEvent[] = [],
    readonly state: SessionState = emptySessionState(SESSION),
  ) {}

  static of(...bodies: EventBody[]): History {
    return new History().then(...bodies);
  }

  then(...bodies: EventBody[]): History {
    let h: History = this;
    for (const body of bodies) {
      const e = stored(body, h.state.seq + 1);
      h = new History([...h.events, e], applyEvent(h.state, toClientEvent(e)));
    }
    return h;
  }

  /** Runs a command the way the hub does; throws when it is refused. */
  run(command: SessionCommand, actor: CommandActor, c: DecideContext = ctx(5000)): History {
    const d = decide(this.state, command, actor, c);
    if (!d.ok) throw new Error(`${command.type} refused: ${d.error.code}`);
    return this.then(d.event);
  }

  get last(): SessionEvent {
    return this.events[this.events.length - 1];
  }
}

/** A live session with a plan, on step `index` (-1: not started), with participants p1..pN joined. */
export function liveSession(opts: { plan?: Plan | null; participants?: number; step?: number; askProfile?: boolean } = {}): History {
  const n = opts.participants ?? 4;
  const plan = opts.plan === undefined ? PLAN : opts.plan;
  const h = History.of(createdBody(plan, opts.askProfile ?? false), ...Array.from({ length: n }, (_, i) => joinedBody(`p${i + 1}`)));
  return opts.step !== undefined && opts.step >= 0 ? h.then(gotoBody(opts.step)) : h;
}

/** p1, p2 in group "ga"; p3, p4 in group "gb". */
export function twoGroups(opts: { plan?: Plan | null; step?: number; selfSelect?: boolean; cap?: number | null } = {}): History {
  const h = liveSession({ plan: opts.plan, participants: 4 }).then(formedBody({ ga: ["p1", "p2"], gb: ["p3", "p4"] }, opts.selfSelect ?? false, opts.cap ?? null));
  return opts.step !== undefined && opts.step >= 0 ? h.then(gotoBody(opts.step)) : h;
}

export const ended = (h: History): History => h.then({ type: "session:ended", payload: {} });

/** What a decision came to, for tables: the event type, or the error code. */
export function outcome(d: Decision): string {
  return d.ok ? d.event.type : d.error.code;
}

/** The event a decision accepted; fails the test when it was refused. */
export function accepted(d: Decision): EventBody {
  if (!d.ok) throw new Error(`expected an event, got ${d.error.code}: ${d.error.message}`);
  return d.event;
}
