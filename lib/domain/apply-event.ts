import type { Note } from "./board";
import type { Sketch } from "./sketch";
import { applyRoomEvent } from "./apply-room-event";
import { applyPollEvent } from "./apply-poll-event";
import { applySafeguardingEvent } from "./apply-safeguarding-event";
import type { ClientEvent, GroupView } from "./events";
import { BROADCASTS_KEPT, membersOf, VIDEO_START, type SessionState } from "./session-state";
import { sketchAudience } from "./visibility";
import { adoptStrokes, listFor, ownedStrokes, pushEntry, putEntry, recordFor, writingWith, type Writer } from "./state-writer";

/**
 * Applies the viewer-specific part of a membership event: a phone's own group
 * and its members' names. The view is everything a phone knows of other
 * participants (never when they joined), so it replaces what the phone knew
 * before, the way a fresh snapshot would.
 */
function withView(state: SessionState, view: GroupView | undefined, self: string | null): SessionState {
  if (!view) return state;
  let next: SessionState;
  if (self) {
    const me = state.participants[self];
    const participants: SessionState["participants"] = me ? { [self]: me } : {};
    const membership: Record<string, string> = {};
    for (const m of view.members) {
      if (m.id !== self) participants[m.id] = { id: m.id, nickname: m.nickname, joinedAt: 0 };
      if (view.groupId) membership[m.id] = view.groupId;
    }
    if (view.groupId) membership[self] = view.groupId;
    next = { ...state, participants, membership };
  } else {
    const participants = { ...state.participants };
    const membership = { ...state.membership };
    for (const m of view.members) {
      participants[m.id] = participants[m.id] ?? { id: m.id, nickname: m.nickname, joinedAt: 0 };
      if (view.groupId) membership[m.id] = view.groupId;
    }
    next = { ...state, participants, membership };
  }
  if (view.notes) {
    // A phone that changed group now sees that group's notes instead of the old group's.
    const notes: Record<string, Note> = Object.fromEntries(view.notes.map((n) => [n.id, n]));
    const noteOrder = [...view.notes].sort((a, b) => a.createdAt - b.createdAt).map((n) => n.id);
    next = { ...next, notes, noteOrder };
  }
  return self ? forgetOtherGroups(next, self) : next;
}

/**
 * What a phone keeps after its group changed: sketches it may still see (its
 * own, its group's canvases and its group-mates' sketches), broadcasts to the
 * room or its group, and its group's extra time.
 */
function forgetOtherGroups(state: SessionState, self: string): SessionState {
  const mine = state.membership[self] ?? null;
  const sketchOrder = state.sketchOrder.filter((id) => {
    const a = sketchAudience(id, state);
    return a.owner === self || (!!a.groupId && a.groupId === mine);
  });
  return {
    ...state,
    sketches: Object.fromEntries(sketchOrder.map((id) => [id, state.sketches[id]])),
    sketchOrder,
    broadcasts: state.broadcasts.filter((b) => b.groupId === null || b.groupId === mine),
    groupTimers: ownTimer(state.groupTimers, mine),
  };
}

/** Broadcasts among the last BROADCASTS_KEPT that some audience sees: the room's, or a group's with the room's. */
function latestPerAudience(broadcasts: SessionState["broadcasts"]): SessionState["broadcasts"] {
  if (broadcasts.length <= BROADCASTS_KEPT) return broadcasts;
  const newer = new Map<string | null, number>();
  const keep: boolean[] = [];
  for (let i = broadcasts.length - 1; i >= 0; i--) {
    const g = broadcasts[i].groupId;
    // Seen by the room: newer room broadcasts push it out. Seen by a group: newer room and group ones do.
    const ahead = (newer.get(null) ?? 0) + (g === null ? 0 : (newer.get(g) ?? 0));
    keep[i] = ahead < BROADCASTS_KEPT;
    newer.set(g, (newer.get(g) ?? 0) + 1);
  }
  return broadcasts.filter((_, i) => keep[i]);
}

