import { z } from "zod";
import { helpContactSchema } from "./help-contacts";
import { LOCALES } from "./locales";
import { planSchema } from "./plan";

/** A countdown, in server time. Running: `endsAt` counts; idle or paused: `remainingMs` waits. */
export const timerSchema = z.object({
  status: z.enum(["idle", "running", "paused"]),
  durationMs: z.number(),
  remainingMs: z.number(),
  endsAt: z.number().nullable(),
});
export type TimerState = z.infer<typeof timerSchema>;

/**
 * Everything that matters in a live session is one of these events, stored
 * with a per-session sequence number before anyone hears of it. Server and
 * clients fold them with the same `applyEvent`.
 */
export const sessionCreatedSchema = z.object({
  type: z.literal("session:created"),
  payload: z.object({
    title: z.string(),
    language: z.enum(LOCALES),
    code: z.string(),
    trainerId: z.string(),
    /** A copy of the plan as it was at the start, so later edits never change this session's record. */
    plan: planSchema.nullable(),
    help: z.object({ contacts: z.array(helpContactSchema), examples: z.boolean() }),
  }),
});

export const agendaMovedSchema = z.object({
  type: z.literal("agenda:moved"),
  payload: z.object({ index: z.number().int(), timer: timerSchema }),
});

export const timerSetSchema = z.object({
  type: z.literal("timer:set"),
  payload: z.object({ action: z.enum(["start", "pause", "extend", "reset"]), timer: timerSchema }),
});

export const participantJoinedSchema = z.object({
  type: z.literal("participant:joined"),
  payload: z.object({
    participantId: z.string(),
    nickname: z.string(),
  }),
});

export const sessionEndedSchema = z.object({
  type: z.literal("session:ended"),
  payload: z.object({}),
});

export const eventBodySchema = z.discriminatedUnion("type", [
  sessionCreatedSchema,
  participantJoinedSchema,
  sessionEndedSchema,
  agendaMovedSchema,
  timerSetSchema,
]);

/** The type and payload of an event, before the log gives it a place. */
export type EventBody = z.infer<typeof eventBodySchema>;
export type EventType = EventBody["type"];

export const EVENT_TYPES = eventBodySchema.options.map((o) => o.shape.type.value) as EventType[];

/** Who caused an event. Kept in the log for reports; never sent to participants. */
export type Actor =
  | { kind: "user"; id: string }
  | { kind: "participant"; id: string }
  | { kind: "system" };

/** An event as the log holds it. */
export type SessionEvent = EventBody & {
  sessionId: string;
  seq: number;
  /** Server time in ms since the epoch. */
  at: number;
  actor: Actor;
  /** The client-made id of the command that caused it, for idempotent resends. */
  commandId: string | null;
};

/** An event as a client receives it: no actor, no command id. */
export type ClientEvent = EventBody & { sessionId: string; seq: number; at: number };

export type EventOf<T extends EventType> = Extract<SessionEvent, { type: T }>;
