/**
 * Drawing rules (lib/domain/sketch-commands.ts, sketch ids from
 * lib/domain/sketch.ts), as tables: who may draw on which sketch in which
 * step, take strokes back, mark, moderate and spotlight sketches.
 */
import { decide } from "@/lib/domain/commands";
import type { CommandActor } from "@/lib/domain/decision";
import { MAX_STROKE_POINTS, MAX_STROKES_PER_SKETCH, parseSketchId, sketchIdFor, type StrokeInput } from "@/lib/domain/sketch";
import { effectiveSketchMode } from "@/lib/domain/session-state";
import { ctx } from "./ctx";
import {
  accepted,
  ended,
  formedBody,
  gotoBody,
  History,
  liveSession,
  organiser,
  otherTrainer,
  outcome,
  phone,
  STEP,
  strokeBody,
  system,
  trainer,
  twoGroups,
  type SessionCommand,
} from "./support/session-fixtures";

const stroke = (id = "stroke-new-1", points = [10, 20, 50, 30, 40, 50]): StrokeInput => ({ id, colour: "#111827", width: 6, tool: "pen", points });

/**
 * The plan's group sketch step ("poster"), p1 p2 in "ga", p3 p4 in "gb".
 * Sketches: ga's canvas with a stroke each by p1 and p2; p1's own sketch
 * from the individual "self" step; p3's, hidden by the trainer.
 */
const drawing = twoGroups({ step: STEP.poster }).then(
  strokeBody("g_ga_poster", "group", "ga", "ga", "poster", "stroke-p1-1", "p1"),
  strokeBody("g_ga_poster", "group", "ga", "ga", "poster", "stroke-p2-1", "p2"),
  strokeBody("p_p1_self", "participant", "p1", "ga", "self", "stroke-p1-2", "p1"),
  strokeBody("p_p3_self", "participant", "p3", "gb", "self", "stroke-p3-1", "p3"),
  { type: "sketch:hidden", payload: { sketchId: "p_p3_self", groupId: "gb" } },
);
/** No plan: everyone draws on its own "free" sketch. */
const free = liveSession({ plan: null });

interface Row {
  name: string;
  given: History;
  command: SessionCommand;
  actor: CommandActor;
  expected: string;
  payload?: Record<string, unknown>;
}

function check({ given, command, actor, expected, payload }: Row) {
  const d = decide(given.state, command, actor, ctx(5000));
  expect(outcome(d)).toBe(expected);
  if (payload) expect(accepted(d).payload).toMatchObject(payload);
}

const commit = (sketchId: string, s: StrokeInput = stroke()): SessionCommand => ({ type: "stroke:commit", sketchId, stroke: s });

