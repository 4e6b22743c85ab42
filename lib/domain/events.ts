import { z } from "zod";
import { boardSettingsSchema, noteSchema } from "./board-schema";
import { helpContactSchema } from "./help-contacts-schema";
import type { Sketch } from "./sketch";
import { strokeSchema } from "./sketch-schema";
import { LOCALES } from "./locales";
import { AGE_BANDS, SEXES } from "./profile";
import { localizedTextSchema, planSchema } from "./plan-schema";

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
    /** Phones offer an optional age band and sex question (with "prefer not to say"). */
    askProfile: z.boolean().optional(),
  }),
});

/** The profile question's answers (defined in profile.ts, which phones import without zod). */
export { AGE_BANDS, SEXES };

export const participantProfiledSchema = z.object({
  type: z.literal("participant:profiled"),
  payload: z.object({ participantId: z.string(), ageBand: z.enum(AGE_BANDS), sex: z.enum(SEXES) }),
});

/** The projector's video: where it is (seconds) as of the event's server time, and whether it runs. */
export const videoControlledSchema = z.object({
  type: z.literal("video:controlled"),
  payload: z.object({
    action: z.enum(["play", "pause", "seek"]),
    position: z.number().min(0),
    /** Set when the video stopped by itself at a pause point. */
    pausePoint: z.number().nullable().optional(),
  }),
});
export const videoConfiguredSchema = z.object({
  type: z.literal("video:configured"),
  payload: z.object({ captions: z.enum(LOCALES).nullable(), volume: z.number().min(0).max(1) }),
});
export const videoWarningConfirmedSchema = z.object({
  type: z.literal("video:warning-confirmed"),
  payload: z.object({ stepId: z.string() }),
});

export const attendancePeakedSchema = z.object({
  type: z.literal("attendance:peaked"),
  payload: z.object({ online: z.number().int() }),
});

export const agendaMovedSchema = z.object({
  type: z.literal("agenda:moved"),
  payload: z.object({ index: z.number().int(), timer: timerSchema }),
});

/** How the session runs its step timers: start by themselves when a step opens; a tone on the projector when time is up. */
export const timerSettingsSchema = z.object({ autoStart: z.boolean(), sound: z.boolean() });
export type TimerSettings = z.infer<typeof timerSettingsSchema>;
export const timerConfiguredSchema = z.object({ type: z.literal("timer:configured"), payload: z.object({ settings: timerSettingsSchema }) });

export const timerSetSchema = z.object({
  type: z.literal("timer:set"),
  payload: z.object({
    action: z.enum(["start", "pause", "extend", "reset"]),
    timer: timerSchema,
    /** Groups with extra time follow the room's start and pause; a reset clears them. */
    groupTimers: z.record(z.string(), timerSchema).optional(),
  }),
});

/**
 * What a participant's phone is told about its own group after a membership
 * change: the group and its members' nicknames. Added per viewer when the
 * event is sent; never stored.
 */
export const groupViewSchema = z.object({
  groupId: z.string().nullable(),
  members: z.array(z.object({ id: z.string(), nickname: z.string() })),
  /** The notes this phone may now see, when its group changed. */
  notes: z.array(noteSchema).optional(),
});
export type GroupView = z.infer<typeof groupViewSchema>;

const sizesSchema = z.record(z.string(), z.number());

export const participantJoinedSchema = z.object({
  type: z.literal("participant:joined"),
  payload: z.object({
    participantId: z.string(),
    nickname: z.string(),
    /** In "approve joiners" mode the newcomer waits until the trainer lets them in. */
    waiting: z.boolean().optional(),
    /** A keyed hash of the phone's device cookie, so a removed phone cannot rejoin. Server only: never sent to a client. */
    device: z.string().nullable().optional(),
    /** A late joiner goes straight into a group. */
    groupId: z.string().nullable().optional(),
    sizes: sizesSchema.optional(),
    view: groupViewSchema.optional(),
  }),
});

export const groupsFormedSchema = z.object({
  type: z.literal("groups:formed"),
  payload: z.object({
    groups: z.array(z.object({ id: z.string(), name: z.string(), colour: z.string(), members: z.array(z.string()) })),
    selfSelect: z.boolean(),
    /** Self-select: the most members a group takes, or null for no cap. */
    cap: z.number().int().nullable(),
    sizes: sizesSchema,
    view: groupViewSchema.optional(),
  }),
});

