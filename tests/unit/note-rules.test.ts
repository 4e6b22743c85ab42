/**
 * The brainstorm board's rules (lib/domain/note-commands.ts), as tables:
 * who may post, edit, delete, vote, moderate and arrange notes, when, and
 * what event each accepted command becomes.
 */
import { decide } from "@/lib/domain/commands";
import { DEFAULT_BOARD, type BoardSettings } from "@/lib/domain/board";
import type { CommandActor, DecideContext } from "@/lib/domain/decision";
import { ctx } from "./ctx";
import {
  accepted,
  ended,
  History,
  liveSession,
  note,
  noteAddedBody,
  organiser,
  otherTrainer,
  outcome,
  phone,
  STEP,
  system,
  trainer,
  twoGroups,
  type Body,
  type SessionCommand,
} from "./support/session-fixtures";

const NOW = 5000;
/** The session's word filter: anything with "bad" in it. */
const filtering = (): DecideContext => ({ ...ctx(NOW), filter: (text) => /bad/.test(text) });
const board = (settings: Partial<BoardSettings>): Body<"board:configured"> => ({ type: "board:configured", payload: { settings: { ...DEFAULT_BOARD, ...settings } } });

/**
 * No plan (notes always open), p1 p2 in "ga", p3 p4 in "gb", and notes:
 * n-ga (p1's, group ga), n-gb (p3's, gb), n-room (p1's, made outside any
 * group), n-hidden and n-held (p2's, ga), n-anon (p2's, anonymous), cluster c1.
 */
const room = twoGroups({ plan: null }).then(
  noteAddedBody(note("n-ga", { groupId: "ga", authorId: "p1" })),
  noteAddedBody(note("n-gb", { groupId: "gb", authorId: "p3" })),
  noteAddedBody(note("n-room", { groupId: null, authorId: "p1" })),
  noteAddedBody(note("n-hidden", { groupId: "ga", authorId: "p2", status: "hidden" })),
  noteAddedBody(note("n-held", { groupId: "ga", authorId: "p2", status: "held", flagged: true })),
  noteAddedBody(note("n-anon", { groupId: "ga", authorId: "p2", anonymous: true })),
  { type: "cluster:created", payload: { clusterId: "c1", name: "Money" } },
);
const withSettings = (settings: Partial<BoardSettings>) => room.then(board(settings));
const voted = (voter: string, ...noteIds: string[]) =>
  room.then(...noteIds.map((noteId): Body<"note:voted"> => ({ type: "note:voted", payload: { noteId, groupId: "ga", voterId: voter, on: true } })));
const onStep = (index: number) => liveSession({ step: index });

interface Row {
  name: string;
  given: History;
  command: SessionCommand;
  actor: CommandActor;
  /** The event type, or the error code. */
  expected: string;
  /** Part of the event's payload, when accepted. */
  payload?: Record<string, unknown>;
  /** Decide with the word filter loaded. */
  filter?: boolean;
}

function check({ given, command, actor, expected, payload, filter }: Row) {
  const d = decide(given.state, command, actor, filter ? filtering() : ctx(NOW));
  expect(outcome(d)).toBe(expected);
  if (payload) expect(accepted(d).payload).toMatchObject(payload);
}

const add = (text: string, anonymous = false, noteId = "n-new"): SessionCommand => ({ type: "note:add", noteId, text, anonymous });

