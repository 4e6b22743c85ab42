/**
 * Who hears what (lib/domain/visibility.ts): for each kind of event, the
 * form each client receives live (trainer's console, projector, phones in
 * and out of the group); what each client's snapshot holds; and scripted
 * sessions in which every client must end up holding its snapshot.
 */
import { DEFAULT_BOARD, type BoardSettings } from "@/lib/domain/board";
import type { CommandActor } from "@/lib/domain/decision";
import { applyEvents } from "@/lib/domain/apply-event";
import { BROADCASTS_KEPT, emptySessionState } from "@/lib/domain/session-state";
import { eventForViewer, stateForViewer, toClientEvent, type Viewer } from "@/lib/domain/visibility";
import { ctx } from "./ctx";
import {
  formedBody,
  History,
  liveSession,
  note,
  noteAddedBody,
  phone,
  STEP,
  strokeBody,
  system,
  trainer,
  twoGroups,
  type Body,
  type SessionCommand,
} from "./support/session-fixtures";
import { delivered, leaks, startSim, type SyncSim } from "./support/sync-sim";

const board = (settings: Partial<BoardSettings>): Body<"board:configured"> => ({ type: "board:configured", payload: { settings: { ...DEFAULT_BOARD, ...settings } } });
const filtering = () => ({ ...ctx(5000), filter: (text: string) => /bad/.test(text) });

/** No plan; p1 p2 in "ga", p3 p4 in "gb"; anonymous notes allowed; a note of ga's (n1, by p1) and a held one (n-held, by p2). */
const room = twoGroups({ plan: null }).then(
  board({ anonymousAllowed: true, filter: "hold" }),
  noteAddedBody(note("n1", { groupId: "ga", authorId: "p1", text: "Fake job ads" })),
  noteAddedBody(note("n-held", { groupId: "ga", authorId: "p2", text: "bad words", status: "held", flagged: true })),
);
/** The sketch step "poster" with a stroke on ga's canvas and on p3's own sketch (made in gb). */
const drawing = twoGroups({ step: STEP.poster }).then(
  strokeBody("g_ga_poster", "group", "ga", "ga", "poster", "stroke-ga-1", "p1"),
  strokeBody("p_p3_poster", "participant", "p3", "gb", "poster", "stroke-p3-1", "p3"),
);

type Name = "trainer" | "screen" | "p1" | "p2" | "p3" | "p4" | "p5";
/** What a client receives: nothing, the stored event as is (minus actor and command id), or a form whose payload has these fields. */
type Seen = null | "as stored" | Record<string, unknown>;

interface DeliveryRow {
  name: string;
  /** The session after the event in question (its last event). */
  given: History;
  /** Every client not named receives nothing. */
  seen: Partial<Record<Name, Seen>>;
}

const viewerOf = (name: string): Viewer => (name === "trainer" ? { kind: "staff" } : name === "screen" ? { kind: "screen" } : { kind: "participant", participantId: name });

function checkDelivery({ given, seen }: DeliveryRow) {
  const got = delivered(given.last, given.state);
  for (const [name, form] of Object.entries(got)) {
    const want = seen[name as Name] ?? null;
    if (want === null) expect({ [name]: form }).toEqual({ [name]: null });
    else if (want === "as stored") expect({ [name]: form }).toEqual({ [name]: toClientEvent(given.last) });
    else {
      expect(form).not.toBeNull();
      expect({ [name]: form!.payload }).toMatchObject({ [name]: want });
    }
    // A resync right after the event gives the same form (the joiner itself is not bound yet when its join goes out).
    const joiner = given.last.type === "participant:joined" && given.last.payload.participantId === name;
    if (!joiner) expect({ [name]: eventForViewer(given.last, viewerOf(name), given.state) }).toEqual({ [name]: form });
  }
}

const run = (h: History, command: SessionCommand, actor: CommandActor, c = ctx(5000)) => h.run(command, actor, c);