/** A phone holds only its own group's extra time. */
function ownTimer(groupTimers: SessionState["groupTimers"], groupId: string | null): SessionState["groupTimers"] {
  return groupId && groupTimers[groupId] ? { [groupId]: groupTimers[groupId] } : {};
}

function setMember(membership: Record<string, string>, id: string, groupId: string | null | undefined): Record<string, string> {
  const next = { ...membership };
  if (groupId) next[id] = groupId;
  else delete next[id];
  return next;
}

/**
 * Folds one event into the state. Pure: returns a new state and never
 * mutates the old one. Events at or below the state's seq are ignored, so a
 * client may receive the same event twice (resync plus broadcast) safely.
 */
export function applyEvent(state: SessionState, event: ClientEvent, self: string | null = null): SessionState {
  if (event.seq <= state.seq) return state;
  const next: SessionState = { ...state, seq: event.seq };
  switch (event.type) {
    case "room:configured":
    case "participants:removed":
    case "participant:renamed":
    case "participants:admitted":
      return applyRoomEvent(next, event, self);
    case "poll:opened":
    case "poll:closed":
    case "poll:shown":
    case "poll:revealed":
    case "poll:answered":
    case "poll:answer-hidden":
    case "attendance:step":
      return applyPollEvent(next, event, self);
    case "help:requested":
    case "help:acknowledged":
    case "help:replied":
    case "help:purged":
    case "participant:forgotten":
      return applySafeguardingEvent(next, event, self);
    case "session:created":
      return {
        ...next,
        code: event.payload.code,
        title: event.payload.title,
        language: event.payload.language,
        trainerId: event.payload.trainerId,
        status: "live",
        createdAt: event.at,
        plan: event.payload.plan,
        help: event.payload.help,
        askProfile: event.payload.askProfile ?? false,
      };
    case "participant:joined": {
      const { participantId, nickname, groupId, sizes, view } = event.payload;
      // A phone hears of someone else joining for the group sizes, and for the name only when they join its group.
      if (self && participantId !== self) return withView({ ...next, groupSizes: sizes ?? next.groupSizes }, view, self);
      if (next.participantOrder.includes(participantId)) return next;
      const joined: SessionState = {
        ...next,
        membership: setMember(next.membership, participantId, groupId),
        groupSizes: sizes ?? next.groupSizes,
        waiting: event.payload.waiting ? [...next.waiting, participantId] : next.waiting,
      };
      putEntry(recordFor(joined, "participants"), participantId, { id: participantId, nickname, joinedAt: event.at });
      pushEntry(listFor(joined, "participantOrder"), participantId);
      if (event.payload.device) putEntry(recordFor(joined, "devices"), participantId, event.payload.device);
      return withView(joined, view, self);
    }
    case "groups:formed": {
      const p = event.payload;
      const groups = { ...next.groups };
      for (const id of next.groupOrder) groups[id] = { ...groups[id], active: false };
      const membership: Record<string, string> = {};
      for (const g of p.groups) {
        groups[g.id] = { id: g.id, name: g.name, colour: g.colour, active: true };
        for (const m of g.members) membership[m] = g.id;
      }
      const previous = next.groupOrder.map((id) => membersOf(next, id)).filter((m) => m.length > 1);
      const formed: SessionState = {
        ...next,
        groups,
        groupOrder: p.groups.map((g) => g.id),
        membership,
        groupSizes: p.sizes,
        selfSelect: p.selfSelect,
        groupCap: p.cap,
        pastGroups: [...next.pastGroups, ...previous],
        groupTimers: {},
        groupDone: {},
      };
      return withView(formed, p.view, self);
    }
    case "participant:moved": {
      const p = event.payload;
      const moved = { ...next, membership: setMember(next.membership, p.participantId, p.to), groupSizes: p.sizes };
      return withView(moved, p.view, self);
    }
    case "groups:merged": {
      const p = event.payload;
      const membership = Object.fromEntries(Object.entries(next.membership).map(([id, g]) => [id, g === p.from ? p.into : g]));
      const merged: SessionState = {
        ...next,
        membership,
        groups: { ...next.groups, [p.from]: { ...next.groups[p.from], active: false } },
        groupOrder: next.groupOrder.filter((id) => id !== p.from),
        groupSizes: p.sizes,
      };
      return withView(merged, p.view, self);
    }
    case "group:split": {
      const p = event.payload;
      const membership = { ...next.membership };
      for (const id of p.moved) membership[id] = p.newGroup.id;
      const at = next.groupOrder.indexOf(p.groupId);
      const groupOrder = [...next.groupOrder];
      groupOrder.splice(at + 1, 0, p.newGroup.id);
      const split: SessionState = {
        ...next,
        membership,
        groups: { ...next.groups, [p.newGroup.id]: { ...p.newGroup, active: true } },
        groupOrder,
        groupSizes: p.sizes,
      };
      return withView(split, p.view, self);
    }
    case "group:renamed":
      if (!next.groups[event.payload.groupId]) return next;
      return { ...next, groups: { ...next.groups, [event.payload.groupId]: { ...next.groups[event.payload.groupId], name: event.payload.name } } };
    case "group:removed": {
      const id = event.payload.groupId;
      const sizes = { ...next.groupSizes };
      delete sizes[id];
      return {
        ...next,
        groups: next.groups[id] ? { ...next.groups, [id]: { ...next.groups[id], active: false } } : next.groups,
        groupOrder: next.groupOrder.filter((g) => g !== id),
        groupSizes: sizes,
      };
    }
    case "groups:dissolved": {
      const groups = { ...next.groups };
      for (const id of next.groupOrder) groups[id] = { ...groups[id], active: false };
      const previous = next.groupOrder.map((id) => membersOf(next, id)).filter((m) => m.length > 1);
      const dissolved: SessionState = { ...next, groups, groupOrder: [], membership: {}, groupSizes: {}, selfSelect: false, groupCap: null, groupTimers: {}, groupDone: {}, pastGroups: [...next.pastGroups, ...previous] };
      if (!self) return dissolved;
      // A phone is on its own again: no group-mates, and only the room's notes (unless all are shown).
      const noteOrder = next.board.showAll ? next.noteOrder : next.noteOrder.filter((id) => next.notes[id]?.groupId === null);
      const me = next.participants[self];
      return forgetOtherGroups(
        { ...dissolved, participants: me ? { [self]: me } : {}, noteOrder, notes: Object.fromEntries(noteOrder.map((id) => [id, next.notes[id]])) },
        self,
      );
    }
    case "group:marked":
      return { ...next, groupDone: { ...next.groupDone, [event.payload.groupId]: event.payload.done } };
    case "broadcast:sent": {
      const b = { id: event.payload.messageId, text: event.payload.text, groupId: event.payload.groupId, at: event.at };
      const all = [...next.broadcasts, b];
      // A phone keeps the latest it heard; the record keeps the latest each audience (the room, each group) heard,
      // so that a phone's snapshot holds what the phone itself would have kept.
      return { ...next, broadcasts: self ? all.slice(-BROADCASTS_KEPT) : latestPerAudience(all) };
    }
    case "group-timer:set":
      return { ...next, groupTimers: { ...next.groupTimers, [event.payload.groupId]: event.payload.timer } };
    case "note:added": {
      const note = event.payload.note;
      if (noteOf(next, note.id)) return next;
      putEntry(recordFor(next, "notes"), note.id, note);
      pushEntry(listFor(next, "noteOrder"), note.id);
      return next;
    }
    case "note:edited": {
      const p = event.payload;
      const known = noteOf(next, p.noteId);
      if (p.note && (!known || known.status === "held")) return putNote(next, { ...p.note, status: "visible" });
      return patchNote(next, p.noteId, (n) => ({ ...n, text: p.text, flagged: p.flagged, ...(p.concern !== undefined ? { concern: p.concern } : {}), status: p.held ? "held" : n.status === "held" ? "visible" : n.status, editedAt: event.at }));
    }
    case "note:deleted": {
      const votesBy = Object.fromEntries(Object.entries(next.votesBy).map(([v, ids]) => [v, ids.filter((id) => id !== event.payload.noteId)]));
      // A phone that changed group still counts its vote for a note it no longer sees: the deletion gives it back.
      if (!noteOf(next, event.payload.noteId)) return Object.values(next.votesBy).some((ids) => ids.includes(event.payload.noteId)) ? { ...next, votesBy } : next;
      const notes = { ...next.notes };
      delete notes[event.payload.noteId];
      return { ...next, notes, noteOrder: next.noteOrder.filter((id) => id !== event.payload.noteId), votesBy };
    }
    case "note:hidden":
      return patchNote(next, event.payload.noteId, (n) => ({ ...n, status: "hidden" }));
    case "note:restored": {
      const p = event.payload;
      // The room's copy may be stale (blanked when it was held): the full note replaces it.
      if (p.note) return putNote(next, { ...p.note, status: "visible" });
      return patchNote(next, p.noteId, (n) => ({ ...n, status: "visible" }));
    }
    case "note:voted": {
      const p = event.payload;
      // The voter's own record changes even for a note it no longer sees (it changed group).
      if (!noteOf(next, p.noteId) && !p.voterId) return next;
      // Who voted reaches only staff and the voter; everyone else gets the count.
      if (p.voterId) {
        const mine = next.votesBy[p.voterId] ?? [];
        if (mine.includes(p.noteId) === p.on) return next;
        putEntry(recordFor(next, "votesBy"), p.voterId, p.on ? [...mine, p.noteId] : mine.filter((id) => id !== p.noteId));
      }
      return patchNote(next, p.noteId, (n) => ({ ...n, votes: Math.max(0, n.votes + (p.on ? 1 : -1)) }));
    }
    case "note:clustered":
      return patchNote(next, event.payload.noteId, (n) => ({ ...n, clusterId: event.payload.clusterId }));
    case "cluster:created":
      if (next.clusters[event.payload.clusterId]) return next;
      return {
        ...next,
        clusters: { ...next.clusters, [event.payload.clusterId]: { id: event.payload.clusterId, name: event.payload.name } },
        clusterOrder: [...next.clusterOrder, event.payload.clusterId],
      };
    case "cluster:renamed":
      if (!next.clusters[event.payload.clusterId]) return next;
      return { ...next, clusters: { ...next.clusters, [event.payload.clusterId]: { id: event.payload.clusterId, name: event.payload.name } } };
    case "cluster:removed": {
      const id = event.payload.clusterId;
      const clusters = { ...next.clusters };
      delete clusters[id];
      const done = { ...next, clusters, clusterOrder: next.clusterOrder.filter((c) => c !== id) };
      // Its notes go back to "unclustered"; written like every other note change (a client's noteOrder gets a new reference).
      const members = done.noteOrder.filter((k) => Object.hasOwn(done.notes, k) && done.notes[k].clusterId === id);
      if (members.length > 0) {
        const notes = recordFor(done, "notes");
        for (const k of members) putEntry(notes, k, { ...notes[k], clusterId: null });
      }
      return done;
    }
    case "stroke:committed": {
      const p = event.payload;
      const existing = next.sketches[p.sketchId];
      if (existing?.strokes.some((st) => st.id === p.stroke.id)) return next;
      const own = existing ? ownedStrokes(existing.strokes) : null;
      if (own) {
        pushEntry(own, p.stroke);
        return next;
      }
      const sketch = existing ?? { id: p.sketchId, ownerKind: p.ownerKind, ownerId: p.ownerId, groupId: p.groupId, stepId: p.stepId, strokes: [], done: false, hidden: false };
      const strokes = [...sketch.strokes, p.stroke];
      adoptStrokes(strokes);
      putEntry(recordFor(next, "sketches"), p.sketchId, { ...sketch, strokes });
      if (!existing) pushEntry(listFor(next, "sketchOrder"), p.sketchId);
      return next;
    }
    case "stroke:removed": {
      const gone = new Set(event.payload.strokeIds);
      return patchSketch(next, event.payload.sketchId, (k) => ({ ...k, strokes: k.strokes.filter((st) => !gone.has(st.id)) }));
    }
    case "sketch:marked":
      return patchSketch(next, event.payload.sketchId, (k) => ({ ...k, done: event.payload.done }));
    case "sketch:hidden":
      return { ...patchSketch(next, event.payload.sketchId, (k) => ({ ...k, hidden: true })), spotlight: next.spotlight === event.payload.sketchId ? null : next.spotlight };
    case "sketch:restored": {
      const p = event.payload;
      // The projector's copy stopped at the hiding (strokes since then never reached it): the sent sketch replaces it.
      if (p.sketch) {
        const known = !!next.sketches[p.sketchId];
        return { ...next, sketches: { ...next.sketches, [p.sketchId]: { ...p.sketch, hidden: false } }, sketchOrder: known ? next.sketchOrder : [...next.sketchOrder, p.sketchId] };
      }
      return patchSketch(next, p.sketchId, (k) => ({ ...k, hidden: false }));
    }
    case "sketch:spotlighted":
      return { ...next, spotlight: event.payload.sketchId };
    case "participant:profiled":
      return { ...next, profiles: { ...next.profiles, [event.payload.participantId]: { ageBand: event.payload.ageBand, sex: event.payload.sex } } };
    case "attendance:peaked":
      return { ...next, peakOnline: Math.max(next.peakOnline, event.payload.online) };
    case "sketch:configured":
      return { ...next, sketchMode: event.payload.mode };
    case "board:configured": {
      const p = event.payload;
      // Old sessions' events lack the wall view fields (as `withBoardDefaults` in ./board fills them).
      const board = {
        ...p.settings,
        wallView: p.settings.wallView ?? (p.settings.wallGroupBy === "cluster" ? ("cluster" as const) : ("group" as const)),
        wallNote: p.settings.wallNote ?? null,
        screenPage: p.settings.screenPage ?? null,
      };
      if (!p.notes) {
        if (board.showAll || !self) return { ...next, board };
        // A phone back to "own group only" forgets other groups' notes.
        const mine = next.membership[self] ?? null;
        const keep = next.noteOrder.filter((id) => next.notes[id] && (next.notes[id].groupId === null || next.notes[id].groupId === mine));
        return { ...next, board, noteOrder: keep, notes: Object.fromEntries(keep.map((id) => [id, next.notes[id]])) };
      }
      // Every note the phone may now see, in the room's order: it replaces what the phone held.
      return { ...next, board, notes: Object.fromEntries(p.notes.map((n) => [n.id, n])), noteOrder: p.notes.map((n) => n.id) };
    }
    case "session:ended":
      return { ...next, status: "ended", endedAt: event.at };
    case "agenda:moved":
      return {
        ...next,
        stepIndex: event.payload.index,
        stepStartedAt: event.at,
        timer: event.payload.timer,
        groupTimers: {},
        groupDone: {},
        // Each video step starts from the beginning, paused, warning not yet confirmed; captions and volume carry over.
        video: { ...VIDEO_START, captions: next.video.captions, volume: next.video.volume },
      };
    case "video:controlled":
      return {
        ...next,
        video: { ...next.video, playing: event.payload.action === "play", position: event.payload.position, at: event.at, pausePoint: event.payload.pausePoint ?? null },
      };
    case "video:configured":
      return { ...next, video: { ...next.video, captions: event.payload.captions, volume: event.payload.volume } };
    case "video:warning-confirmed":
      return { ...next, video: { ...next.video, warningConfirmed: event.payload.stepId } };
    case "timer:configured":
      return { ...next, timerSettings: event.payload.settings };
    case "timer:set": {
      const groupTimers = event.payload.groupTimers ?? next.groupTimers;
      return { ...next, timer: event.payload.timer, groupTimers: self ? ownTimer(groupTimers, next.membership[self] ?? null) : groupTimers };
    }
  }
}