describe("stroke:commit", () => {
  it.each<Row>([
    { name: "a member draws on its group's canvas", given: drawing, command: commit("g_ga_poster"), actor: phone("p2"), expected: "stroke:committed", payload: { sketchId: "g_ga_poster", groupId: "ga", ownerKind: "group", ownerId: "ga", stepId: "poster", stroke: { ...stroke(), authorId: "p2" } } },
    { name: "a first stroke on a new personal sketch names the drawer's group", given: drawing, command: commit("p_p2_poster"), actor: phone("p2"), expected: "stroke:committed", payload: { groupId: "ga", ownerKind: "participant", ownerId: "p2", stepId: "poster" } },
    { name: "a stroke that waited offline lands after the step moved on", given: drawing.then(gotoBody(STEP.talk)), command: commit("p_p1_self"), actor: phone("p1"), expected: "stroke:committed", payload: { stepId: "self" } },
    { name: "without a plan, on one's free sketch", given: free, command: commit("p_p1_free"), actor: phone("p1"), expected: "stroke:committed", payload: { groupId: null, stepId: null } },
    { name: "on another group's canvas", given: drawing, command: commit("g_gb_poster"), actor: phone("p1"), expected: "NOT_YOUR_SKETCH" },
    { name: "on a group-mate's own sketch", given: drawing, command: commit("p_p1_self"), actor: phone("p2"), expected: "NOT_YOUR_SKETCH" },
    { name: "on a group canvas when in no group", given: free, command: commit("g_ga_free"), actor: phone("p1"), expected: "NOT_YOUR_SKETCH" },
    { name: "on a brainstorm step's sketch", given: drawing, command: commit("p_p1_ideas"), actor: phone("p1"), expected: "SKETCH_CLOSED" },
    { name: "on a step the plan does not have", given: drawing, command: commit("p_p1_nope"), actor: phone("p1"), expected: "SKETCH_CLOSED" },
    { name: "on a free sketch in a session with a plan", given: drawing, command: commit("p_p1_free"), actor: phone("p1"), expected: "SKETCH_CLOSED" },
    { name: "on a step sketch in a session without a plan", given: free, command: commit("p_p1_poster"), actor: phone("p1"), expected: "SKETCH_CLOSED" },
    { name: "on something that is not a sketch id", given: drawing, command: commit("poster"), actor: phone("p1"), expected: "SKETCH_NOT_FOUND" },
    { name: "on a sketch id with a bad step part", given: drawing, command: commit("p_p1_Poster"), actor: phone("p1"), expected: "SKETCH_NOT_FOUND" },
    { name: "a stroke whose points are not triples", given: drawing, command: commit("g_ga_poster", stroke("stroke-new-2", [1, 2, 3, 4])), actor: phone("p1"), expected: "STROKE_TOO_LARGE" },
    { name: "a stroke of too many points", given: drawing, command: commit("g_ga_poster", stroke("stroke-new-3", Array((MAX_STROKE_POINTS + 1) * 3).fill(1))), actor: phone("p1"), expected: "STROKE_TOO_LARGE" },
    { name: "a stroke of exactly the most points", given: drawing, command: commit("g_ga_poster", stroke("stroke-new-4", Array(MAX_STROKE_POINTS * 3).fill(1))), actor: phone("p1"), expected: "stroke:committed" },
    { name: "a stroke saved before (a resend)", given: drawing, command: commit("g_ga_poster", stroke("stroke-p2-1")), actor: phone("p1"), expected: "DUPLICATE_ID" },
    { name: "the trainer may not draw", given: drawing, command: commit("g_ga_poster"), actor: trainer, expected: "FORBIDDEN" },
    { name: "an organiser may not draw", given: drawing, command: commit("g_ga_poster"), actor: organiser, expected: "FORBIDDEN" },
    { name: "the system may not draw", given: drawing, command: commit("g_ga_poster"), actor: system, expected: "FORBIDDEN" },
    { name: "no drawing after the end", given: ended(drawing), command: commit("g_ga_poster"), actor: phone("p1"), expected: "SESSION_ENDED" },
  ])("$name", check);

  it("refuses a stroke on a full sketch", () => {
    const full = drawing.state.sketches["g_ga_poster"];
    const state = { ...drawing.state, sketches: { ...drawing.state.sketches, g_ga_poster: { ...full, strokes: Array.from({ length: MAX_STROKES_PER_SKETCH }, (_, i) => ({ ...stroke(`stroke-many-${i}`), authorId: "p1" })) } } };
    expect(outcome(decide(state, commit("g_ga_poster"), phone("p2"), ctx()))).toBe("STROKE_TOO_LARGE");
  });

  // BUG (reported, lib/domain/sketch-commands.ts): `sketch?.groupId ?? ...` treats a sketch begun outside any
  // group (groupId null) as new, so later strokes name the drawer's current group. Events promise the sketch's
  // group ("routed without the sketch"), and a client that first hears of the sketch from such a stroke files it
  // under the wrong group. Expected to pass once the decider uses `sketch ? sketch.groupId : ...`.
  it("names the sketch's own group on later strokes, even when that is no group", () => {
    const h = free.run(commit("p_p1_free", stroke("stroke-first-1")), phone("p1")).then(formedBody({ ga: ["p1", "p2"] }));
    expect(h.state.sketches["p_p1_free"].groupId).toBeNull();
    const d = accepted(decide(h.state, commit("p_p1_free", stroke("stroke-second")), phone("p1"), ctx()));
    expect(d.payload).toMatchObject({ groupId: null });
  });
});