export const participantMovedSchema = z.object({
  type: z.literal("participant:moved"),
  payload: z.object({
    participantId: z.string(),
    from: z.string().nullable(),
    to: z.string().nullable(),
    /** Who moved them: the trainer, or the participant choosing in self-select. */
    by: z.enum(["trainer", "self"]),
    sizes: sizesSchema,
    view: groupViewSchema.optional(),
  }),
});

export const groupsMergedSchema = z.object({
  type: z.literal("groups:merged"),
  payload: z.object({ from: z.string(), into: z.string(), sizes: sizesSchema, view: groupViewSchema.optional() }),
});

export const groupSplitSchema = z.object({
  type: z.literal("group:split"),
  payload: z.object({
    groupId: z.string(),
    newGroup: z.object({ id: z.string(), name: z.string(), colour: z.string() }),
    moved: z.array(z.string()),
    sizes: sizesSchema,
    view: groupViewSchema.optional(),
  }),
});

export const groupRenamedSchema = z.object({
  type: z.literal("group:renamed"),
  payload: z.object({ groupId: z.string(), name: z.string() }),
});

export const groupRemovedSchema = z.object({
  type: z.literal("group:removed"),
  payload: z.object({ groupId: z.string() }),
});

export const groupsDissolvedSchema = z.object({
  type: z.literal("groups:dissolved"),
  payload: z.object({}),
});

export const groupMarkedSchema = z.object({
  type: z.literal("group:marked"),
  payload: z.object({ groupId: z.string(), done: z.boolean() }),
});

export const broadcastSentSchema = z.object({
  type: z.literal("broadcast:sent"),
  payload: z.object({ messageId: z.string(), text: z.string(), groupId: z.string().nullable() }),
});

/** Every note event names the note's group, so it can be routed without the note. */
const noteRef = { noteId: z.string(), groupId: z.string().nullable() };

export const noteAddedSchema = z.object({
  type: z.literal("note:added"),
  payload: z.object({ note: noteSchema }),
});
export const noteEditedSchema = z.object({
  type: z.literal("note:edited"),
  payload: z.object({
    ...noteRef,
    text: z.string(),
    flagged: z.boolean(),
    held: z.boolean(),
    /** The concern list matched (self-harm, disclosure): held for the trainer's private attention. Staff only. */
    concern: z.boolean().optional(),
    /** The edit released a held note: the room sees it for the first time. */
    released: z.boolean().optional(),
    /** Added for clients that never had the note (it was held). */
    note: noteSchema.optional(),
  }),
});
export const noteDeletedSchema = z.object({ type: z.literal("note:deleted"), payload: z.object(noteRef) });
export const noteHiddenSchema = z.object({ type: z.literal("note:hidden"), payload: z.object(noteRef) });
export const noteRestoredSchema = z.object({
  type: z.literal("note:restored"),
  /** `note` is added for clients that never had it (it was held). */
  payload: z.object({ ...noteRef, note: noteSchema.optional() }),
});
export const noteVotedSchema = z.object({
  type: z.literal("note:voted"),
  payload: z.object({ ...noteRef, voterId: z.string(), on: z.boolean() }),
});
export const noteClusteredSchema = z.object({
  type: z.literal("note:clustered"),
  payload: z.object({ ...noteRef, clusterId: z.string().nullable() }),
});
export const clusterCreatedSchema = z.object({ type: z.literal("cluster:created"), payload: z.object({ clusterId: z.string(), name: z.string() }) });
export const clusterRenamedSchema = z.object({ type: z.literal("cluster:renamed"), payload: z.object({ clusterId: z.string(), name: z.string() }) });
export const clusterRemovedSchema = z.object({ type: z.literal("cluster:removed"), payload: z.object({ clusterId: z.string() }) });
export const boardConfiguredSchema = z.object({
  type: z.literal("board:configured"),
  /** `notes` is added for phones when they may now see every group's notes. */
  payload: z.object({ settings: boardSettingsSchema, notes: z.array(noteSchema).optional() }),
});

