import { publicNote, type Note } from "./board";
import type { ClientEvent } from "./events";
import { localize } from "./plan";
import { membersOf, type SessionState } from "./session-state";

export interface StepSpan {
  index: number;
  stepId: string;
  title: string;
  kind: string;
  startedAt: number;
  endedAt: number | null;
}

export interface SessionReport {
  joined: number;
  groups: { id: string; name: string; colour: string; members: number; notes: number; active: boolean }[];
  timeline: StepSpan[];
  /** Cumulative joins over time: [ms, count]. */
  joinsOverTime: [number, number][];
  notes: (Note & { author: string | null; groupName: string | null; clusterName: string | null })[];
  notesPerGroup: { name: string; count: number }[];
  sketches: number;
  votes: number;
  helpShown: boolean;
  peakOnline: number;
  /** Trained participants by answer; those who skipped count as not answered. */
  byAge: Record<string, number>;
  bySex: Record<string, number>;
  askedProfile: boolean;
}

/**
 * What an organiser reads about a session, folded from its log and final
 * state. Anonymous notes stay anonymous here too.
 */
export function buildReport(state: SessionState, events: readonly ClientEvent[], end: number): SessionReport {
  const timeline: StepSpan[] = [];
  const joins: [number, number][] = [];
  for (const e of events) {
    if (e.type === "participant:joined") joins.push([e.at, joins.length + 1]);
    if (e.type === "agenda:moved") {
      const last = timeline.at(-1);
      if (last && last.endedAt === null) last.endedAt = e.at;
      const step = state.plan?.steps[e.payload.index];
      if (step) timeline.push({ index: e.payload.index, stepId: step.id, title: localize(step.title, state.language), kind: step.kind, startedAt: e.at, endedAt: null });
    }
    if (e.type === "session:ended") {
      const last = timeline.at(-1);
      if (last && last.endedAt === null) last.endedAt = e.at;
    }
  }
  const openStep = timeline.at(-1);
  if (openStep && openStep.endedAt === null && state.status === "ended") openStep.endedAt = state.endedAt ?? end;

  const notes = state.noteOrder
    .map((id) => state.notes[id])
    .filter(Boolean)
    .map((n) => {
      const p = publicNote(n);
      return {
        ...p,
        author: p.anonymous ? null : (p.authorId && state.participants[p.authorId]?.nickname) || null,
        groupName: p.groupId ? (state.groups[p.groupId]?.name ?? null) : null,
        clusterName: p.clusterId ? (state.clusters[p.clusterId]?.name ?? null) : null,
      };
    });
  const groupIds = Object.keys(state.groups);
  const groups = groupIds.map((id) => ({
    id,
    name: state.groups[id].name,
    colour: state.groups[id].colour,
    members: state.groups[id].active ? membersOf(state, id).length : 0,
    notes: notes.filter((n) => n.groupId === id).length,
    active: state.groups[id].active,
  }));
  const perGroup = groups.filter((g) => g.notes > 0).map((g) => ({ name: g.name, count: g.notes }));
  const roomNotes = notes.filter((n) => !n.groupId || !state.groups[n.groupId]).length;
  if (roomNotes) perGroup.push({ name: "—", count: roomNotes });
  return {
    joined: state.participantOrder.length,
    groups,
    timeline,
    joinsOverTime: joins,
    notes,
    notesPerGroup: perGroup,
    sketches: state.sketchOrder.filter((id) => (state.sketches[id]?.strokes.length ?? 0) > 0).length,
    votes: notes.reduce((s, n) => s + n.votes, 0),
    helpShown: timeline.some((s) => s.kind === "help"),
    peakOnline: state.peakOnline,
    byAge: tally(state, "ageBand"),
    bySex: tally(state, "sex"),
    askedProfile: state.askProfile,
  };
}

function tally(state: SessionState, field: "ageBand" | "sex"): Record<string, number> {
  const out: Record<string, number> = {};
  for (const id of state.participantOrder) {
    const v = state.profiles[id]?.[field] ?? "not-answered";
    out[v] = (out[v] ?? 0) + 1;
  }
  return out;
}
