import { z } from "zod";
import { WALL_VIEWS } from "./board";

/**
 * The board's zod schemas (events and commands validate with them). Kept apart
 * from board.ts so browser code that needs the board's helpers loads no zod.
 */

/** A brainstorm note. Plain text, always: no client ever renders it as HTML. */
export const noteSchema = z.object({
  id: z.string(),
  groupId: z.string().nullable(),
  stepId: z.string().nullable(),
  text: z.string(),
  /** The author's participant id; null in every copy sent to a client when the note is anonymous. */
  authorId: z.string().nullable(),
  anonymous: z.boolean(),
  status: z.enum(["visible", "hidden", "held"]),
  /** The word filter matched (flag mode): shown, but marked for the trainer. */
  flagged: z.boolean(),
  /** The concern list matched (self-harm, disclosure): held whatever the filter mode, for the trainer's eyes only. */
  concern: z.boolean().optional(),
  clusterId: z.string().nullable(),
  votes: z.number(),
  createdAt: z.number(),
  editedAt: z.number().nullable(),
});

export const boardSettingsSchema = z.object({
  /** Votes each participant may give; 0 turns voting off. */
  votesPerPerson: z.number().int().min(0).max(20),
  anonymousAllowed: z.boolean(),
  postingPaused: z.boolean(),
  /** Word filter: off, flag matching notes for the trainer, or hold them until approved. */
  filter: z.enum(["off", "flag", "hold"]),
  /** Phones see every group's notes, not only their own group's. */
  showAll: z.boolean(),
  noteMax: z.number().int().min(20).max(1000),
  /** Kept for old sessions and as the group/cluster half of `wallView`. */
  wallGroupBy: z.enum(["group", "cluster"]),
  /** Order inside the group and cluster views. */
  wallSort: z.enum(["time", "votes"]),
  /**
   * What the projector's wall shows. Optional on the wire: `board:configure`
   * sends only what changed (a `.default()` here would reset the view on every
   * other change), and old sessions' events lack it; `withBoardDefaults` fills it.
   */
  wallView: z.enum(WALL_VIEWS).optional(),
  /** The note the "single" view enlarges; null shows the most voted one. */
  wallNote: z.string().max(64).nullable().optional(),
  /**
   * The trainer turns the projector's pages by hand (a long text, or the wall)
   * on this step; null (or another step) lets them turn by themselves. The
   * page counts up and down without limit: the projector, which alone knows
   * how many pages fit, shows it modulo its page count.
   */
  screenPage: z.strictObject({ stepId: z.string().max(64), page: z.number().int().min(0).max(9999) }).nullable().optional(),
});
