import { z } from "zod";
import { boardSettingsSchema } from "@/lib/domain/board-schema";
import { LOCALES } from "@/lib/domain/locales";
import { strokeSchema } from "@/lib/domain/sketch-schema";
import { PACKED_CHARS_PER_POINT, PACKED_POINTS_RE, PROGRESS_MAX_POINTS } from "./stroke-packing";
import type { QUEUEABLE_COMMANDS } from "./queueable-commands";
import { AGE_BANDS, SEXES } from "@/lib/domain/events";
import { NICKNAME_MAX } from "@/lib/domain/nickname";
import { cleanLine } from "@/lib/domain/text";
import { MAX_OPTIONS } from "@/lib/domain/plan";
import { OPEN_ANSWER_MAX, QUESTION_KEY_RE } from "@/lib/domain/polls";
import { HELP_MESSAGE_MAX, HELP_REPLY_MAX } from "@/lib/domain/safeguarding";

/**
 * The socket contract for everything a client asks. A command on the wire is
 * an envelope (the client-made command `id`, and for staff the `sessionId`)
 * plus a body. A resend with the same id is acknowledged again and never
 * applied twice. The body, parsed, is what the domain decides on.
 */

const idPattern = /^[A-Za-z0-9_-]+$/;
export const commandIdSchema = z.string().min(8).max(64).regex(idPattern);
const sessionIdSchema = z.string().min(1).max(64).regex(idPattern);
/** Ids the server made (participants, groups, clusters): never free text. */
const refSchema = z.string().min(1).max(64).regex(idPattern);
const seqSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
/** Client-made note ids: the phone knows its notes (even anonymous ones) and resends them safely. */
const noteIdSchema = z.string().min(8).max(64).regex(idPattern);
const sketchIdSchema = z.string().min(5).max(140);
const videoPosition = z.number().min(0).max(36_000);
/** A question as `step-id:question-id` (`:retro` for the retrospective form of a check question). */
const questionKeySchema = z.string().max(90).regex(QUESTION_KEY_RE);

/**
 * Who may send a command, and where its session comes from:
 * - `lobby`: before a session is bound (create, watch, join, resume); hand-written handlers.
 * - `member`: a joined phone acting as itself; the session is the phone's own, never the payload's.
 * - `session`: a joined phone, or staff naming the session in the envelope.
 * - `staff`: a signed-in trainer or organiser naming the session in the envelope.
 */
export type CommandScope = "lobby" | "member" | "session" | "staff";

const ENVELOPES = {
  lobby: z.object({ id: commandIdSchema }),
  member: z.object({ id: commandIdSchema }),
  session: z.object({ id: commandIdSchema, sessionId: sessionIdSchema.optional() }),
  staff: z.object({ id: commandIdSchema, sessionId: sessionIdSchema }),
} as const;
export type Envelope<S extends CommandScope> = z.output<(typeof ENVELOPES)[S]>;

/** Inbound command payloads above this size get PAYLOAD_TOO_LARGE (the transport itself cuts at 512 KB). */
export const MAX_COMMAND_BYTES = 16 * 1024;

function entry<S extends CommandScope, B extends z.ZodObject>(scope: S, body: B, maxBytes = MAX_COMMAND_BYTES) {
  return { scope, body, envelope: ENVELOPES[scope], maxBytes };
}
const empty = z.object({});

/**
 * The one command table: every command's name, scope, body schema and size
 * bound. The domain's `SessionCommand`, the socket event maps, the client's
 * `send`/`queue` and the console's actions are all derived from it.
 */