/**
 * A fold that owns the growing collections of the states it makes (notes,
 * their order, participants, sketches and their strokes, votes) and writes
 * them in place, so an event costs the same however large the session is.
 *
 * - `"everything"` (the server's hub, a bulk fold): every growing collection
 *   is written in place. A state it returned earlier shares those collections
 *   with the later ones: keep only the newest, or compare fields an event
 *   replaces (membership, groups, ...).
 * - `"notes"` (a client's store): the notes record and `noteOrder` are
 *   written in place (a note costs the same on a wall of 20 or 20,000);
 *   every state is a new object with the event's `seq`, which is what
 *   components watch for changed notes, and everything else an event changes
 *   is a new object, so React sees what changed.
 *
 * Same results as `applyEvent`, event by event.
 */
export interface Fold {
  apply(state: SessionState, event: ClientEvent, self?: string | null): SessionState;
  applyAll(state: SessionState, events: readonly ClientEvent[], self?: string | null): SessionState;
  /**
   * Runs `f`, then undoes every in-place write it made: the states it folded
   * are a draft (the hub decides a batch of commands on them before any is
   * stored). Only states the fold made before the call stay valid.
   */
  draft<T>(f: () => T): T;
}

export function createFold(inPlace: "everything" | "notes"): Fold {
  const writer: Writer = { keeps: (kind) => inPlace === "everything" || kind === "notes" || kind === "noteOrder", owned: new WeakSet(), fresh: new WeakSet(), undo: null };
  const apply = (state: SessionState, event: ClientEvent, self: string | null = null) => writingWith(writer, () => applyEvent(state, event, self));
  return {
    apply,
    applyAll(state, events, self = null) {
      let st = state;
      for (const e of events) st = apply(st, e, self);
      return st;
    },
    draft(f) {
      const outer = writer.undo;
      const undo: (() => void)[] = [];
      writer.undo = undo;
      try {
        return f();
      } finally {
        for (let i = undo.length - 1; i >= 0; i--) undo[i]();
        writer.undo = outer;
      }
    },
  };
}

