import { z } from "zod";
import { boardSettingsSchema } from "@/lib/domain/board";
import { LOCALES } from "@/lib/domain/locales";
import { strokeSchema } from "@/lib/domain/sketch";
import { AGE_BANDS, SEXES } from "@/lib/domain/events";
import { NICKNAME_MAX } from "@/lib/domain/nickname";

/**
 * zod schemas for every inbound payload. Each command carries a client-made
 * `id`; a resend with the same id is acknowledged again and not applied twice.
 */
export const commandIdSchema = z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/);
const sessionIdSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
const seqSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const sessionCreateSchema = z.object({
  id: commandIdSchema,
  title: z.string().trim().min(1).max(120),
  language: z.enum(LOCALES),
  /** The training plan to run; none gives a session with no agenda. */
  planId: z.string().max(64).regex(/^[a-z0-9-]+$/).optional(),
  /** Offer phones the optional age band / sex question. */
  askProfile: z.boolean().default(false),
});

export const participantProfileSchema = z.object({ id: commandIdSchema, ageBand: z.enum(AGE_BANDS), sex: z.enum(SEXES) });

const sessionCommand = z.object({ id: commandIdSchema, sessionId: sessionIdSchema });

export const agendaGotoSchema = sessionCommand.extend({ index: z.number().int().min(-1).max(1000) });
export const timerStartSchema = sessionCommand;
export const timerPauseSchema = sessionCommand;
export const timerResetSchema = sessionCommand;
export const timerExtendSchema = sessionCommand.extend({
  seconds: z.number().int().min(1).max(3600),
  /** Extra time for one group only. */
  groupId: z.string().max(64).optional(),
});

const groupIdSchema = z.string().min(1).max(64);

export const groupsFormSchema = sessionCommand.extend({
  by: z.enum(["count", "size"]),
  n: z.number().int().min(1).max(100),
  balanced: z.boolean().default(true),
  /** Keep people who were together before apart. */
  mixNew: z.boolean().default(false),
  naming: z.enum(["animals", "numbers"]).default("animals"),
  /** Participants pick their group on their phones. */
  selfSelect: z.boolean().default(false),
  cap: z.number().int().min(1).max(500).nullable().default(null),
});
export const participantMoveSchema = sessionCommand.extend({ participantId: z.string().min(1).max(64), groupId: groupIdSchema.nullable() });
export const groupChooseSchema = z.object({ id: commandIdSchema, groupId: groupIdSchema });
export const groupsMergeSchema = sessionCommand.extend({ from: groupIdSchema, into: groupIdSchema });
export const groupSplitSchema = sessionCommand.extend({ groupId: groupIdSchema });
export const groupRenameSchema = sessionCommand.extend({ groupId: groupIdSchema, name: z.string().max(200) });
export const groupRemoveSchema = sessionCommand.extend({ groupId: groupIdSchema });
export const groupsDissolveSchema = sessionCommand;
/** A participant marks its group's work done; staff may do it for any group (then sessionId is needed). */
export const groupMarkSchema = z.object({ id: commandIdSchema, sessionId: sessionIdSchema.optional(), groupId: groupIdSchema, done: z.boolean() });
const videoPosition = z.number().min(0).max(36_000);
export const videoPlaySchema = sessionCommand.extend({ position: videoPosition.optional() });
export const videoPauseSchema = sessionCommand;
export const videoSeekSchema = sessionCommand.extend({ position: videoPosition });
export const videoConfigureSchema = sessionCommand.extend({ captions: z.enum(LOCALES).nullable(), volume: z.number().min(0).max(1) });
export const videoConfirmWarningSchema = sessionCommand;

/** Client-made note ids: the phone knows its notes (even anonymous ones) and resends them safely. */
const noteIdSchema = z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/);
export const noteAddSchema = z.object({ id: commandIdSchema, noteId: noteIdSchema, text: z.string().max(4000), anonymous: z.boolean().default(false) });
export const noteEditSchema = z.object({ id: commandIdSchema, noteId: noteIdSchema, text: z.string().max(4000) });
export const noteDeleteSchema = z.object({ id: commandIdSchema, noteId: noteIdSchema });
export const noteVoteSchema = z.object({ id: commandIdSchema, noteId: noteIdSchema, on: z.boolean() });
export const noteHideSchema = sessionCommand.extend({ noteId: noteIdSchema });
export const noteRestoreSchema = sessionCommand.extend({ noteId: noteIdSchema });
export const noteClusterSchema = sessionCommand.extend({ noteId: noteIdSchema, clusterId: z.string().max(64).nullable() });
export const clusterCreateSchema = sessionCommand.extend({ name: z.string().max(200) });
export const clusterRenameSchema = sessionCommand.extend({ clusterId: z.string().max(64), name: z.string().max(200) });
export const clusterRemoveSchema = sessionCommand.extend({ clusterId: z.string().max(64) });
export const boardConfigureSchema = sessionCommand.extend({ settings: boardSettingsSchema.partial() });