export const COMMAND_TABLE = {
  "session:create": entry(
    "lobby",
    z.object({
      title: z.string().max(120).transform(cleanLine).pipe(z.string().min(1)),
      language: z.enum(LOCALES),
      /** The training plan to run; none gives a session with no agenda. */
      planId: z.string().max(64).regex(/^[a-z0-9-]+$/).optional(),
      /** Offer phones the optional age band / sex question. */
      askProfile: z.boolean().default(false),
    }),
  ),
  "session:watch": entry(
    "lobby",
    z.object({
      sessionId: sessionIdSchema,
      lastSeq: seqSchema,
      /** Lets a projector on another machine watch without a trainer account. */
      screenKey: z.string().max(2000).optional(),
      /**
       * A projector says so: it gets the room's view even when the browser is
       * signed in as the session's trainer (the projector tab on the trainer's
       * laptop), never the console's (help requests, held notes, counts).
       */
      as: z.enum(["console", "screen"]).optional(),
    }),
  ),
  "participant:join": entry(
    "lobby",
    z.object({
      code: z.string().max(20),
      // Room for whitespace a phone keyboard may add; the domain trims and checks the real length.
      nickname: z.string().max(NICKNAME_MAX * 4),
      /** The participant ticked "I agree" under the organisation's notice; refused without it when the organisation asks. */
      consent: z.boolean().optional(),
    }),
  ),
  "participant:resume": entry("lobby", z.object({ token: z.string().min(1).max(2000), lastSeq: seqSchema })),

  "session:end": entry("staff", empty),
  "agenda:goto": entry("staff", z.object({ index: z.number().int().min(-1).max(1000) })),
  "timer:start": entry("staff", empty),
  "timer:pause": entry("staff", empty),
  "timer:extend": entry(
    "staff",
    z.object({
      seconds: z.number().int().min(1).max(3600),
      /** Extra time for one group only. */
      groupId: refSchema.optional(),
    }),
  ),
  "timer:reset": entry("staff", empty),
  /** Session options for step timers; a field left out keeps its setting. */
  "timer:configure": entry("staff", z.object({ autoStart: z.boolean().optional(), sound: z.boolean().optional() })),

  "groups:form": entry(
    "staff",
    z.object({
      by: z.enum(["count", "size"]),
      n: z.number().int().min(1).max(100),
      balanced: z.boolean().default(true),
      /** Keep people who were together before apart. */
      mixNew: z.boolean().default(false),
      naming: z.enum(["animals", "numbers"]).default("animals"),
      /** Participants pick their group on their phones. */
      selfSelect: z.boolean().default(false),
      cap: z.number().int().min(1).max(500).nullable().default(null),
    }),
  ),
  "participant:move": entry("staff", z.object({ participantId: refSchema, groupId: refSchema.nullable() })),
  "group:choose": entry("member", z.object({ groupId: refSchema })),
  "groups:merge": entry("staff", z.object({ from: refSchema, into: refSchema })),
  "group:split": entry("staff", z.object({ groupId: refSchema })),
  "group:rename": entry("staff", z.object({ groupId: refSchema, name: z.string().max(200) })),
  "group:remove": entry("staff", z.object({ groupId: refSchema })),
  "groups:dissolve": entry("staff", empty),
  /** A participant marks its group's work done; staff may do it for any group. */
  "group:mark": entry("session", z.object({ groupId: refSchema, done: z.boolean() })),
  "broadcast:send": entry("staff", z.object({ text: z.string().max(2000), groupId: refSchema.nullable().default(null) })),

  "note:add": entry("member", z.object({ noteId: noteIdSchema, text: z.string().max(4000), anonymous: z.boolean().default(false) })),
  "note:edit": entry("member", z.object({ noteId: noteIdSchema, text: z.string().max(4000) })),
  "note:delete": entry("member", z.object({ noteId: noteIdSchema })),
  "note:vote": entry("member", z.object({ noteId: noteIdSchema, on: z.boolean() })),
  "note:hide": entry("staff", z.object({ noteId: noteIdSchema })),
  "note:restore": entry("staff", z.object({ noteId: noteIdSchema })),
  "note:cluster": entry("staff", z.object({ noteId: noteIdSchema, clusterId: refSchema.nullable() })),
  "cluster:create": entry("staff", z.object({ name: z.string().max(200) })),
  "cluster:rename": entry("staff", z.object({ clusterId: refSchema, name: z.string().max(200) })),
  "cluster:remove": entry("staff", z.object({ clusterId: refSchema })),
  "board:configure": entry("staff", z.object({ settings: boardSettingsSchema.partial() })),

  // A committed stroke may carry up to 1,500 points; the other commands stay small.
  "stroke:commit": entry("member", z.object({ sketchId: sketchIdSchema, stroke: strokeSchema }), 64 * 1024),
  "stroke:undo": entry("member", z.object({ sketchId: sketchIdSchema, strokeId: z.string().max(64) })),
  "sketch:clear": entry("member", z.object({ sketchId: sketchIdSchema })),
  "sketch:mark": entry("session", z.object({ sketchId: sketchIdSchema, done: z.boolean() })),
  "sketch:hide": entry("staff", z.object({ sketchId: sketchIdSchema })),
  "sketch:restore": entry("staff", z.object({ sketchId: sketchIdSchema })),
  "sketch:spotlight": entry("staff", z.object({ sketchId: sketchIdSchema.nullable() })),
  "sketch:configure": entry("staff", z.object({ mode: z.enum(["individual", "group"]) })),

  "room:configure": entry(
    "staff",
    z.object({
      /** Joining is closed: the code stops working. */
      locked: z.boolean().optional(),
      /** Newcomers wait until the trainer lets them in. */
      approveJoiners: z.boolean().optional(),
      /** The most participants the session takes; null for no cap. */
      cap: z.number().int().min(1).max(1000).nullable().optional(),
    }),
  ),
  "participant:remove": entry("staff", z.object({ participantIds: z.array(refSchema).min(1).max(1000), keepNotes: z.boolean().default(true) }), 64 * 1024),
  "participant:rename": entry("staff", z.object({ participantId: refSchema, nickname: z.string().max(NICKNAME_MAX * 4) })),
  "participant:admit": entry("staff", z.object({ participantIds: z.array(refSchema).min(1).max(1000) }), 64 * 1024),

  "participant:profile": entry("member", z.object({ ageBand: z.enum(AGE_BANDS), sex: z.enum(SEXES) })),

  /** A phone answers the open question; a new answer replaces its earlier one until the question closes. */
  "poll:answer": entry(
    "member",
    z.object({
      key: questionKeySchema,
      choice: z.array(z.number().int().min(0).max(MAX_OPTIONS - 1)).max(MAX_OPTIONS).default([]),
      // Room for whitespace a phone keyboard may add; the domain trims and checks the real length.
      text: z.string().max(OPEN_ANSWER_MAX * 4).optional(),
    }),
  ),
  /** Opens a question of the current step (closing the one open before). */
  "poll:open": entry("staff", z.object({ key: questionKeySchema })),
  "poll:close": entry("staff", z.object({ key: questionKeySchema })),
  /** Shows or hides the results on the projector or on phones (a field left out keeps its setting). */
  "poll:show": entry("staff", z.object({ key: questionKeySchema, screen: z.boolean().optional(), phones: z.boolean().optional() })),
  /** A quiz question: closes it and shows the right answer with its explanation. */
  "poll:reveal": entry("staff", z.object({ key: questionKeySchema })),
  /** Keeps an open answer off the projector (or brings it back). */
  "poll:hide-answer": entry("staff", z.object({ key: questionKeySchema, answerId: refSchema, hidden: z.boolean() })),

  "video:play": entry("staff", z.object({ position: videoPosition.optional() })),
  "video:pause": entry("staff", empty),
  "video:seek": entry("staff", z.object({ position: videoPosition })),
  "video:configure": entry("staff", z.object({ captions: z.enum(LOCALES).nullable(), volume: z.number().min(0).max(1) })),
  "video:confirm-warning": entry("staff", empty),

  /** A discreet request to talk to someone: anonymous, to the trainer too, unless the phone shares its name. */
  "help:request": entry("member", z.object({ message: z.string().max(HELP_MESSAGE_MAX * 4).default(""), shareName: z.boolean().default(false) })),
  "help:ack": entry("staff", z.object({ requestId: refSchema })),
  /** A private reply: only the phone that asked sees it. */
  "help:reply": entry("staff", z.object({ requestId: refSchema, text: z.string().max(HELP_REPLY_MAX * 4) })),
  /** Deletes a participant's notes, sketches, answers and profile: a phone its own (no id), staff anyone's. */
  "participant:forget": entry("session", z.object({ participantId: refSchema.optional() })),
} as const;

