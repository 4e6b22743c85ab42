import { CLUSTER_NAME_MAX, NOTE_STEP_KINDS, cleanNoteText, type BoardSettings, type Note } from "./board";
import { accept, fail, isStaff, type CommandActor, type Decision, type DecideContext, type SessionCommand } from "./decision";
import { currentStep, type SessionState } from "./session-state";
import { own } from "./records";
import { cleanLine } from "./text";

type NoteCommand = SessionCommand<"note:add" | "note:edit" | "note:delete" | "note:vote" | "note:hide" | "note:restore" | "note:cluster" | "cluster:create" | "cluster:rename" | "cluster:remove" | "board:configure">;

/** Whether phones may post now: not paused, and the step (if any) is a brainstorm or discussion. */
export function postingOpen(state: SessionState): boolean {
  if (state.status !== "live" || state.board.postingPaused) return false;
  if (!state.plan) return true;
  const step = currentStep(state);
  return !!step && (NOTE_STEP_KINDS as readonly string[]).includes(step.kind);
}

/** Whether a participant may see (and so vote on) a note. */
export function canSeeNote(state: SessionState, participantId: string, note: Note): boolean {
  if (note.status !== "visible") return false;
  return state.board.showAll || note.groupId === null || note.groupId === (own(state.membership, participantId) ?? null);
}