describe("stroke:undo and sketch:clear", () => {
  it.each<Row>([
    { name: "the author takes back its stroke", given: drawing, command: { type: "stroke:undo", sketchId: "g_ga_poster", strokeId: "stroke-p1-1" }, actor: phone("p1"), expected: "stroke:removed", payload: { sketchId: "g_ga_poster", groupId: "ga", strokeIds: ["stroke-p1-1"] } },
    { name: "a group-mate may not take back someone else's stroke", given: drawing, command: { type: "stroke:undo", sketchId: "g_ga_poster", strokeId: "stroke-p1-1" }, actor: phone("p2"), expected: "NOT_YOUR_SKETCH" },
    { name: "a stroke that does not exist", given: drawing, command: { type: "stroke:undo", sketchId: "g_ga_poster", strokeId: "stroke-nope" }, actor: phone("p1"), expected: "NOT_YOUR_SKETCH" },
    { name: "on a sketch that does not exist", given: drawing, command: { type: "stroke:undo", sketchId: "g_gb_poster", strokeId: "stroke-p1-1" }, actor: phone("p1"), expected: "SKETCH_NOT_FOUND" },
    { name: "the trainer may not take strokes back", given: drawing, command: { type: "stroke:undo", sketchId: "g_ga_poster", strokeId: "stroke-p1-1" }, actor: trainer, expected: "FORBIDDEN" },
    { name: "clearing removes only one's own strokes on a shared canvas", given: drawing, command: { type: "sketch:clear", sketchId: "g_ga_poster" }, actor: phone("p2"), expected: "stroke:removed", payload: { strokeIds: ["stroke-p2-1"] } },
    { name: "clearing with nothing of one's own", given: drawing, command: { type: "sketch:clear", sketchId: "g_ga_poster" }, actor: phone("p3"), expected: "BAD_REQUEST" },
    { name: "clearing a sketch that does not exist", given: drawing, command: { type: "sketch:clear", sketchId: "p_p2_self" }, actor: phone("p2"), expected: "SKETCH_NOT_FOUND" },
    { name: "an organiser may not clear", given: drawing, command: { type: "sketch:clear", sketchId: "g_ga_poster" }, actor: organiser, expected: "FORBIDDEN" },
    { name: "no undo after the end", given: ended(drawing), command: { type: "stroke:undo", sketchId: "g_ga_poster", strokeId: "stroke-p1-1" }, actor: phone("p1"), expected: "SESSION_ENDED" },
  ])("$name", check);
});

describe("sketch:mark, moderation and the spotlight", () => {
  const mark = (sketchId: string, done = true): SessionCommand => ({ type: "sketch:mark", sketchId, done });
  it.each<Row>([
    { name: "a member marks its group's canvas done", given: drawing, command: mark("g_ga_poster"), actor: phone("p2"), expected: "sketch:marked", payload: { sketchId: "g_ga_poster", groupId: "ga", done: true } },
    { name: "the owner marks its own sketch done", given: drawing, command: mark("p_p1_self"), actor: phone("p1"), expected: "sketch:marked" },
    { name: "someone else may not mark it", given: drawing, command: mark("p_p1_self"), actor: phone("p2"), expected: "NOT_YOUR_SKETCH" },
    { name: "another group may not mark a canvas", given: drawing, command: mark("g_ga_poster"), actor: phone("p3"), expected: "NOT_YOUR_SKETCH" },
    { name: "the trainer marks any sketch", given: drawing, command: mark("p_p3_self", false), actor: trainer, expected: "sketch:marked", payload: { done: false } },
    { name: "another trainer may not", given: drawing, command: mark("g_ga_poster"), actor: otherTrainer, expected: "FORBIDDEN" },
    { name: "the system may not", given: drawing, command: mark("g_ga_poster"), actor: system, expected: "FORBIDDEN" },
    { name: "marking a sketch that does not exist", given: drawing, command: mark("g_gb_poster"), actor: phone("p3"), expected: "SKETCH_NOT_FOUND" },
    { name: "the trainer hides a sketch from the projector", given: drawing, command: { type: "sketch:hide", sketchId: "g_ga_poster" }, actor: trainer, expected: "sketch:hidden", payload: { sketchId: "g_ga_poster", groupId: "ga" } },
    { name: "hiding twice", given: drawing, command: { type: "sketch:hide", sketchId: "p_p3_self" }, actor: trainer, expected: "BAD_REQUEST" },
    { name: "restoring a hidden sketch", given: drawing, command: { type: "sketch:restore", sketchId: "p_p3_self" }, actor: organiser, expected: "sketch:restored", payload: { sketchId: "p_p3_self", groupId: "gb" } },
    { name: "restoring a shown sketch", given: drawing, command: { type: "sketch:restore", sketchId: "g_ga_poster" }, actor: trainer, expected: "BAD_REQUEST" },
    { name: "hiding a sketch that does not exist", given: drawing, command: { type: "sketch:hide", sketchId: "g_gb_poster" }, actor: trainer, expected: "SKETCH_NOT_FOUND" },
    { name: "a participant may not hide, even its own", given: drawing, command: { type: "sketch:hide", sketchId: "p_p1_self" }, actor: phone("p1"), expected: "FORBIDDEN" },
    { name: "another trainer may not restore", given: drawing, command: { type: "sketch:restore", sketchId: "p_p3_self" }, actor: otherTrainer, expected: "FORBIDDEN" },
    { name: "the spotlight on a sketch", given: drawing, command: { type: "sketch:spotlight", sketchId: "g_ga_poster" }, actor: trainer, expected: "sketch:spotlighted", payload: { sketchId: "g_ga_poster" } },
    { name: "the spotlight off", given: drawing, command: { type: "sketch:spotlight", sketchId: null }, actor: organiser, expected: "sketch:spotlighted", payload: { sketchId: null } },
    { name: "the spotlight on a hidden sketch", given: drawing, command: { type: "sketch:spotlight", sketchId: "p_p3_self" }, actor: trainer, expected: "SKETCH_NOT_FOUND" },
    { name: "the spotlight on a sketch that does not exist", given: drawing, command: { type: "sketch:spotlight", sketchId: "g_gb_poster" }, actor: trainer, expected: "SKETCH_NOT_FOUND" },
    { name: "a participant may not use the spotlight", given: drawing, command: { type: "sketch:spotlight", sketchId: "p_p1_self" }, actor: phone("p1"), expected: "FORBIDDEN" },
    { name: "the trainer sets drawing to group canvases", given: drawing, command: { type: "sketch:configure", mode: "group" }, actor: trainer, expected: "sketch:configured", payload: { mode: "group" } },
    { name: "a participant may not set the drawing mode", given: drawing, command: { type: "sketch:configure", mode: "individual" }, actor: phone("p1"), expected: "FORBIDDEN" },
    { name: "no moderation after the end", given: ended(drawing), command: { type: "sketch:hide", sketchId: "g_ga_poster" }, actor: trainer, expected: "SESSION_ENDED" },
  ])("$name", check);

  it("hiding the spotlighted sketch turns the spotlight off", () => {
    const h = drawing.run({ type: "sketch:spotlight", sketchId: "g_ga_poster" }, trainer).run({ type: "sketch:hide", sketchId: "g_ga_poster" }, trainer);
    expect(h.state.spotlight).toBeNull();
    expect(h.state.sketches["g_ga_poster"].hidden).toBe(true);
  });
});