type Table = typeof COMMAND_TABLE;
export type CommandName = keyof Table;
export type ScopeOf<N extends CommandName> = Table[N]["scope"];
/** zod types an empty object as an index signature of never; a body with no fields is just an object. */
type Fields<T> = T extends unknown ? (string extends keyof T ? object : T) : never;
/** A command's body after parsing (defaults filled in): what the domain decides on. */
export type CommandBody<N extends CommandName> = Fields<z.output<Table[N]["body"]>>;
/** A command's body as a client may send it (defaulted fields optional). */
export type CommandBodyInput<N extends CommandName> = Fields<z.input<Table[N]["body"]>>;
/** The whole payload on the wire: envelope and body. */
export type CommandInput<N extends CommandName> = z.input<Table[N]["envelope"]> & CommandBodyInput<N>;
export type CommandsInScope<S extends CommandScope> = { [N in CommandName]: ScopeOf<N> extends S ? N : never }[CommandName];
export type LobbyCommandName = CommandsInScope<"lobby">;
/** Commands the one generic handler runs: everything but the lobby. */
export type SessionCommandName = CommandsInScope<"member" | "session" | "staff">;

/** The table with each schema typed by its own name, so generic code parses without casts. */
export const COMMANDS: {
  readonly [N in CommandName]: {
    scope: ScopeOf<N>;
    body: z.ZodType<CommandBody<N>>;
    envelope: z.ZodType<Envelope<ScopeOf<N>>>;
    maxBytes: number;
  };
} = COMMAND_TABLE;

export const COMMAND_NAMES: readonly CommandName[] = Object.keys(COMMAND_TABLE).filter(isCommandName);

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === "string" && Object.hasOwn(COMMAND_TABLE, name);
}

export function isLobbyCommand(name: CommandName): name is LobbyCommandName {
  return COMMAND_TABLE[name].scope === "lobby";
}

/**
 * Phones check their stored outbox against QUEUEABLE_COMMANDS (queueable-commands.ts, no zod):
 * a `member` or `session` command missing from that list fails to compile here.
 */
const everyQueueableCommandListed: [Exclude<CommandsInScope<"member" | "session">, (typeof QUEUEABLE_COMMANDS)[number]>] extends [never] ? true : false = true;
void everyQueueableCommandListed;

/**
 * Live points while a finger draws: volatile, no ack, never stored. The
 * points come packed (see stroke-packing.ts): checked by one regular
 * expression, relayed untouched; the committed stroke is checked point by point.
 */
export const strokeProgressSchema = z.object({
  sketchId: sketchIdSchema,
  strokeId: z.string().min(8).max(64),
  colour: strokeSchema.shape.colour,
  width: strokeSchema.shape.width,
  tool: strokeSchema.shape.tool,
  packed: z.string().max(PROGRESS_MAX_POINTS * PACKED_CHARS_PER_POINT).regex(PACKED_POINTS_RE),
});
export type StrokeProgress = z.infer<typeof strokeProgressSchema>;