/** Every sketch event names the sketch's group, so it can be routed without the sketch. */
const sketchRef = { sketchId: z.string(), groupId: z.string().nullable() };

export const strokeCommittedSchema = z.object({
  type: z.literal("stroke:committed"),
  payload: z.object({
    ...sketchRef,
    ownerKind: z.enum(["participant", "group"]),
    ownerId: z.string(),
    stepId: z.string().nullable(),
    stroke: strokeSchema.extend({ authorId: z.string() }),
  }),
});
export const strokeRemovedSchema = z.object({ type: z.literal("stroke:removed"), payload: z.object({ ...sketchRef, strokeIds: z.array(z.string()) }) });
export const sketchMarkedSchema = z.object({ type: z.literal("sketch:marked"), payload: z.object({ ...sketchRef, done: z.boolean() }) });
export const sketchHiddenSchema = z.object({ type: z.literal("sketch:hidden"), payload: z.object(sketchRef) });
export const sketchRestoredSchema = z.object({
  type: z.literal("sketch:restored"),
  /** `sketch` is added for the projector, which dropped the sketch when it was hidden. */
  payload: z.object({ ...sketchRef, sketch: z.custom<Sketch>().optional() }),
});
export const sketchSpotlightSchema = z.object({ type: z.literal("sketch:spotlighted"), payload: z.object({ sketchId: z.string().nullable() }) });
export const sketchConfiguredSchema = z.object({ type: z.literal("sketch:configured"), payload: z.object({ mode: z.enum(["individual", "group"]) }) });

export const groupTimerSetSchema = z.object({
  type: z.literal("group-timer:set"),
  payload: z.object({ groupId: z.string(), timer: timerSchema }),
});

/** Who may join: locked, approve each joiner, or a cap on the number of participants. */
export const roomSettingsSchema = z.object({ locked: z.boolean(), approveJoiners: z.boolean(), cap: z.number().int().nullable() });
export type RoomSettings = z.infer<typeof roomSettingsSchema>;
export const roomConfiguredSchema = z.object({ type: z.literal("room:configured"), payload: z.object({ settings: roomSettingsSchema }) });

export const participantsRemovedSchema = z.object({
  type: z.literal("participants:removed"),
  payload: z.object({
    participantIds: z.array(z.string()),
    /** Whether their notes and personal sketches stay in the session. */
    keepNotes: z.boolean(),
    noteIds: z.array(z.string()),
    sketchIds: z.array(z.string()),
    /** Device hashes that may not rejoin. Server only: never sent to a client. */
    devices: z.array(z.string()).optional(),
    sizes: sizesSchema,
    view: groupViewSchema.optional(),
  }),
});
export const participantRenamedSchema = z.object({
  type: z.literal("participant:renamed"),
  payload: z.object({ participantId: z.string(), nickname: z.string(), groupId: z.string().nullable() }),
});
export const participantsAdmittedSchema = z.object({
  type: z.literal("participants:admitted"),
  payload: z.object({ participantIds: z.array(z.string()) }),
});

/** A phone asks to talk to someone. `participantId` is the server's, for routing the reply: "" in every client form. */
export const helpRequestedSchema = z.object({
  type: z.literal("help:requested"),
  payload: z.object({ requestId: z.string(), participantId: z.string(), message: z.string(), nickname: z.string().nullable() }),
});
export const helpAcknowledgedSchema = z.object({
  type: z.literal("help:acknowledged"),
  payload: z.object({ requestId: z.string(), participantId: z.string() }),
});
export const helpRepliedSchema = z.object({
  type: z.literal("help:replied"),
  payload: z.object({ requestId: z.string(), participantId: z.string(), replyId: z.string(), text: z.string() }),
});
/** The session ended and the organisation's policy is to purge: every request goes, the count stays. */
export const helpPurgedSchema = z.object({
  type: z.literal("help:purged"),
  /** Whose phones held requests, to tell them. Server only: never sent to a client. */
  payload: z.object({ participantIds: z.array(z.string()).optional() }),
});

/**
 * A participant's data deleted at their own request or an organiser's: notes,
 * personal sketches, strokes on group canvases, help requests, profile, and
 * the participant record. The log is purged of them right after.
 */