describe("sketch ids", () => {
  it.each([
    ["group mode, in a group", "group", "p1", "ga", "poster", "g_ga_poster"],
    ["group mode, in no group: one's own", "group", "p1", null, "poster", "p_p1_poster"],
    ["individual mode, in a group", "individual", "p1", "ga", "poster", "p_p1_poster"],
    ["no step (no plan)", "individual", "p1", null, null, "p_p1_free"],
    ["group mode without a step", "group", "p-1", "g-2", null, "g_g-2_free"],
  ] as const)("%s", (_name, mode, participant, group, step, id) => {
    expect(sketchIdFor(mode, participant, group, step)).toBe(id);
    expect(parseSketchId(id)).not.toBeNull();
  });

  it.each([
    ["g_ga_poster", { ownerKind: "group", ownerId: "ga", stepId: "poster" }],
    ["p_p1_free", { ownerKind: "participant", ownerId: "p1", stepId: null }],
    ["p_AbC-9_step-2", { ownerKind: "participant", ownerId: "AbC-9", stepId: "step-2" }],
    ["x_p1_free", null],
    ["p_p1", null],
    ["p__free", null],
    ["p_p_1_free", null],
    ["p_p1_Step", null],
    ["p_p1_free ", null],
    [`p_${"a".repeat(65)}_free`, null],
    [`p_p1_${"s".repeat(41)}`, null],
  ] as const)("%s reads back as %j", (id, parsed) => {
    expect(parseSketchId(id)).toEqual(parsed);
  });

  it.each([
    ["the plan's group step, no setting", STEP.poster, null, "group"],
    ["the plan's individual step, no setting", STEP.self, null, "individual"],
    ["a group step set to individual", STEP.poster, "individual", "individual"],
    ["an individual step set to group", STEP.self, "group", "group"],
  ] as const)("drawing mode: %s", (_name, step, mode, effective) => {
    const h = liveSession({ step }).then(...(mode ? [{ type: "sketch:configured" as const, payload: { mode } }] : []));
    expect(effectiveSketchMode(h.state)).toBe(effective);
  });
});