describe("notes: anonymous authors, voters, held and hidden notes, other groups", () => {
  const anon = run(room, { type: "note:add", noteId: "n2", text: "Debt bondage", anonymous: true }, phone("p1"));
  const named = run(room, { type: "note:add", noteId: "n2", text: "Debt bondage", anonymous: false }, phone("p1"));
  const roomNote = run(twoGroups({ plan: null }).then({ type: "groups:dissolved", payload: {} }), { type: "note:add", noteId: "n2", text: "Passports", anonymous: false }, phone("p3"));
  const allShown = run(room.then(board({ showAll: true, anonymousAllowed: true })), { type: "note:add", noteId: "n2", text: "Debt", anonymous: false }, phone("p1"));
  const flagged = run(room.then(board({ filter: "flag" })), { type: "note:add", noteId: "n2", text: "bad boss", anonymous: false }, phone("p1"), filtering());
  const held = run(room, { type: "note:add", noteId: "n2", text: "bad boss", anonymous: true }, phone("p1"), filtering());
  const voted = run(room, { type: "note:vote", noteId: "n1", on: true }, phone("p2"));
  const heldByEdit = run(room, { type: "note:edit", noteId: "n1", text: "bad now" }, phone("p1"), filtering());
  const released = run(room, { type: "note:edit", noteId: "n-held", text: "kind now" }, phone("p2"), filtering());
  const hidden = run(room, { type: "note:hide", noteId: "n1" }, trainer);
  const approved = run(room, { type: "note:restore", noteId: "n-held" }, trainer);
  const deleted = run(room, { type: "note:delete", noteId: "n1" }, phone("p1"));
  const clustered = run(room.then({ type: "cluster:created", payload: { clusterId: "c1", name: "Work" } }), { type: "note:cluster", noteId: "n1", clusterId: "c1" }, trainer);
  const room2 = { groupId: "ga", text: "Debt bondage" };

  it.each<DeliveryRow>([
    {
      name: "an anonymous note reaches nobody with its author, the trainer included",
      given: anon,
      seen: { trainer: { note: { ...room2, authorId: null, anonymous: true } }, screen: { note: { authorId: null } }, p1: { note: { authorId: null } }, p2: { note: { authorId: null } } },
    },
    { name: "a named note reaches its group and the projector", given: named, seen: { trainer: "as stored", screen: "as stored", p1: "as stored", p2: "as stored" } },
    { name: "a note made outside any group reaches every phone", given: roomNote, seen: { trainer: "as stored", screen: "as stored", p1: "as stored", p2: "as stored", p3: "as stored", p4: "as stored" } },
    { name: "with all notes shown, a group's note reaches every phone", given: allShown, seen: { trainer: "as stored", screen: "as stored", p1: "as stored", p2: "as stored", p3: "as stored", p4: "as stored" } },
    { name: "the word filter's flag is for the trainer only", given: flagged, seen: { trainer: { note: { flagged: true } }, screen: { note: { flagged: false, text: "bad boss" } }, p1: { note: { flagged: false } }, p2: { note: { flagged: false } } } },
    { name: "a held note reaches only the trainer (author hidden even there)", given: held, seen: { trainer: { note: { status: "held", text: "bad boss", authorId: null } } } },
    { name: "a vote: the voter is named to the trainer and the voter only", given: voted, seen: { trainer: { voterId: "p2" }, screen: { voterId: "" }, p1: { voterId: "" }, p2: { voterId: "p2", on: true } } },
    { name: "an edit the filter holds: the room loses the text", given: heldByEdit, seen: { trainer: { text: "bad now", held: true, flagged: true }, screen: { text: "", held: true, flagged: false }, p1: { text: "", held: true }, p2: { text: "", held: true } } },
    { name: "an edit that releases a held note: the room gets it whole, unflagged", given: released, seen: { trainer: { released: true }, screen: { note: { text: "kind now", status: "visible", flagged: false } }, p1: { note: { text: "kind now" } }, p2: { note: { text: "kind now" } } } },
    { name: "hiding a note: its group and the projector drop it", given: hidden, seen: { trainer: "as stored", screen: "as stored", p1: "as stored", p2: "as stored" } },
    { name: "approving a held note: the room gets it whole", given: approved, seen: { trainer: "as stored", screen: { note: { id: "n-held", text: "bad words", flagged: false } }, p1: { note: { text: "bad words" } }, p2: { note: { text: "bad words" } } } },
    { name: "a deletion (ids only) reaches every phone", given: deleted, seen: { trainer: "as stored", screen: "as stored", p1: "as stored", p2: "as stored", p3: "as stored", p4: "as stored" } },
    { name: "clustering reaches the note's group", given: clustered, seen: { trainer: "as stored", screen: "as stored", p1: "as stored", p2: "as stored" } },
  ])("$name", checkDelivery);
});