const sketchIdSchema = z.string().min(5).max(140);
export const strokeCommitSchema = z.object({ id: commandIdSchema, sketchId: sketchIdSchema, stroke: strokeSchema });
export const strokeUndoSchema = z.object({ id: commandIdSchema, sketchId: sketchIdSchema, strokeId: z.string().max(64) });
export const sketchClearSchema = z.object({ id: commandIdSchema, sketchId: sketchIdSchema });
export const sketchMarkSchema = z.object({ id: commandIdSchema, sessionId: sessionIdSchema.optional(), sketchId: sketchIdSchema, done: z.boolean() });
export const sketchHideSchema = sessionCommand.extend({ sketchId: sketchIdSchema });
export const sketchRestoreSchema = sessionCommand.extend({ sketchId: sketchIdSchema });
export const sketchSpotlightSchema = sessionCommand.extend({ sketchId: sketchIdSchema.nullable() });
export const sketchConfigureSchema = sessionCommand.extend({ mode: z.enum(["individual", "group"]) });

/** Live points while a finger draws: volatile, no ack, never stored. */
export const strokeProgressSchema = z.object({
  sketchId: sketchIdSchema,
  strokeId: z.string().min(8).max(64),
  colour: strokeSchema.shape.colour,
  width: strokeSchema.shape.width,
  tool: strokeSchema.shape.tool,
  points: z.array(z.number().int().min(-100).max(1100)).max(600),
});
export type StrokeProgress = z.infer<typeof strokeProgressSchema>;

export const broadcastSendSchema = sessionCommand.extend({ text: z.string().max(2000), groupId: groupIdSchema.nullable().default(null) });

export const sessionWatchSchema = z.object({
  id: commandIdSchema,
  sessionId: sessionIdSchema,
  lastSeq: seqSchema,
  /** Lets a projector on another machine watch without a trainer account. */
  screenKey: z.string().max(2000).optional(),
});

export const sessionEndSchema = z.object({
  id: commandIdSchema,
  sessionId: sessionIdSchema,
});

export const participantJoinSchema = z.object({
  id: commandIdSchema,
  code: z.string().max(20),
  // Room for whitespace a phone keyboard may add; the domain trims and checks the real length.
  nickname: z.string().max(NICKNAME_MAX * 4),
});

export const participantResumeSchema = z.object({
  id: commandIdSchema,
  token: z.string().min(1).max(2000),
  lastSeq: seqSchema,
});

export const COMMAND_SCHEMAS = {
  "session:create": sessionCreateSchema,
  "session:watch": sessionWatchSchema,
  "session:end": sessionEndSchema,
  "participant:join": participantJoinSchema,
  "participant:resume": participantResumeSchema,
  "agenda:goto": agendaGotoSchema,
  "timer:start": timerStartSchema,
  "timer:pause": timerPauseSchema,
  "timer:extend": timerExtendSchema,
  "timer:reset": timerResetSchema,
  "groups:form": groupsFormSchema,
  "participant:move": participantMoveSchema,
  "group:choose": groupChooseSchema,
  "groups:merge": groupsMergeSchema,
  "group:split": groupSplitSchema,
  "group:rename": groupRenameSchema,
  "group:remove": groupRemoveSchema,
  "groups:dissolve": groupsDissolveSchema,
  "group:mark": groupMarkSchema,
  "broadcast:send": broadcastSendSchema,
  "note:add": noteAddSchema,
  "note:edit": noteEditSchema,
  "note:delete": noteDeleteSchema,
  "note:vote": noteVoteSchema,
  "note:hide": noteHideSchema,
  "note:restore": noteRestoreSchema,
  "note:cluster": noteClusterSchema,
  "cluster:create": clusterCreateSchema,
  "cluster:rename": clusterRenameSchema,
  "cluster:remove": clusterRemoveSchema,
  "board:configure": boardConfigureSchema,
  "stroke:commit": strokeCommitSchema,
  "stroke:undo": strokeUndoSchema,
  "sketch:clear": sketchClearSchema,
  "sketch:mark": sketchMarkSchema,
  "sketch:hide": sketchHideSchema,
  "sketch:restore": sketchRestoreSchema,
  "sketch:spotlight": sketchSpotlightSchema,
  "sketch:configure": sketchConfigureSchema,
  "participant:profile": participantProfileSchema,
  "video:play": videoPlaySchema,
  "video:pause": videoPauseSchema,
  "video:seek": videoSeekSchema,
  "video:configure": videoConfigureSchema,
  "video:confirm-warning": videoConfirmWarningSchema,
} as const;

/** Messages without an ack that the server accepts. */
export const VOLATILE_MESSAGES = ["stroke:progress"] as const;

export type CommandName = keyof typeof COMMAND_SCHEMAS;
export type CommandPayload<N extends CommandName> = z.infer<(typeof COMMAND_SCHEMAS)[N]>;
