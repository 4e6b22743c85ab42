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

export interface ReportNote extends Note {
  author: string | null;
  groupName: string | null;
  clusterName: string | null;
  /** The plan step's title in the session's language; null for notes outside a step. */
  stepTitle: string | null;
}

/** One person who joined: from the log, so people the trainer removed are listed too. */
export interface AttendanceRow {
  participantId: string;
  nickname: string;
  groupName: string | null;
  joinedAt: number;
  /** When the trainer removed them, else the session's end; null while it runs. Dropped connections are not recorded. */
  leftAt: number | null;
  removed: boolean;
  /** Profile answers (age band, sex ids) when the session asked; null when not answered. */
  ageBand: string | null;
  sex: string | null;
}

/** One sketch with strokes, labelled for reports. */
export interface SketchRow {
  id: string;
  /** The group it was drawn in; null when drawn outside groups (the whole room). */
  groupName: string | null;
  groupColour: string | null;
  ownerKind: "participant" | "group";
  /** The participant's nickname for individual sketches; null for a group's shared canvas. */
  owner: string | null;
  stepTitle: string | null;
  hidden: boolean;
  done: boolean;
  strokes: number;
}

export interface SessionReport {
  joined: number;
  groups: { id: string; name: string; colour: string; members: number; notes: number; active: boolean }[];
  timeline: StepSpan[];
  /** Cumulative joins over time: [ms, count]. */
  joinsOverTime: [number, number][];
  notes: ReportNote[];
  /** Notes per group; notes made outside any group come last, as `room`. */
  notesPerGroup: { name: string; count: number; room?: boolean }[];
  sketches: number;
  votes: number;
  helpShown: boolean;
  peakOnline: number;
  /** Trained participants by answer; those who skipped count as not answered. */
  byAge: Record<string, number>;
  bySex: Record<string, number>;
  askedProfile: boolean;
  attendance: AttendanceRow[];
  sketchList: SketchRow[];
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

  const stepTitle = (stepId: string | null) => {
    const step = stepId ? state.plan?.steps.find((s) => s.id === stepId) : undefined;
    return step ? localize(step.title, state.language) : null;
  };
  const groupName = (groupId: string | null) => (groupId ? (state.groups[groupId]?.name ?? null) : null);
  const people = attendance(state, events);
  // Notes a removed person kept still name them, by the nickname the log has.
  const logNames = new Map(people.map((a) => [a.participantId, a.nickname]));
  const nickname = (id: string) => state.participants[id]?.nickname ?? logNames.get(id) ?? null;
  const notes: ReportNote[] = state.noteOrder
    .map((id) => state.notes[id])
    .filter(Boolean)
    .map((n) => {
      const p = publicNote(n);
      return {
        ...p,
        author: p.anonymous || !p.authorId ? null : nickname(p.authorId),
        groupName: groupName(p.groupId),
        clusterName: p.clusterId ? (state.clusters[p.clusterId]?.name ?? null) : null,
        stepTitle: stepTitle(p.stepId),
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
  const perGroup: SessionReport["notesPerGroup"] = groups.filter((g) => g.notes > 0).map((g) => ({ name: g.name, count: g.notes }));
  const roomNotes = notes.filter((n) => !n.groupId || !state.groups[n.groupId]).length;
  if (roomNotes) perGroup.push({ name: "—", count: roomNotes, room: true });
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
    attendance: people,
    sketchList: state.sketchOrder
      .map((id) => state.sketches[id])
      .filter((k) => k && k.strokes.length > 0)
      .map((k) => ({
        id: k.id,
        groupName: groupName(k.groupId),
        groupColour: k.groupId ? (state.groups[k.groupId]?.colour ?? null) : null,
        ownerKind: k.ownerKind,
        owner: k.ownerKind === "participant" ? nickname(k.ownerId) : null,
        stepTitle: stepTitle(k.stepId),
        hidden: k.hidden,
        done: k.done,
        strokes: k.strokes.length,
      })),
  };
}

/** Everyone who joined (but asked to be forgotten), in joining order, with the nickname they ended with. */
function attendance(state: SessionState, events: readonly ClientEvent[]): AttendanceRow[] {
  const rows = new Map<string, AttendanceRow>();
  for (const e of events) {
    if (e.type === "participant:joined" && !rows.has(e.payload.participantId)) {
      rows.set(e.payload.participantId, { participantId: e.payload.participantId, nickname: e.payload.nickname, groupName: null, joinedAt: e.at, leftAt: null, removed: false, ageBand: null, sex: null });
    } else if (e.type === "participant:renamed") {
      const row = rows.get(e.payload.participantId);
      if (row) row.nickname = e.payload.nickname;
    } else if (e.type === "participant:forgotten") {
      // They asked to be forgotten: not even a nameless row stays.
      rows.delete(e.payload.participantId);
    } else if (e.type === "participants:removed") {
      for (const id of e.payload.participantIds) {
        const row = rows.get(id);
        if (row && !row.removed) Object.assign(row, { removed: true, leftAt: e.at });
      }
    }
  }
  const ended = state.status === "ended" ? state.endedAt : null;
  return [...rows.values()].map((row) => {
    if (row.removed) return row;
    const p = state.participants[row.participantId];
    const groupId = state.membership[row.participantId] ?? null;
    const profile = state.profiles[row.participantId];
    return { ...row, nickname: p?.nickname ?? row.nickname, groupName: groupName(groupId), leftAt: ended, ageBand: profile?.ageBand ?? null, sex: profile?.sex ?? null };
  });

  function groupName(id: string | null) {
    return id ? (state.groups[id]?.name ?? null) : null;
  }
}

function tally(state: SessionState, field: "ageBand" | "sex"): Record<string, number> {
  const out: Record<string, number> = {};
  for (const id of state.participantOrder) {
    const v = state.profiles[id]?.[field] ?? "not-answered";
    out[v] = (out[v] ?? 0) + 1;
  }
  return out;
}