describe("groups: members, late joiners, broadcasts and timers", () => {
  const formed = liveSession({ plan: null }).run(
    { type: "groups:form", by: "count", n: 2, balanced: true, mixNew: false, naming: "animals", selfSelect: false, cap: null },
    trainer,
    ctx(5000, 3),
  );
  const g = (id: string) => formed.state.membership[id];
  const mates = (id: string) => formed.state.participantOrder.filter((p) => g(p) === g(id)).map((p) => ({ id: p, nickname: `nick-${p}` }));
  const emptied = formed.last.type === "groups:formed" ? formed.last.payload.groups.map((x) => ({ id: x.id, members: [] })) : [];
  const moved = run(room, { type: "participant:move", participantId: "p1", groupId: "gb" }, trainer);
  const lateJoin = run(room, { type: "participant:join", participantId: "p5", nickname: "nick-p5" }, phone("p5"));
  const earlyJoin = run(liveSession({ plan: null }), { type: "participant:join", participantId: "p5", nickname: "nick-p5" }, phone("p5"));
  const toGroup = run(room, { type: "broadcast:send", text: "Come to the front", groupId: "gb" }, trainer);
  const toAll = run(room, { type: "broadcast:send", text: "Break", groupId: null }, trainer);
  const extraTime = run(room, { type: "timer:extend", seconds: 60, groupId: "ga" }, trainer);
  const marked = run(room, { type: "group:mark", groupId: "ga", done: true }, phone("p1"));
  const dissolved = run(room, { type: "groups:dissolve" }, trainer);

  it.each<DeliveryRow>([
    {
      name: "forming groups: phones learn their own group's members, no one else's",
      given: formed,
      seen: {
        trainer: "as stored",
        screen: "as stored",
        ...Object.fromEntries(["p1", "p2", "p3", "p4"].map((p) => [p, { groups: emptied, view: { groupId: g(p), members: mates(p) } }])),
      },
    },
    {
      name: "a move: the mover learns its new mates and their notes; the old group sees it gone",
      given: moved,
      seen: {
        trainer: "as stored",
        screen: "as stored",
        p1: { participantId: "p1", from: "ga", to: "gb", view: { groupId: "gb", members: [{ id: "p1" }, { id: "p3" }, { id: "p4" }], notes: [] } },
        p2: { view: { groupId: "ga", members: [{ id: "p2", nickname: "nick-p2" }], notes: [{ id: "n1" }] } },
        p3: { view: { groupId: "gb", members: [{ id: "p1", nickname: "nick-p1" }, { id: "p3" }, { id: "p4" }] } },
        p4: { view: { groupId: "gb" } },
      },
    },
    {
      name: "a late joiner's name reaches its new group only; the others learn the sizes",
      given: lateJoin,
      seen: {
        trainer: "as stored",
        screen: "as stored",
        p1: { participantId: "p5", nickname: "nick-p5", groupId: "ga", view: { groupId: "ga", members: [{ id: "p1" }, { id: "p2" }, { id: "p5", nickname: "nick-p5" }] } },
        p2: { nickname: "nick-p5" },
        p3: { participantId: "", nickname: "", groupId: "ga", sizes: { ga: 3, gb: 2 } },
        p4: { participantId: "", nickname: "", sizes: { ga: 3, gb: 2 } },
        // Routed to its group's room, which the joiner's socket enters only afterwards: it starts from the join ack's snapshot.
        p5: { view: { groupId: "ga" } },
      },
    },
    { name: "a join without groups: other phones hear nothing", given: earlyJoin, seen: { trainer: "as stored", screen: "as stored", p5: "as stored" } },
    { name: "a broadcast to one group", given: toGroup, seen: { trainer: "as stored", screen: "as stored", p3: "as stored", p4: "as stored" } },
    { name: "a broadcast to the room", given: toAll, seen: { trainer: "as stored", screen: "as stored", p1: "as stored", p2: "as stored", p3: "as stored", p4: "as stored" } },
    { name: "extra time for one group", given: extraTime, seen: { trainer: "as stored", screen: "as stored", p1: "as stored", p2: "as stored" } },
    { name: "a group marks itself done: everyone may know", given: marked, seen: { trainer: "as stored", screen: "as stored", p1: "as stored", p2: "as stored", p3: "as stored", p4: "as stored" } },
    { name: "dissolving groups", given: dissolved, seen: { trainer: "as stored", screen: "as stored", p1: "as stored", p2: "as stored", p3: "as stored", p4: "as stored" } },
  ])("$name", checkDelivery);
});

describe("sketches, profiles, attendance, the board", () => {
  const onCanvas = run(drawing, { type: "stroke:commit", sketchId: "g_ga_poster", stroke: { id: "stroke-ga-2", colour: "#111827", width: 6, tool: "pen", points: [1, 2, 3] } }, phone("p2"));
  const onOwn = run(drawing, { type: "stroke:commit", sketchId: "p_p3_poster", stroke: { id: "stroke-p3-2", colour: "#111827", width: 6, tool: "pen", points: [1, 2, 3] } }, phone("p3"));
  const ungrouped = liveSession({ step: STEP.self });
  const alone = run(ungrouped, { type: "stroke:commit", sketchId: "p_p1_self", stroke: { id: "stroke-p1-9", colour: "#111827", width: 6, tool: "pen", points: [1, 2, 3] } }, phone("p1"));
  const hidden = run(drawing, { type: "sketch:hide", sketchId: "g_ga_poster" }, trainer);
  const onHidden = run(hidden, { type: "stroke:commit", sketchId: "g_ga_poster", stroke: { id: "stroke-ga-3", colour: "#111827", width: 6, tool: "pen", points: [1, 2, 3] } }, phone("p1"));
  const restored = run(onHidden, { type: "sketch:restore", sketchId: "g_ga_poster" }, trainer);
  const profiled = run(liveSession({ plan: null, askProfile: true }), { type: "participant:profile", ageBand: "18-24", sex: "no-answer" }, phone("p2"));
  const peak = run(room, { type: "attendance:record", online: 4 }, system);
  const showAll = run(room, { type: "board:configure", settings: { showAll: true } }, trainer);
  const ownOnly = run(showAll, { type: "board:configure", settings: { showAll: false } }, trainer);
  const spotlight = run(drawing, { type: "sketch:spotlight", sketchId: "p_p3_poster" }, trainer);

  it.each<DeliveryRow>([
    { name: "a stroke on a group canvas reaches that group and the projector", given: onCanvas, seen: { trainer: "as stored", screen: "as stored", p1: "as stored", p2: "as stored" } },
    { name: "a stroke on one's own sketch reaches one's group (it follows its owner)", given: onOwn, seen: { trainer: "as stored", screen: "as stored", p3: "as stored", p4: "as stored" } },
    { name: "a stroke by someone in no group reaches only that phone", given: alone, seen: { trainer: "as stored", screen: "as stored", p1: "as stored" } },
    { name: "hiding a sketch: every phone hears of it (ids only), for the spotlight", given: hidden, seen: { trainer: "as stored", screen: "as stored", p1: "as stored", p2: "as stored", p3: "as stored", p4: "as stored" } },
    { name: "a stroke on a hidden sketch never reaches the projector", given: onHidden, seen: { trainer: "as stored", p1: "as stored", p2: "as stored" } },
    { name: "restoring: the projector gets the whole sketch, strokes since the hiding included", given: restored, seen: { trainer: "as stored", screen: { sketch: { id: "g_ga_poster", hidden: false, strokes: [{ id: "stroke-ga-1" }, { id: "stroke-ga-3" }] } }, p1: "as stored", p2: "as stored" } },
    { name: "the spotlight is the room's", given: spotlight, seen: { trainer: "as stored", screen: "as stored", p1: "as stored", p2: "as stored", p3: "as stored", p4: "as stored" } },
    { name: "a profile reaches the trainer and its owner only", given: profiled, seen: { trainer: "as stored", p2: "as stored" } },
    { name: "attendance reaches the trainer only", given: peak, seen: { trainer: "as stored" } },
    {
      name: "showing all notes: each phone gets every visible note, no author of anonymous ones, nothing held",
      given: showAll,
      seen: {
        trainer: "as stored",
        screen: "as stored",
        ...Object.fromEntries(["p1", "p2", "p3", "p4"].map((p) => [p, { settings: { showAll: true }, notes: [{ id: "n1", text: "Fake job ads" }] }])),
      },
    },
    { name: "back to own group's notes", given: ownOnly, seen: { trainer: "as stored", screen: "as stored", p1: "as stored", p2: "as stored", p3: "as stored", p4: "as stored" } },
  ])("$name", checkDelivery);
});