describe("note:add", () => {
  it.each<Row>([
    {
      name: "a participant posts into its group, as itself, in the current step",
      given: room,
      command: add("  Fake job\u200b offers  "),
      actor: phone("p1"),
      expected: "note:added",
      payload: { note: { id: "n-new", groupId: "ga", stepId: null, text: "Fake job offers", authorId: "p1", anonymous: false, status: "visible", flagged: false, clusterId: null, votes: 0, createdAt: NOW, editedAt: null } },
    },
    { name: "a participant in no group posts to the room", given: liveSession({ plan: null }), command: add("idea"), actor: phone("p1"), expected: "note:added", payload: { note: { groupId: null } } },
    { name: "the trainer may not post", given: room, command: add("idea"), actor: trainer, expected: "FORBIDDEN" },
    { name: "an organiser may not post", given: room, command: add("idea"), actor: organiser, expected: "FORBIDDEN" },
    { name: "the system may not post", given: room, command: add("idea"), actor: system, expected: "FORBIDDEN" },
    { name: "a note id that exists", given: room, command: add("idea", false, "n-gb"), actor: phone("p1"), expected: "DUPLICATE_ID" },
    { name: "posting paused", given: withSettings({ postingPaused: true }), command: add("idea"), actor: phone("p1"), expected: "POSTING_PAUSED" },
    { name: "before the first step of a plan", given: onStep(-1), command: add("idea"), actor: phone("p1"), expected: "NOTES_CLOSED" },
    { name: "an intro step", given: onStep(STEP.welcome), command: add("idea"), actor: phone("p1"), expected: "NOTES_CLOSED" },
    { name: "a sketch step", given: onStep(STEP.poster), command: add("idea"), actor: phone("p1"), expected: "NOTES_CLOSED" },
    { name: "a video step", given: onStep(STEP.film), command: add("idea"), actor: phone("p1"), expected: "NOTES_CLOSED" },
    { name: "a brainstorm step (the note names it)", given: onStep(STEP.ideas), command: add("idea"), actor: phone("p1"), expected: "note:added", payload: { note: { stepId: "ideas" } } },
    { name: "a discussion step", given: onStep(STEP.talk), command: add("idea"), actor: phone("p1"), expected: "note:added", payload: { note: { stepId: "talk" } } },
    { name: "anonymous while the trainer does not allow it", given: room, command: add("idea", true), actor: phone("p1"), expected: "ANONYMOUS_OFF" },
    { name: "anonymous when allowed (the author stays on the record)", given: withSettings({ anonymousAllowed: true }), command: add("idea", true), actor: phone("p1"), expected: "note:added", payload: { note: { anonymous: true, authorId: "p1" } } },
    { name: "nothing left after cleaning", given: room, command: add(" \u200b\u0007 \n "), actor: phone("p1"), expected: "NOTE_EMPTY" },
    { name: "longer than the board allows", given: room, command: add("x".repeat(281)), actor: phone("p1"), expected: "NOTE_TOO_LONG" },
    { name: "exactly as long as the board allows", given: room, command: add("x".repeat(280)), actor: phone("p1"), expected: "note:added" },
    { name: "a shorter limit set by the trainer", given: withSettings({ noteMax: 20 }), command: add("x".repeat(21)), actor: phone("p1"), expected: "NOTE_TOO_LONG" },
    { name: "filter in flag mode: shown, flagged for the trainer", given: withSettings({ filter: "flag" }), command: add("a bad word"), actor: phone("p1"), filter: true, expected: "note:added", payload: { note: { status: "visible", flagged: true } } },
    { name: "filter in hold mode: held until approved", given: withSettings({ filter: "hold" }), command: add("a bad word"), actor: phone("p1"), filter: true, expected: "note:added", payload: { note: { status: "held", flagged: true } } },
    { name: "filter off: a matching note is not marked", given: room, command: add("a bad word"), actor: phone("p1"), filter: true, expected: "note:added", payload: { note: { status: "visible", flagged: false } } },
    { name: "hold mode with no filter loaded", given: withSettings({ filter: "hold" }), command: add("a bad word"), actor: phone("p1"), expected: "note:added", payload: { note: { status: "visible", flagged: false } } },
    { name: "an ended session", given: ended(room), command: add("idea"), actor: phone("p1"), expected: "SESSION_ENDED" },
  ])("$name", check);
});