/** Notes, votes, clusters and moderation. A participant only ever acts as itself, inside what it can see. */
export function decideNotes(state: SessionState, command: NoteCommand, actor: CommandActor, ctx: DecideContext): Decision {
  if (state.status === "ended") return fail("SESSION_ENDED", "This session has ended");
  const staff = isStaff(actor, state);
  const b = state.board;

  switch (command.type) {
    case "note:add": {
      if (actor.kind !== "participant") return fail("FORBIDDEN", "Notes come from participants' phones");
      if (own(state.notes, command.noteId)) return fail("DUPLICATE_ID", "This note already exists");
      if (!postingOpen(state)) return fail(b.postingPaused ? "POSTING_PAUSED" : "NOTES_CLOSED", b.postingPaused ? "The trainer has paused posting" : "Notes are not open in this step");
      if (command.anonymous && !b.anonymousAllowed) return fail("ANONYMOUS_OFF", "Anonymous notes are not allowed in this session");
      const text = cleanNoteText(command.text);
      const checked = checkText(text, b, ctx);
      if (!checked.ok) return checked.decision;
      const step = currentStep(state);
      const note: Note = {
        id: command.noteId,
        groupId: own(state.membership, actor.id) ?? null,
        stepId: step?.id ?? null,
        text,
        authorId: actor.id,
        anonymous: command.anonymous,
        status: checked.held ? "held" : "visible",
        flagged: checked.flagged,
        ...(checked.concern ? { concern: true } : {}),
        clusterId: null,
        votes: 0,
        createdAt: ctx.now,
        editedAt: null,
      };
      return accept({ type: "note:added", payload: { note } });
    }
    case "note:edit":
    case "note:delete": {
      const note = own(state.notes, command.noteId);
      if (!note) return fail("NOTE_NOT_FOUND", "No such note");
      // Only the author edits or deletes a note; the trainer hides instead.
      if (actor.kind !== "participant" || note.authorId !== actor.id) return fail("NOT_YOUR_NOTE", "You can only change your own notes");
      if (command.type === "note:delete") return accept({ type: "note:deleted", payload: { noteId: note.id, groupId: note.groupId } });
      if (b.postingPaused) return fail("POSTING_PAUSED", "The trainer has paused posting");
      if (note.status === "hidden") return fail("FORBIDDEN", "The trainer has hidden this note");
      const text = cleanNoteText(command.text);
      const checked = checkText(text, b, ctx);
      if (!checked.ok) return checked.decision;
      return {
        ok: true,
        event: {
          type: "note:edited",
          payload: { noteId: note.id, groupId: note.groupId, text, flagged: checked.flagged, held: checked.held, released: note.status === "held" && !checked.held, ...(checked.concern || note.concern ? { concern: checked.concern } : {}) },
        },
      };
    }
    case "note:vote": {
      if (actor.kind !== "participant") return fail("FORBIDDEN", "Participants vote from their phones");
      const note = own(state.notes, command.noteId);
      if (!note || !canSeeNote(state, actor.id, note)) return fail("NOTE_NOT_FOUND", "No such note");
      const mine = own(state.votesBy, actor.id) ?? [];
      if (command.on === mine.includes(note.id)) return fail("BAD_REQUEST", command.on ? "You already voted for this note" : "You have not voted for this note");
      if (command.on && mine.length >= b.votesPerPerson) {
        return fail("NO_VOTES_LEFT", b.votesPerPerson === 0 ? "Voting is off" : `You have used all ${b.votesPerPerson} votes`);
      }
      return accept({ type: "note:voted", payload: { noteId: note.id, groupId: note.groupId, voterId: actor.id, on: command.on } });
    }
    case "note:hide":
    case "note:restore": {
      if (!staff) return fail("FORBIDDEN", "Only the trainer moderates notes");
      const note = own(state.notes, command.noteId);
      if (!note) return fail("NOTE_NOT_FOUND", "No such note");
      if (command.type === "note:hide") {
        if (note.status === "hidden") return fail("BAD_REQUEST", "This note is already hidden");
        return accept({ type: "note:hidden", payload: { noteId: note.id, groupId: note.groupId } });
      }
      if (note.status === "visible") return fail("BAD_REQUEST", "This note is already shown");
      return accept({ type: "note:restored", payload: { noteId: note.id, groupId: note.groupId } });
    }
    case "note:cluster": {
      if (!staff) return fail("FORBIDDEN", "Only the trainer arranges clusters");
      const note = own(state.notes, command.noteId);
      if (!note) return fail("NOTE_NOT_FOUND", "No such note");
      if (command.clusterId && !own(state.clusters, command.clusterId)) return fail("CLUSTER_NOT_FOUND", "No such cluster");
      return accept({ type: "note:clustered", payload: { noteId: note.id, groupId: note.groupId, clusterId: command.clusterId } });
    }
    case "cluster:create":
    case "cluster:rename": {
      if (!staff) return fail("FORBIDDEN", "Only the trainer arranges clusters");
      const name = cleanLine(command.name);
      if (!name || [...name].length > CLUSTER_NAME_MAX) return fail("BAD_REQUEST", `A cluster name has 1 to ${CLUSTER_NAME_MAX} characters`);
      if (command.type === "cluster:create") {
        if (state.clusterOrder.length >= 30) return fail("BAD_REQUEST", "At most 30 clusters");
        return accept({ type: "cluster:created", payload: { clusterId: ctx.newId(), name } });
      }
      if (!own(state.clusters, command.clusterId)) return fail("CLUSTER_NOT_FOUND", "No such cluster");
      return accept({ type: "cluster:renamed", payload: { clusterId: command.clusterId, name } });
    }
    case "cluster:remove": {
      if (!staff) return fail("FORBIDDEN", "Only the trainer arranges clusters");
      if (!own(state.clusters, command.clusterId)) return fail("CLUSTER_NOT_FOUND", "No such cluster");
      return accept({ type: "cluster:removed", payload: { clusterId: command.clusterId } });
    }
    case "board:configure": {
      if (!staff) return fail("FORBIDDEN", "Only the trainer sets up the board");
      return accept({ type: "board:configured", payload: { settings: { ...b, ...command.settings } } });
    }
  }
}

function checkText(text: string, b: BoardSettings, ctx: DecideContext): { ok: true; flagged: boolean; held: boolean; concern: boolean } | { ok: false; decision: Decision } {
  if (!text) return { ok: false, decision: fail("NOTE_EMPTY", "Write something first") };
  if ([...text].length > b.noteMax) return { ok: false, decision: fail("NOTE_TOO_LONG", `A note has at most ${b.noteMax} characters`) };
  const matched = b.filter !== "off" && !!ctx.filter?.(text);
  // Safeguarding, not moderation: a note that may be a disclosure never reaches the wall or other phones, whatever the filter mode.
  const concern = !!ctx.concern?.(text);
  return { ok: true, flagged: matched, held: (matched && b.filter === "hold") || concern, concern };
}