export const participantForgottenSchema = z.object({
  type: z.literal("participant:forgotten"),
  payload: z.object({
    participantId: z.string(),
    noteIds: z.array(z.string()),
    sketchIds: z.array(z.string()),
    strokes: z.array(z.object({ sketchId: z.string(), strokeIds: z.array(z.string()) })),
    helpRequestIds: z.array(z.string()),
    /** Their answers to polls and quizzes, taken off the tallies (and open answers off the list). */
    pollAnswers: z.array(z.object({ key: z.string(), answerId: z.string(), choice: z.array(z.number().int()) })).optional(),
    sizes: sizesSchema,
  }),
});

/** Polls, quizzes and knowledge checks. A question is named by its key (`step-id:question-id`, see ./polls). */
export const pollOpenedSchema = z.object({
  type: z.literal("poll:opened"),
  /** `closed`: the question that was open until now. */
  payload: z.object({ key: z.string(), closed: z.string().nullable() }),
});
export const pollClosedSchema = z.object({ type: z.literal("poll:closed"), payload: z.object({ key: z.string() }) });
/** Where the results show now: on the projector, on phones. */
export const pollShownSchema = z.object({ type: z.literal("poll:shown"), payload: z.object({ key: z.string(), screen: z.boolean(), phones: z.boolean() }) });
/** The right options and the explanation travel with the reveal: the room's copy of the plan never holds them. */
export const pollRevealedSchema = z.object({
  type: z.literal("poll:revealed"),
  payload: z.object({ key: z.string(), correct: z.array(z.number().int()), explanation: localizedTextSchema.nullable() }),
});
const answerBody = z.object({ choice: z.array(z.number().int()), text: z.string().nullable() });
export const pollAnsweredSchema = z.object({
  type: z.literal("poll:answered"),
  payload: z.object({
    key: z.string(),
    /** Who answered: the server and the phone itself only; everyone else gets "" (answers are anonymous). */
    participantId: z.string(),
    answerId: z.string(),
    ...answerBody.shape,
    /** The answer it replaces, so every tally moves by the change alone. */
    previous: answerBody.nullable(),
  }),
});
export const pollAnswerHiddenSchema = z.object({
  type: z.literal("poll:answer-hidden"),
  payload: z.object({ key: z.string(), answerId: z.string(), hidden: z.boolean() }),
});
/** Who was online when a step began, for the completion rule of impact reports. Trainers only. */
export const attendanceStepSchema = z.object({
  type: z.literal("attendance:step"),
  payload: z.object({ index: z.number().int(), online: z.array(z.string()) }),
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
  timerConfiguredSchema,
  groupsFormedSchema,
  participantMovedSchema,
  groupsMergedSchema,
  groupSplitSchema,
  groupRenamedSchema,
  groupRemovedSchema,
  groupsDissolvedSchema,
  groupMarkedSchema,
  broadcastSentSchema,
  groupTimerSetSchema,
  noteAddedSchema,
  noteEditedSchema,
  noteDeletedSchema,
  noteHiddenSchema,
  noteRestoredSchema,
  noteVotedSchema,
  noteClusteredSchema,
  clusterCreatedSchema,
  clusterRenamedSchema,
  clusterRemovedSchema,
  boardConfiguredSchema,
  strokeCommittedSchema,
  strokeRemovedSchema,
  sketchMarkedSchema,
  sketchHiddenSchema,
  sketchRestoredSchema,
  sketchSpotlightSchema,
  sketchConfiguredSchema,
  participantProfiledSchema,
  attendancePeakedSchema,
  pollOpenedSchema,
  pollClosedSchema,
  pollShownSchema,
  pollRevealedSchema,
  pollAnsweredSchema,
  pollAnswerHiddenSchema,
  attendanceStepSchema,
  videoControlledSchema,
  videoConfiguredSchema,
  videoWarningConfirmedSchema,
  roomConfiguredSchema,
  participantsRemovedSchema,
  participantRenamedSchema,
  participantsAdmittedSchema,
  helpRequestedSchema,
  helpAcknowledgedSchema,
  helpRepliedSchema,
  helpPurgedSchema,
  participantForgottenSchema,
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