describe("note:edit and note:delete", () => {
  const edit = (noteId: string, text = "better idea"): SessionCommand => ({ type: "note:edit", noteId, text });
  const del = (noteId: string): SessionCommand => ({ type: "note:delete", noteId });
  it.each<Row>([
    { name: "the author edits", given: room, command: edit("n-ga", " better\u200b idea "), actor: phone("p1"), expected: "note:edited", payload: { noteId: "n-ga", groupId: "ga", text: "better idea", flagged: false, held: false, released: false } },
    { name: "a group-mate may not edit", given: room, command: edit("n-ga"), actor: phone("p2"), expected: "NOT_YOUR_NOTE" },
    { name: "the trainer may not edit (it hides instead)", given: room, command: edit("n-ga"), actor: trainer, expected: "NOT_YOUR_NOTE" },
    { name: "an organiser may not edit", given: room, command: edit("n-ga"), actor: organiser, expected: "NOT_YOUR_NOTE" },
    { name: "editing an unknown note", given: room, command: edit("n-nope"), actor: phone("p1"), expected: "NOTE_NOT_FOUND" },
    { name: "editing a note the trainer hid", given: room, command: edit("n-hidden"), actor: phone("p2"), expected: "FORBIDDEN" },
    { name: "editing while posting is paused", given: withSettings({ postingPaused: true }), command: edit("n-ga"), actor: phone("p1"), expected: "POSTING_PAUSED" },
    { name: "editing to nothing", given: room, command: edit("n-ga", "   "), actor: phone("p1"), expected: "NOTE_EMPTY" },
    { name: "editing past the limit", given: room, command: edit("n-ga", "y".repeat(281)), actor: phone("p1"), expected: "NOTE_TOO_LONG" },
    { name: "a held note edited clean is released", given: withSettings({ filter: "hold" }), command: edit("n-held", "kind words"), actor: phone("p2"), filter: true, expected: "note:edited", payload: { held: false, flagged: false, released: true } },
    { name: "a held note edited still matching stays held", given: withSettings({ filter: "hold" }), command: edit("n-held", "still bad"), actor: phone("p2"), filter: true, expected: "note:edited", payload: { held: true, released: false } },
    { name: "a visible note edited into a match is held", given: withSettings({ filter: "hold" }), command: edit("n-ga", "bad now"), actor: phone("p1"), filter: true, expected: "note:edited", payload: { held: true, flagged: true, released: false } },
    { name: "editing in an ended session", given: ended(room), command: edit("n-ga"), actor: phone("p1"), expected: "SESSION_ENDED" },
    { name: "the author deletes", given: room, command: del("n-ga"), actor: phone("p1"), expected: "note:deleted", payload: { noteId: "n-ga", groupId: "ga" } },
    { name: "the author deletes a note the trainer hid", given: room, command: del("n-hidden"), actor: phone("p2"), expected: "note:deleted" },
    { name: "the author deletes while posting is paused", given: withSettings({ postingPaused: true }), command: del("n-ga"), actor: phone("p1"), expected: "note:deleted" },
    { name: "someone else may not delete", given: room, command: del("n-ga"), actor: phone("p3"), expected: "NOT_YOUR_NOTE" },
    { name: "the trainer may not delete", given: room, command: del("n-ga"), actor: trainer, expected: "NOT_YOUR_NOTE" },
    { name: "deleting an unknown note", given: room, command: del("n-nope"), actor: phone("p1"), expected: "NOTE_NOT_FOUND" },
    { name: "deleting in an ended session", given: ended(room), command: del("n-ga"), actor: phone("p1"), expected: "SESSION_ENDED" },
  ])("$name", check);
});

