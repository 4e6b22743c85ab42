import { z } from "zod";
import { cleanMultiline } from "./text";

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
export type Note = z.infer<typeof noteSchema>;

/** The projector wall's views: notes by group or cluster, the most voted first, a word cloud, one note enlarged. */
export const WALL_VIEWS = ["group", "cluster", "votes", "cloud", "single"] as const;

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
});
/** Board settings as the state holds them: every field present. */
export type BoardSettings = Required<z.infer<typeof boardSettingsSchema>>;
export type WallView = (typeof WALL_VIEWS)[number];

export const DEFAULT_BOARD: BoardSettings = {
  votesPerPerson: 3,
  anonymousAllowed: false,
  postingPaused: false,
  filter: "off",
  showAll: false,
  noteMax: 280,
  wallGroupBy: "group",
  wallSort: "time",
  wallView: "group",
  wallNote: null,
};

/**
 * Board settings with every field present: events from before the wall views
 * lack `wallView`/`wallNote`; an old "by cluster" wall keeps showing clusters.
 */
export function withBoardDefaults(settings: z.infer<typeof boardSettingsSchema>): BoardSettings {
  return {
    ...DEFAULT_BOARD,
    ...settings,
    wallView: settings.wallView ?? (settings.wallGroupBy === "cluster" ? "cluster" : "group"),
    wallNote: settings.wallNote ?? null,
  };
}

export const CLUSTER_NAME_MAX = 60;

/** Step kinds during which phones may post notes; a session without a plan always may. */
export const NOTE_STEP_KINDS = ["brainstorm", "discussion"] as const;

/** A note as a non-staff client may hold it: no author when anonymous. */
export function publicNote(note: Note): Note {
  return note.anonymous ? { ...note, authorId: null } : note;
}

/** Cleans note text: control and invisible characters out (line breaks stay), trimmed. */
export function cleanNoteText(text: string): string {
  return cleanMultiline(text);
}

/** Notes in wall order: by votes (then newest) or by time. */
export function sortNotes(notes: Note[], by: "time" | "votes"): Note[] {
  return [...notes].sort((a, b) => (by === "votes" ? b.votes - a.votes || a.createdAt - b.createdAt : a.createdAt - b.createdAt));
}