describe("stateForViewer: what a client's snapshot holds", () => {
  const h = twoGroups({ plan: null }).then(
    board({ anonymousAllowed: true }),
    noteAddedBody(note("n-ga", { groupId: "ga", authorId: "p1", flagged: true })),
    noteAddedBody(note("n-anon", { groupId: "ga", authorId: "p2", anonymous: true })),
    noteAddedBody(note("n-gb", { groupId: "gb", authorId: "p3" })),
    noteAddedBody(note("n-room", { groupId: null, authorId: "p4" })),
    noteAddedBody(note("n-hidden", { groupId: "ga", authorId: "p1", status: "hidden" })),
    noteAddedBody(note("n-held", { groupId: null, authorId: "p1", status: "held" })),
    { type: "note:voted", payload: { noteId: "n-ga", groupId: "ga", voterId: "p2", on: true } },
    { type: "note:voted", payload: { noteId: "n-room", groupId: null, voterId: "p3", on: true } },
    strokeBody("g_ga_free", "group", "ga", "ga", null, "stroke-1", "p1"),
    strokeBody("p_p3_free", "participant", "p3", "gb", null, "stroke-2", "p3"),
    strokeBody("p_p4_free", "participant", "p4", "gb", null, "stroke-3", "p4"),
    { type: "sketch:hidden", payload: { sketchId: "p_p4_free", groupId: "gb" } },
    { type: "participant:profiled", payload: { participantId: "p1", ageBand: "16-17", sex: "female" } },
    { type: "participant:profiled", payload: { participantId: "p3", ageBand: "18-24", sex: "male" } },
    { type: "attendance:peaked", payload: { online: 4 } },
    { type: "broadcast:sent", payload: { messageId: "b1", text: "All", groupId: null } },
    { type: "broadcast:sent", payload: { messageId: "b2", text: "Group b", groupId: "gb" } },
    { type: "group-timer:set", payload: { groupId: "gb", timer: { status: "idle", durationMs: 60_000, remainingMs: 60_000, endsAt: null } } },
    formedBody({ gx: ["p1", "p2"], gy: ["p3", "p4"] }),
    formedBody({ ga2: ["p1", "p2"], gb2: ["p3", "p4"] }),
  );
  const s = h.state;
  const staff = stateForViewer(s, { kind: "staff" });
  const screen = stateForViewer(s, { kind: "screen" });
  const p1 = stateForViewer(s, { kind: "participant", participantId: "p1" });
  const p3 = stateForViewer(s, { kind: "participant", participantId: "p3" });
  const ids = (o: object) => Object.keys(o).sort();

  it.each([
    ["staff: everything, but no anonymous author", () => {
      expect(staff.notes["n-anon"].authorId).toBeNull();
      expect({ ...staff, notes: {} }).toEqual({ ...s, notes: {} });
      expect(staff.notes["n-held"].text).toBe(s.notes["n-held"].text);
    }],
    ["screen: only visible notes, no flags, no authors of anonymous ones", () => {
      expect(screen.noteOrder).toEqual(["n-ga", "n-anon", "n-gb", "n-room"]);
      expect(screen.notes["n-ga"].flagged).toBe(false);
      expect(screen.notes["n-anon"].authorId).toBeNull();
    }],
    ["screen: no voters, profiles or attendance; hidden sketches left out", () => {
      expect(screen).toMatchObject({ votesBy: {}, profiles: {}, peakOnline: 0 });
      expect(screen.sketchOrder).toEqual(["g_ga_free", "p_p3_free"]);
      expect(ids(screen.sketches)).toEqual(["g_ga_free", "p_p3_free"]);
    }],
    ["screen: every participant and group (it shows them), and who was together before", () => {
      expect(screen.participants).toEqual(s.participants);
      expect(screen.pastGroups).toEqual(s.pastGroups);
      expect(screen.membership).toEqual(s.membership);
    }],
    ["phone: itself and its group-mates by name only", () => {
      expect(p1.participants).toEqual({ p1: s.participants.p1, p2: { id: "p2", nickname: "nick-p2", joinedAt: 0 } });
      expect(p1.participantOrder).toEqual(["p1"]);
      expect(p1.membership).toEqual({ p1: "ga2", p2: "ga2" });
      expect(p1.pastGroups).toEqual([]);
    }],
    ["phone: visible notes of its group and the room (old groups' notes are other groups' now)", () => {
      expect(p1.noteOrder).toEqual(["n-room"]);
      expect(stateForViewer({ ...s, board: { ...s.board, showAll: true } }, { kind: "participant", participantId: "p1" }).noteOrder).toEqual(["n-ga", "n-anon", "n-gb", "n-room"]);
    }],
    ["phone: only its own votes and profile; no attendance", () => {
      expect(p1.votesBy).toEqual({ p1: [] });
      expect(p3.votesBy).toEqual({ p3: ["n-room"] });
      expect(p1.profiles).toEqual({ p1: { ageBand: "16-17", sex: "female" } });
      expect(p1.peakOnline).toBe(0);
    }],
    ["phone: its own sketches and its group's (hidden ones too: hiding is for the projector)", () => {
      expect(p3.sketchOrder).toEqual(["p_p3_free", "p_p4_free"]);
      expect(p1.sketchOrder).toEqual([]);
    }],
    ["phone: broadcasts to the room and its group; its group's extra time only", () => {
      expect(p1.broadcasts.map((b) => b.id)).toEqual(["b1"]);
      expect(stateForViewer(h.then(formedBody({ gb: ["p3"] })).state, { kind: "participant", participantId: "p3" }).broadcasts.map((b) => b.id)).toEqual(["b1", "b2"]);
      expect(p1.groupTimers).toEqual({});
    }],
    ["phone: someone who never joined gets the session and nothing personal", () => {
      const ghost = stateForViewer(s, { kind: "participant", participantId: "p9" });
      expect(ghost).toMatchObject({ participants: {}, participantOrder: [], membership: {}, votesBy: { p9: [] }, profiles: {}, sketchOrder: [] });
    }],
  ] as const)("%s", (_name, assertion) => assertion());
});