describe("note:vote", () => {
  const vote = (noteId: string, on = true): SessionCommand => ({ type: "note:vote", noteId, on });
  it.each<Row>([
    { name: "a vote for a note of one's group", given: room, command: vote("n-ga"), actor: phone("p2"), expected: "note:voted", payload: { noteId: "n-ga", groupId: "ga", voterId: "p2", on: true } },
    { name: "a vote for one's own note", given: room, command: vote("n-ga"), actor: phone("p1"), expected: "note:voted" },
    { name: "a vote for a note made outside any group", given: room, command: vote("n-room"), actor: phone("p3"), expected: "note:voted", payload: { groupId: null } },
    { name: "a vote for another group's note: it does not exist for the voter", given: room, command: vote("n-ga"), actor: phone("p3"), expected: "NOTE_NOT_FOUND" },
    { name: "a vote for another group's note once all are shown", given: withSettings({ showAll: true }), command: vote("n-ga"), actor: phone("p3"), expected: "note:voted" },
    { name: "a vote for a hidden note", given: room, command: vote("n-hidden"), actor: phone("p1"), expected: "NOTE_NOT_FOUND" },
    { name: "a vote for a held note", given: room, command: vote("n-held"), actor: phone("p1"), expected: "NOTE_NOT_FOUND" },
    { name: "a vote for an unknown note", given: room, command: vote("n-nope"), actor: phone("p1"), expected: "NOTE_NOT_FOUND" },
    { name: "a second vote for the same note", given: voted("p2", "n-ga"), command: vote("n-ga"), actor: phone("p2"), expected: "BAD_REQUEST" },
    { name: "taking back a vote", given: voted("p2", "n-ga"), command: vote("n-ga", false), actor: phone("p2"), expected: "note:voted", payload: { on: false } },
    { name: "taking back a vote never given", given: room, command: vote("n-ga", false), actor: phone("p2"), expected: "BAD_REQUEST" },
    { name: "all votes used (3 by default)", given: voted("p2", "n-room", "n-anon", "n-held"), command: vote("n-ga"), actor: phone("p2"), expected: "NO_VOTES_LEFT" },
    { name: "taking one back when all are used", given: voted("p2", "n-room", "n-anon", "n-ga"), command: vote("n-ga", false), actor: phone("p2"), expected: "note:voted" },
    { name: "voting turned off", given: withSettings({ votesPerPerson: 0 }), command: vote("n-ga"), actor: phone("p2"), expected: "NO_VOTES_LEFT" },
    { name: "the trainer may not vote", given: room, command: vote("n-ga"), actor: trainer, expected: "FORBIDDEN" },
    { name: "the system may not vote", given: room, command: vote("n-ga"), actor: system, expected: "FORBIDDEN" },
    { name: "voting in an ended session", given: ended(room), command: vote("n-ga"), actor: phone("p2"), expected: "SESSION_ENDED" },
  ])("$name", check);
});

describe("moderation: note:hide and note:restore", () => {
  const hide = (noteId: string): SessionCommand => ({ type: "note:hide", noteId });
  const restore = (noteId: string): SessionCommand => ({ type: "note:restore", noteId });
  it.each<Row>([
    { name: "the trainer hides a note", given: room, command: hide("n-ga"), actor: trainer, expected: "note:hidden", payload: { noteId: "n-ga", groupId: "ga" } },
    { name: "an organiser hides a note", given: room, command: hide("n-ga"), actor: organiser, expected: "note:hidden" },
    { name: "the trainer hides a held note (rejects it)", given: room, command: hide("n-held"), actor: trainer, expected: "note:hidden" },
    { name: "another trainer may not", given: room, command: hide("n-ga"), actor: otherTrainer, expected: "FORBIDDEN" },
    { name: "a participant may not, even its own", given: room, command: hide("n-ga"), actor: phone("p1"), expected: "FORBIDDEN" },
    { name: "the system may not", given: room, command: hide("n-ga"), actor: system, expected: "FORBIDDEN" },
    { name: "hiding twice", given: room, command: hide("n-hidden"), actor: trainer, expected: "BAD_REQUEST" },
    { name: "hiding an unknown note", given: room, command: hide("n-nope"), actor: trainer, expected: "NOTE_NOT_FOUND" },
    { name: "restoring a hidden note", given: room, command: restore("n-hidden"), actor: trainer, expected: "note:restored", payload: { noteId: "n-hidden", groupId: "ga" } },
    { name: "approving a held note", given: room, command: restore("n-held"), actor: organiser, expected: "note:restored" },
    { name: "restoring a visible note", given: room, command: restore("n-ga"), actor: trainer, expected: "BAD_REQUEST" },
    { name: "restoring an unknown note", given: room, command: restore("n-nope"), actor: trainer, expected: "NOTE_NOT_FOUND" },
    { name: "a participant may not restore", given: room, command: restore("n-hidden"), actor: phone("p2"), expected: "FORBIDDEN" },
    { name: "another trainer may not restore", given: room, command: restore("n-hidden"), actor: otherTrainer, expected: "FORBIDDEN" },
    { name: "hiding in an ended session", given: ended(room), command: hide("n-ga"), actor: trainer, expected: "SESSION_ENDED" },
  ])("$name", check);
});