/**
 * Folds many events (a hub loading a log, a report). Same result as applying
 * them one by one, in linear time: the growing collections are written in
 * place on copies this fold owns (`state` itself is never changed).
 */
export function applyEvents(state: SessionState, events: readonly ClientEvent[], self: string | null = null): SessionState {
  return createFold("everything").applyAll(state, events, self);
}

/**
 * The note held under this id as the record's own. Note ids are made on
 * phones: one such as "constructor" or "__proto__" must name a note, never
 * something inherited from Object.prototype.
 */
function noteOf(state: SessionState, id: string): Note | undefined {
  return Object.hasOwn(state.notes, id) ? state.notes[id] : undefined;
}

/** `state` is the event's own new state (`next`): its collections are replaced or written through the fold's writer. */
function patchNote(state: SessionState, id: string, f: (n: Note) => Note): SessionState {
  const n = noteOf(state, id);
  if (n) putEntry(recordFor(state, "notes"), id, f(n));
  return state;
}

function patchSketch(state: SessionState, id: string, f: (k: Sketch) => Sketch): SessionState {
  const k = state.sketches[id];
  if (k) putEntry(recordFor(state, "sketches"), id, f(k));
  return state;
}

/** Adds or replaces a note; one the client never had goes where the room has it, in the order notes were written. */
function putNote(state: SessionState, note: Note): SessionState {
  const known = noteOf(state, note.id);
  let at = state.noteOrder.length;
  if (!known) while (at > 0 && (state.notes[state.noteOrder[at - 1]]?.createdAt ?? 0) > note.createdAt) at--;
  putEntry(recordFor(state, "notes"), note.id, note);
  if (known) return state;
  if (at === state.noteOrder.length) pushEntry(listFor(state, "noteOrder"), note.id);
  else state.noteOrder = [...state.noteOrder.slice(0, at), note.id, ...state.noteOrder.slice(at)];
  return state;
}