describe("clients stay in sync with what they may hold (regressions found by the sync fuzzer)", () => {
  const t: CommandActor = trainer;
  const p = phone;
  const expectInSync = (sim: SyncSim) => expect(sim.outOfSync()).toEqual({});
  const stroke = (id: string) => ({ id, colour: "#111827" as const, width: 6, tool: "pen" as const, points: [1, 2, 3] });
  const formTwo = (selfSelect = false): SessionCommand => ({ type: "groups:form", by: "count", n: 2, balanced: true, mixNew: false, naming: "animals", selfSelect, cap: null });
  const groupOf = (sim: SyncSim, id: string) => sim.server.membership[id];

  it("attendance stays with the trainers, in snapshots too", () => {
    const sim = startSim({ plan: null, phones: 2 });
    sim.must({ type: "attendance:record", online: 2 }, system);
    expect(sim.viewer("screen").state.peakOnline).toBe(0);
    sim.must({ type: "participant:join", participantId: "p3", nickname: "Late" }, p("p3"));
    expect(sim.viewer("p3").state.peakOnline).toBe(0);
    expectInSync(sim);
  });

  it("a flagged note stays unflagged in the room, through edits and snapshots", () => {
    const sim = startSim({ plan: null, phones: 2, filter: (x) => /bad/.test(x) });
    sim.must({ type: "board:configure", settings: { filter: "flag" } }, t);
    sim.must({ type: "note:add", noteId: "n1", text: "bad idea", anonymous: false }, p("p1"));
    sim.must({ type: "note:edit", noteId: "n1", text: "still bad" }, p("p1"));
    expect(sim.viewer("trainer").state.notes.n1.flagged).toBe(true);
    expect(sim.viewer("screen").state.notes.n1.flagged).toBe(false);
    expectInSync(sim);
  });

  it("a phone knows its group-mates, no one else, as a fresh phone would (late joins, regrouping, moves)", () => {
    const sim = startSim({ plan: null, phones: 4 });
    sim.must(formTwo(), t);
    sim.must({ type: "participant:join", participantId: "p5", nickname: "nick-p5" }, p("p5"));
    sim.must({ type: "participant:join", participantId: "p6", nickname: "nick-p6" }, p("p6"));
    expectInSync(sim);
    const mover = sim.server.participantOrder.find((id) => groupOf(sim, id) === sim.server.groupOrder[0])!;
    sim.must({ type: "participant:move", participantId: mover, groupId: sim.server.groupOrder[1] }, t);
    expectInSync(sim);
    sim.must(formTwo(), t);
    expectInSync(sim);
    for (const id of ["p1", "p2", "p3", "p4", "p5", "p6"]) {
      const mine = sim.viewer(id).state;
      expect(Object.keys(mine.participants).every((x) => x === id || groupOf(sim, x) === groupOf(sim, id))).toBe(true);
    }
  });

  it("phones in other groups learn the new sizes when someone joins late", () => {
    const sim = startSim({ plan: null, phones: 4 });
    sim.must(formTwo(), t);
    sim.must({ type: "participant:join", participantId: "p5", nickname: "nick-p5" }, p("p5"));
    const elsewhere = ["p1", "p2", "p3", "p4"].find((id) => groupOf(sim, id) !== groupOf(sim, "p5"))!;
    expect(sim.viewer(elsewhere).state.groupSizes).toEqual(sim.server.groupSizes);
    expect(sim.viewer(elsewhere).state.participants.p5).toBeUndefined();
    expectInSync(sim);
  });

  it("when groups end, a phone forgets its group's notes, canvas, mates and announcements", () => {
    const sim = startSim({ plan: null, phones: 4 });
    sim.must(formTwo(), t);
    sim.must({ type: "sketch:configure", mode: "group" }, t);
    sim.must({ type: "note:add", noteId: "n1", text: "in the group", anonymous: false }, p("p1"));
    sim.must({ type: "stroke:commit", sketchId: `g_${groupOf(sim, "p1")}_free`, stroke: stroke("stroke-g-1") }, p("p1"));
    sim.must({ type: "broadcast:send", text: "To your group", groupId: groupOf(sim, "p1") }, t);
    sim.must({ type: "timer:extend", seconds: 30, groupId: groupOf(sim, "p1") }, t);
    sim.must({ type: "groups:dissolve" }, t);
    expect(sim.viewer("p1").state).toMatchObject({ noteOrder: [], sketchOrder: [], broadcasts: [], groupTimers: {}, membership: {} });
    expect(Object.keys(sim.viewer("p1").state.participants)).toEqual(["p1"]);
    expectInSync(sim);
  });

  it("after a move, a phone drops the old group's canvas, announcements and extra time, and the old group drops the mover's sketch", () => {
    const sim = startSim({ plan: null, phones: 4 });
    sim.must({ type: "groups:form", by: "count", n: 2, balanced: true, mixNew: false, naming: "animals", selfSelect: true, cap: null }, t);
    const [ga, gb] = sim.server.groupOrder;
    for (const [id, g] of [["p1", ga], ["p2", ga], ["p3", gb]] as const) sim.must({ type: "group:choose", groupId: g }, p(id));
    sim.must({ type: "stroke:commit", sketchId: "p_p1_free", stroke: stroke("stroke-p1-1") }, p("p1"));
    sim.must({ type: "broadcast:send", text: "Group a only", groupId: ga }, t);
    sim.must({ type: "timer:extend", seconds: 30, groupId: ga }, t);
    expect(sim.viewer("p2").state.sketchOrder).toEqual(["p_p1_free"]);
    sim.must({ type: "group:choose", groupId: gb }, p("p1"));
    expect(sim.viewer("p2").state.sketchOrder).toEqual([]);
    expect(sim.viewer("p1").state).toMatchObject({ broadcasts: [], groupTimers: {}, sketchOrder: ["p_p1_free"] });
    expect(sim.outOfSync(true)).toEqual({});
  });

  it("a phone holds only its own group's extra time when the room's timer starts", () => {
    const sim = startSim({ plan: null, phones: 4 });
    sim.must(formTwo(), t);
    const [ga, gb] = sim.server.groupOrder;
    sim.must({ type: "timer:extend", seconds: 60 }, t);
    sim.must({ type: "timer:extend", seconds: 30, groupId: ga }, t);
    sim.must({ type: "timer:extend", seconds: 90, groupId: gb }, t);
    sim.must({ type: "timer:start" }, t);
    const someoneInGa = ["p1", "p2", "p3", "p4"].find((id) => groupOf(sim, id) === ga)!;
    expect(Object.keys(sim.viewer(someoneInGa).state.groupTimers)).toEqual([ga]);
    expectInSync(sim);
  });

  it("the projector shows a restored sketch with the strokes drawn while it was hidden", () => {
    const sim = startSim({ plan: null, phones: 1 });
    sim.must({ type: "stroke:commit", sketchId: "p_p1_free", stroke: stroke("stroke-p1-1") }, p("p1"));
    sim.must({ type: "sketch:hide", sketchId: "p_p1_free" }, t);
    sim.must({ type: "stroke:commit", sketchId: "p_p1_free", stroke: stroke("stroke-p1-2") }, p("p1"));
    sim.must({ type: "stroke:undo", sketchId: "p_p1_free", strokeId: "stroke-p1-1" }, p("p1"));
    sim.must({ type: "sketch:restore", sketchId: "p_p1_free" }, t);
    expect(sim.viewer("screen").state.sketches.p_p1_free.strokes.map((x) => x.id)).toEqual(["stroke-p1-2"]);
    expectInSync(sim);
  });

  it("an approved note takes its place in the order notes were written", () => {
    const sim = startSim({ plan: null, phones: 2, filter: (x) => /bad/.test(x) });
    sim.must({ type: "board:configure", settings: { filter: "hold" } }, t);
    sim.must({ type: "note:add", noteId: "n1", text: "bad first", anonymous: false }, p("p1"));
    sim.must({ type: "note:add", noteId: "n2", text: "second", anonymous: false }, p("p2"));
    sim.must({ type: "note:restore", noteId: "n1" }, t);
    expect(sim.viewer("screen").state.noteOrder).toEqual(["n1", "n2"]);
    expect(sim.viewer("p2").state.noteOrder).toEqual(["n1", "n2"]);
    expectInSync(sim);
  });

  it("showing all notes puts them in the room's order", () => {
    const sim = startSim({ plan: null, phones: 4 });
    sim.must(formTwo(), t);
    const [a, b] = [sim.server.participantOrder.find((id) => groupOf(sim, id) === sim.server.groupOrder[0])!, sim.server.participantOrder.find((id) => groupOf(sim, id) === sim.server.groupOrder[1])!];
    sim.must({ type: "note:add", noteId: "n1", text: "one", anonymous: false }, p(a));
    sim.must({ type: "note:add", noteId: "n2", text: "two", anonymous: false }, p(b));
    sim.must({ type: "note:add", noteId: "n3", text: "three", anonymous: false }, p(a));
    sim.must({ type: "board:configure", settings: { showAll: true } }, t);
    expect(sim.viewer(a).state.noteOrder).toEqual(["n1", "n2", "n3"]);
    expectInSync(sim);
  });

  it("deleting a note gives its votes back, also to a voter who moved to another group", () => {
    const sim = startSim({ plan: null, phones: 4 });
    sim.must({ type: "groups:form", by: "count", n: 2, balanced: true, mixNew: false, naming: "animals", selfSelect: true, cap: null }, t);
    const [ga, gb] = sim.server.groupOrder;
    sim.must({ type: "group:choose", groupId: ga }, p("p1"));
    sim.must({ type: "group:choose", groupId: ga }, p("p2"));
    sim.must({ type: "note:add", noteId: "n1", text: "idea", anonymous: false }, p("p1"));
    sim.must({ type: "note:vote", noteId: "n1", on: true }, p("p2"));
    sim.must({ type: "group:choose", groupId: gb }, p("p2"));
    expect(sim.viewer("p2").state.votesBy).toEqual({ p2: ["n1"] });
    sim.must({ type: "note:delete", noteId: "n1" }, p("p1"));
    expect(sim.viewer("p2").state.votesBy).toEqual({ p2: [] });
    expectInSync(sim);
  });

  it("hiding the spotlighted sketch turns the spotlight off on every phone", () => {
    const sim = startSim({ plan: null, phones: 3 });
    sim.must({ type: "stroke:commit", sketchId: "p_p1_free", stroke: stroke("stroke-p1-1") }, p("p1"));
    sim.must({ type: "sketch:spotlight", sketchId: "p_p1_free" }, t);
    expect(sim.viewer("p3").state.spotlight).toBe("p_p1_free");
    sim.must({ type: "sketch:hide", sketchId: "p_p1_free" }, t);
    expect(sim.viewer("p3").state.spotlight).toBeNull();
    expectInSync(sim);
  });

  it("keeps the latest broadcasts each group heard, so a fresh phone shows what a connected one does", () => {
    const sim = startSim({ plan: null, phones: 4 });
    sim.must(formTwo(), t);
    const [ga, gb] = sim.server.groupOrder;
    for (let i = 0; i < 15; i++) sim.must({ type: "broadcast:send", text: `To a ${i}`, groupId: ga }, t);
    for (let i = 0; i < BROADCASTS_KEPT; i++) sim.must({ type: "broadcast:send", text: `To b ${i}`, groupId: gb }, t);
    sim.must({ type: "broadcast:send", text: "To all", groupId: null }, t);
    const inA = ["p1", "p2", "p3", "p4"].find((id) => groupOf(sim, id) === ga)!;
    expect(sim.viewer(inA).state.broadcasts.map((b) => b.text)).toEqual([...Array.from({ length: 15 }, (_, i) => `To a ${i}`), "To all"]);
    expectInSync(sim);
  });

  it("a note whose phone-made id names an Object.prototype property is a note like any other", () => {
    const sim = startSim({ plan: null, phones: 2 });
    const ids = ["constructor", "toString", "__proto__", "hasOwnProperty"];
    ids.forEach((id, i) => sim.store(noteAddedBody(note(id, { authorId: "p1", createdAt: 10 + i }))));
    sim.store({ type: "note:voted", payload: { noteId: "__proto__", groupId: null, voterId: "p2", on: true } });
    sim.store({ type: "note:hidden", payload: { noteId: "toString", groupId: null } });
    sim.store({ type: "note:restored", payload: { noteId: "toString", groupId: null } });
    sim.store({ type: "note:deleted", payload: { noteId: "constructor", groupId: null } });
    expect(sim.server.noteOrder).toEqual(["toString", "__proto__", "hasOwnProperty"]);
    expect(Object.getPrototypeOf(sim.server.notes)).toBe(Object.prototype);
    expect(sim.server.notes["__proto__"]).toMatchObject({ id: "__proto__", votes: 1 });
    expect(sim.viewer("p2").state.noteOrder).toEqual(["toString", "__proto__", "hasOwnProperty"]);
    expect(applyEvents(emptySessionState(sim.server.id), sim.log.map(toClientEvent))).toEqual(sim.server);
    expectInSync(sim);
  });

  it("a reconnecting phone catches up on the events it missed, each in its own form", () => {
    const sim = startSim({ plan: null, phones: 4 });
    sim.must(formTwo(), t);
    const [ga] = sim.server.groupOrder;
    const inA = ["p1", "p2", "p3", "p4"].filter((id) => groupOf(sim, id) === ga);
    sim.disconnect(inA[0]);
    sim.must({ type: "board:configure", settings: { anonymousAllowed: true } }, t);
    sim.must({ type: "note:add", noteId: "n1", text: "while away", anonymous: true }, p(inA[1]));
    sim.must({ type: "note:vote", noteId: "n1", on: true }, p(inA[0]));
    sim.must({ type: "stroke:commit", sketchId: `p_${inA[1]}_free`, stroke: stroke("stroke-away-1") }, p(inA[1]));
    sim.must({ type: "broadcast:send", text: "Five minutes", groupId: ga }, t);
    sim.must({ type: "participant:join", participantId: "p5", nickname: "nick-p5" }, p("p5"));
    const got = sim.reconnect(inA[0]);
    expect(got.kind).toBe("events");
    expect(sim.outOfSync()).toEqual({});
    expect(sim.viewer(inA[0]).state.notes.n1).toMatchObject({ authorId: null, votes: 1 });
  });

  it("a client that was away is not resent what has been hidden since: text, strokes, the filter's flag", () => {
    const sim = startSim({ plan: null, phones: 2, filter: (x) => /bad/.test(x) });
    sim.must({ type: "board:configure", settings: { filter: "flag" } }, t);
    sim.must({ type: "note:add", noteId: "n-old", text: "first", anonymous: false }, p("p1"));
    sim.must({ type: "stroke:commit", sketchId: "p_p1_free", stroke: stroke("stroke-p1-1") }, p("p1"));
    sim.must({ type: "note:hide", noteId: "n-old" }, t);
    sim.disconnect("p2");
    sim.disconnect("screen");
    sim.must({ type: "note:add", noteId: "n-new", text: "bad thing", anonymous: false }, p("p1"));
    sim.must({ type: "note:edit", noteId: "n-new", text: "worse bad thing" }, p("p1"));
    sim.must({ type: "note:hide", noteId: "n-new" }, t);
    sim.must({ type: "note:restore", noteId: "n-old" }, t);
    sim.must({ type: "note:hide", noteId: "n-old" }, t);
    sim.must({ type: "sketch:hide", sketchId: "p_p1_free" }, t);
    sim.must({ type: "sketch:restore", sketchId: "p_p1_free" }, t);
    sim.must({ type: "sketch:hide", sketchId: "p_p1_free" }, t);
    const nicknames = new Map(Object.values(sim.server.participants).map((x) => [x.nickname, x.id]));
    for (const name of ["p2", "screen"]) {
      const { events } = sim.reconnect(name);
      expect(JSON.stringify(events)).not.toMatch(/bad thing|first|stroke-p1-1/);
      expect(events.flatMap((e) => leaks(sim.viewer(name), e, sim.server, nicknames))).toEqual([]);
    }
    expectInSync(sim);
  });

  it("a reconnecting phone keeps its own vote on a note it can no longer see", () => {
    const sim = startSim({ plan: null, phones: 4 });
    sim.must(formTwo(), t);
    sim.must({ type: "note:add", noteId: "n1", text: "idea", anonymous: false }, p("p1"));
    const mate = ["p2", "p3", "p4"].find((id) => groupOf(sim, id) === groupOf(sim, "p1"))!;
    sim.disconnect(mate);
    sim.must({ type: "note:vote", noteId: "n1", on: true }, p(mate));
    sim.must({ type: "groups:dissolve" }, t);
    sim.reconnect(mate);
    expect(sim.viewer(mate).state.votesBy).toEqual({ [mate]: ["n1"] });
    expect(sim.outOfSync()).toEqual({});
  });

  // Every missed event's form is made against the *current* state, so a form that carries notes as they are now
  // (a membership view, "show all", a restored note) already counts later votes: the hub answers such gaps with a snapshot.
  it("a reconnecting client does not count a vote twice", () => {
    const sim = startSim({ plan: null, phones: 2 });
    sim.must({ type: "note:add", noteId: "n1", text: "idea", anonymous: false }, p("p1"));
    sim.disconnect("p2");
    sim.disconnect("screen");
    sim.must({ type: "note:hide", noteId: "n1" }, t);
    sim.must({ type: "note:restore", noteId: "n1" }, t);
    sim.must({ type: "note:vote", noteId: "n1", on: true }, p("p1"));
    sim.reconnect("p2");
    sim.reconnect("screen");
    expect(sim.outOfSync()).toEqual({});
  });

  // KNOWN GAP (reported; needs sketches, broadcasts and the group's timer in groupViewSchema, lib/domain/events.ts):
  // a membership event tells a phone its new group's members and notes only. Passing once the view carries the rest.
  it.failing("a phone that moves into a group sees what was drawn, announced and timed there before", () => {
    const sim = startSim({ plan: null, phones: 4 });
    sim.must({ type: "groups:form", by: "count", n: 2, balanced: true, mixNew: false, naming: "animals", selfSelect: true, cap: null }, t);
    const [ga, gb] = sim.server.groupOrder;
    for (const [id, g] of [["p1", ga], ["p2", ga], ["p3", gb]] as const) sim.must({ type: "group:choose", groupId: g }, p(id));
    sim.must({ type: "sketch:configure", mode: "group" }, t);
    sim.must({ type: "stroke:commit", sketchId: `g_${gb}_free`, stroke: stroke("stroke-b-1") }, p("p3"));
    sim.must({ type: "broadcast:send", text: "Group b only", groupId: gb }, t);
    sim.must({ type: "timer:extend", seconds: 30, groupId: gb }, t);
    sim.must({ type: "group:choose", groupId: gb }, p("p1"));
    expect(sim.outOfSync()).toEqual({});
  });
});