describe("clusters", () => {
  const many = room.then(...Array.from({ length: 29 }, (_, i): Body<"cluster:created"> => ({ type: "cluster:created", payload: { clusterId: `c${i + 2}`, name: `C${i}` } })));
  it.each<Row>([
    { name: "the trainer puts a note in a cluster", given: room, command: { type: "note:cluster", noteId: "n-ga", clusterId: "c1" }, actor: trainer, expected: "note:clustered", payload: { noteId: "n-ga", groupId: "ga", clusterId: "c1" } },
    { name: "the trainer takes a note out of its cluster", given: room, command: { type: "note:cluster", noteId: "n-ga", clusterId: null }, actor: trainer, expected: "note:clustered", payload: { clusterId: null } },
    { name: "a hidden note may be clustered", given: room, command: { type: "note:cluster", noteId: "n-hidden", clusterId: "c1" }, actor: trainer, expected: "note:clustered" },
    { name: "an unknown cluster", given: room, command: { type: "note:cluster", noteId: "n-ga", clusterId: "c-nope" }, actor: trainer, expected: "CLUSTER_NOT_FOUND" },
    { name: "an unknown note", given: room, command: { type: "note:cluster", noteId: "n-nope", clusterId: "c1" }, actor: trainer, expected: "NOTE_NOT_FOUND" },
    { name: "a participant may not cluster", given: room, command: { type: "note:cluster", noteId: "n-ga", clusterId: "c1" }, actor: phone("p1"), expected: "FORBIDDEN" },
    { name: "another trainer may not cluster", given: room, command: { type: "note:cluster", noteId: "n-ga", clusterId: "c1" }, actor: otherTrainer, expected: "FORBIDDEN" },
    { name: "a cluster is created with a fresh id and a clean name", given: room, command: { type: "cluster:create", name: "  Job\u200b   offers " }, actor: trainer, expected: "cluster:created", payload: { clusterId: "id1", name: "Job offers" } },
    { name: "a cluster name of only spaces", given: room, command: { type: "cluster:create", name: " \t " }, actor: trainer, expected: "BAD_REQUEST" },
    { name: "a cluster name of 61 characters", given: room, command: { type: "cluster:create", name: "c".repeat(61) }, actor: trainer, expected: "BAD_REQUEST" },
    { name: "a 30th cluster", given: many.then({ type: "cluster:removed", payload: { clusterId: "c2" } }), command: { type: "cluster:create", name: "Last" }, actor: trainer, expected: "cluster:created" },
    { name: "a 31st cluster", given: many, command: { type: "cluster:create", name: "One more" }, actor: trainer, expected: "BAD_REQUEST" },
    { name: "a participant may not create clusters", given: room, command: { type: "cluster:create", name: "Mine" }, actor: phone("p1"), expected: "FORBIDDEN" },
    { name: "renaming", given: room, command: { type: "cluster:rename", clusterId: "c1", name: "Debts" }, actor: organiser, expected: "cluster:renamed", payload: { clusterId: "c1", name: "Debts" } },
    { name: "renaming an unknown cluster", given: room, command: { type: "cluster:rename", clusterId: "c-nope", name: "Debts" }, actor: trainer, expected: "CLUSTER_NOT_FOUND" },
    { name: "renaming to nothing", given: room, command: { type: "cluster:rename", clusterId: "c1", name: "" }, actor: trainer, expected: "BAD_REQUEST" },
    { name: "removing", given: room, command: { type: "cluster:remove", clusterId: "c1" }, actor: trainer, expected: "cluster:removed", payload: { clusterId: "c1" } },
    { name: "removing an unknown cluster", given: room, command: { type: "cluster:remove", clusterId: "c-nope" }, actor: trainer, expected: "CLUSTER_NOT_FOUND" },
    { name: "a participant may not remove clusters", given: room, command: { type: "cluster:remove", clusterId: "c1" }, actor: phone("p1"), expected: "FORBIDDEN" },
    { name: "clusters in an ended session", given: ended(room), command: { type: "cluster:create", name: "Late" }, actor: trainer, expected: "SESSION_ENDED" },
  ])("$name", check);
});

