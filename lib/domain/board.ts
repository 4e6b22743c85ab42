import type { z } from "zod";
import type { boardSettingsSchema, noteSchema } from "./board-schema";
import { cleanMultiline } from "./text";

// The schemas live in board-schema.ts: this file stays free of zod, for the phone's bundle.

/** A brainstorm note (noteSchema). Plain text, always: no client ever renders it as HTML. */
export type Note = z.infer<typeof noteSchema>;

/** The projector wall's views: notes by group or cluster, the most voted first, a word cloud, one note enlarged. */
export const WALL_VIEWS = ["group", "cluster", "votes", "cloud", "single"] as const;

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
  screenPage: null,
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
    screenPage: settings.screenPage ?? null,
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