describe("board:configure", () => {
  it.each<Row>([
    { name: "the trainer changes some settings, the rest stay", given: withSettings({ votesPerPerson: 5 }), command: { type: "board:configure", settings: { showAll: true } }, actor: trainer, expected: "board:configured", payload: { settings: { ...DEFAULT_BOARD, votesPerPerson: 5, showAll: true } } },
    { name: "an organiser configures", given: room, command: { type: "board:configure", settings: { anonymousAllowed: true } }, actor: organiser, expected: "board:configured", payload: { settings: { anonymousAllowed: true } } },
    { name: "another trainer may not", given: room, command: { type: "board:configure", settings: { showAll: true } }, actor: otherTrainer, expected: "FORBIDDEN" },
    { name: "a participant may not", given: room, command: { type: "board:configure", settings: { votesPerPerson: 20 } }, actor: phone("p1"), expected: "FORBIDDEN" },
    { name: "the system may not", given: room, command: { type: "board:configure", settings: { postingPaused: true } }, actor: system, expected: "FORBIDDEN" },
    { name: "not after the end", given: ended(room), command: { type: "board:configure", settings: { showAll: true } }, actor: trainer, expected: "SESSION_ENDED" },
  ])("$name", check);
});

describe("what the notes' events do to the record", () => {
  it("counts votes and returns them when a note is deleted", () => {
    const h = voted("p2", "n-ga", "n-anon").run({ type: "note:vote", noteId: "n-ga", on: true }, phone("p1"));
    expect(h.state.notes["n-ga"].votes).toBe(2);
    expect(h.state.votesBy).toEqual({ p2: ["n-ga", "n-anon"], p1: ["n-ga"] });
    const gone = h.run({ type: "note:delete", noteId: "n-ga" }, phone("p1"));
    expect(gone.state.notes["n-ga"]).toBeUndefined();
    expect(gone.state.noteOrder).not.toContain("n-ga");
    expect(gone.state.votesBy).toEqual({ p2: ["n-anon"], p1: [] });
  });

  it("releases a held note when the author edits it clean, and holds it again when not", () => {
    const h = withSettings({ filter: "hold" });
    const released = h.run({ type: "note:edit", noteId: "n-held", text: "kind" }, phone("p2"), filtering());
    expect(released.state.notes["n-held"]).toMatchObject({ status: "visible", text: "kind", flagged: false, editedAt: released.last.at });
    const again = released.run({ type: "note:edit", noteId: "n-held", text: "bad again" }, phone("p2"), filtering());
    expect(again.state.notes["n-held"]).toMatchObject({ status: "held", flagged: true });
  });

  it("takes a removed cluster's notes out of it", () => {
    const h = room.run({ type: "note:cluster", noteId: "n-ga", clusterId: "c1" }, trainer).run({ type: "cluster:remove", clusterId: "c1" }, trainer);
    expect(h.state.notes["n-ga"].clusterId).toBeNull();
    expect(h.state.clusterOrder).toEqual([]);
  });
});
