/**
 * Group work rules (lib/domain/group-commands.ts, and late joins), as tables:
 * who may split, move, merge, rename, remove and dissolve groups, who may
 * choose or mark a group, and what event each accepted command becomes.
 */
import { decide } from "@/lib/domain/commands";
import type { CommandActor } from "@/lib/domain/decision";
import type { EventBody } from "@/lib/domain/events";
import { ctx } from "./ctx";
import { accepted, ended, formedBody, History, joinedBody, liveSession, organiser, otherTrainer, outcome, phone, system, trainer, twoGroups, type SessionCommand } from "./support/session-fixtures";

const NOW = 5000;

/** p1 p2 in "ga", p3 p4 in "gb", assigned by the trainer. */
const groups = twoGroups();
/** The same groups, chosen on phones, at most 2 each. */
const selfSelect = twoGroups({ selfSelect: true, cap: 2 });
/** Four participants, no groups. */
const noGroups = liveSession();
/** "ga" with p1 p2 p3 and an empty "gc" besides "gb". */
const uneven = liveSession().then(formedBody({ ga: ["p1", "p2", "p3"], gb: ["p4"], gc: [] }));

interface Row {
  name: string;
  given: History;
  command: SessionCommand;
  actor: CommandActor;
  expected: string;
  payload?: Record<string, unknown>;
  /** More checks on the accepted event. */
  also?: (event: EventBody) => void;
}

function check({ given, command, actor, expected, payload, also }: Row) {
  const d = decide(given.state, command, actor, ctx(NOW));
  expect(outcome(d)).toBe(expected);
  if (payload) expect(accepted(d).payload).toMatchObject(payload);
  if (also) also(accepted(d));
}

const form = (over: Partial<Extract<SessionCommand, { type: "groups:form" }>> = {}): SessionCommand => ({
  type: "groups:form",
  by: "count",
  n: 2,
  balanced: true,
  mixNew: false,
  naming: "animals",
  selfSelect: false,
  cap: null,
  ...over,
});

/** Every participant in exactly one of the formed groups. */
const placesEveryone = (ids: string[]) => (e: EventBody) => {
  if (e.type !== "groups:formed") throw new Error(e.type);
  expect(e.payload.groups.flatMap((g) => g.members).sort()).toEqual([...ids].sort());
  expect(e.payload.sizes).toEqual(Object.fromEntries(e.payload.groups.map((g) => [g.id, g.members.length])));
};

describe("groups:form", () => {
  it.each<Row>([
    { name: "the trainer splits the room into 2", given: noGroups, command: form(), actor: trainer, expected: "groups:formed", payload: { selfSelect: false, cap: null, groups: [{ id: "id1", name: "Fox" }, { id: "id2", name: "Owl" }] }, also: placesEveryone(["p1", "p2", "p3", "p4"]) },
    { name: "by size: groups of 3 for 4 people", given: noGroups, command: form({ by: "size", n: 3, balanced: false }), actor: trainer, expected: "groups:formed", also: placesEveryone(["p1", "p2", "p3", "p4"]) },
    { name: "numbered names", given: noGroups, command: form({ naming: "numbers" }), actor: trainer, expected: "groups:formed", payload: { groups: [{ name: "Group 1" }, { name: "Group 2" }] } },
    { name: "self-select: empty groups with a cap", given: noGroups, command: form({ selfSelect: true, n: 3, cap: 2 }), actor: trainer, expected: "groups:formed", payload: { selfSelect: true, cap: 2, sizes: { id1: 0, id2: 0, id3: 0 } } },
    { name: "a cap without self-select is dropped", given: noGroups, command: form({ cap: 2 }), actor: trainer, expected: "groups:formed", payload: { cap: null } },
    { name: "re-forming with people already in groups", given: groups, command: form({ n: 1, mixNew: true }), actor: trainer, expected: "groups:formed", also: placesEveryone(["p1", "p2", "p3", "p4"]) },
    { name: "an organiser splits the room", given: noGroups, command: form(), actor: organiser, expected: "groups:formed" },
    { name: "another trainer may not", given: noGroups, command: form(), actor: otherTrainer, expected: "FORBIDDEN" },
    { name: "a participant may not", given: noGroups, command: form(), actor: phone("p1"), expected: "FORBIDDEN" },
    { name: "the system may not", given: noGroups, command: form(), actor: system, expected: "FORBIDDEN" },
    { name: "not after the end", given: ended(noGroups), command: form(), actor: trainer, expected: "SESSION_ENDED" },
  ])("$name", check);
});

describe("moving people: participant:move and group:choose", () => {
  const move = (participantId: string, groupId: string | null): SessionCommand => ({ type: "participant:move", participantId, groupId });
  const choose = (groupId: string): SessionCommand => ({ type: "group:choose", groupId });
  it.each<Row>([
    { name: "the trainer moves someone to another group", given: groups, command: move("p1", "gb"), actor: trainer, expected: "participant:moved", payload: { participantId: "p1", from: "ga", to: "gb", by: "trainer", sizes: { ga: 1, gb: 3 } } },
    { name: "the trainer takes someone out of all groups", given: groups, command: move("p3", null), actor: organiser, expected: "participant:moved", payload: { from: "gb", to: null, sizes: { ga: 2, gb: 1 } } },
    { name: "the trainer puts someone in no group into one", given: groups.then(joinedBody("p5")), command: move("p5", "ga"), actor: trainer, expected: "participant:moved", payload: { from: null, to: "ga", sizes: { ga: 3, gb: 2 } } },
    { name: "moving into the group one is in", given: groups, command: move("p1", "ga"), actor: trainer, expected: "BAD_REQUEST" },
    { name: "moving an unknown participant", given: groups, command: move("p9", "ga"), actor: trainer, expected: "PARTICIPANT_NOT_FOUND" },
    { name: "moving into an unknown group", given: groups, command: move("p1", "gz"), actor: trainer, expected: "GROUP_NOT_FOUND" },
    { name: "moving into a group that was dissolved", given: groups.then({ type: "groups:dissolved", payload: {} }), command: move("p1", "ga"), actor: trainer, expected: "GROUP_NOT_FOUND" },
    { name: "a participant may not move anyone", given: groups, command: move("p1", "gb"), actor: phone("p1"), expected: "FORBIDDEN" },
    { name: "another trainer may not", given: groups, command: move("p1", "gb"), actor: otherTrainer, expected: "FORBIDDEN" },
    { name: "a participant chooses a group with room", given: selfSelect.then(formedBody({ ga: ["p1"], gb: ["p3"] }, true, 2)), command: choose("ga"), actor: phone("p2"), expected: "participant:moved", payload: { participantId: "p2", from: null, to: "ga", by: "self", sizes: { ga: 2, gb: 1 } } },
    { name: "a participant switches group", given: selfSelect.then(formedBody({ ga: ["p1"], gb: ["p3"] }, true, 2)), command: choose("gb"), actor: phone("p1"), expected: "participant:moved", payload: { from: "ga", to: "gb", by: "self" } },
    { name: "choosing a full group", given: selfSelect, command: choose("gb"), actor: phone("p1"), expected: "GROUP_FULL" },
    { name: "choosing one's own group", given: selfSelect, command: choose("ga"), actor: phone("p1"), expected: "BAD_REQUEST" },
    { name: "choosing an unknown group", given: selfSelect, command: choose("gz"), actor: phone("p1"), expected: "GROUP_NOT_FOUND" },
    { name: "choosing when the trainer assigns groups", given: groups, command: choose("gb"), actor: phone("p1"), expected: "SELF_SELECT_OFF" },
    { name: "the trainer may not choose (it moves people instead)", given: selfSelect, command: choose("gb"), actor: trainer, expected: "FORBIDDEN" },
    { name: "choosing in an ended session", given: ended(selfSelect), command: choose("gb"), actor: phone("p1"), expected: "SESSION_ENDED" },
  ])("$name", check);
});

describe("merge, split, rename, remove, dissolve", () => {
  it.each<Row>([
    { name: "merging one group into another", given: groups, command: { type: "groups:merge", from: "gb", into: "ga" }, actor: trainer, expected: "groups:merged", payload: { from: "gb", into: "ga", sizes: { ga: 4 } } },
    { name: "merging a group into itself", given: groups, command: { type: "groups:merge", from: "ga", into: "ga" }, actor: trainer, expected: "GROUP_NOT_FOUND" },
    { name: "merging an unknown group", given: groups, command: { type: "groups:merge", from: "gz", into: "ga" }, actor: trainer, expected: "GROUP_NOT_FOUND" },
    { name: "merging into an unknown group", given: groups, command: { type: "groups:merge", from: "ga", into: "gz" }, actor: trainer, expected: "GROUP_NOT_FOUND" },
    { name: "a participant may not merge", given: groups, command: { type: "groups:merge", from: "gb", into: "ga" }, actor: phone("p1"), expected: "FORBIDDEN" },
    { name: "splitting moves the later half into a new group, named after the groups there are", given: uneven, command: { type: "group:split", groupId: "ga" }, actor: trainer, expected: "group:split", payload: { groupId: "ga", newGroup: { id: "id1", name: "Wolf" }, moved: ["p3"], sizes: { ga: 2, gb: 1, gc: 0, id1: 1 } } },
    { name: "splitting skips a name a group already has", given: noGroups.run(form(), trainer).run({ type: "group:rename", groupId: "id2", name: "Bear" }, trainer), command: { type: "group:split", groupId: "id1" }, actor: trainer, expected: "group:split", payload: { newGroup: { name: "Wolf" } } },
    { name: "splitting a group of one", given: uneven, command: { type: "group:split", groupId: "gb" }, actor: trainer, expected: "BAD_REQUEST" },
    { name: "splitting an unknown group", given: groups, command: { type: "group:split", groupId: "gz" }, actor: trainer, expected: "GROUP_NOT_FOUND" },
    { name: "a participant may not split", given: groups, command: { type: "group:split", groupId: "ga" }, actor: phone("p1"), expected: "FORBIDDEN" },
    { name: "renaming, name cleaned", given: groups, command: { type: "group:rename", groupId: "ga", name: "  Night\u200b  owls " }, actor: trainer, expected: "group:renamed", payload: { groupId: "ga", name: "Night owls" } },
    { name: "renaming to blanks", given: groups, command: { type: "group:rename", groupId: "ga", name: " \u200b " }, actor: trainer, expected: "BAD_REQUEST" },
    { name: "renaming to 41 characters", given: groups, command: { type: "group:rename", groupId: "ga", name: "n".repeat(41) }, actor: trainer, expected: "BAD_REQUEST" },
    { name: "renaming an unknown group", given: groups, command: { type: "group:rename", groupId: "gz", name: "X" }, actor: trainer, expected: "GROUP_NOT_FOUND" },
    { name: "a participant may not rename its group", given: groups, command: { type: "group:rename", groupId: "ga", name: "Ours" }, actor: phone("p1"), expected: "FORBIDDEN" },
    { name: "removing an empty group", given: uneven, command: { type: "group:remove", groupId: "gc" }, actor: trainer, expected: "group:removed", payload: { groupId: "gc" } },
    { name: "removing a group with people in it", given: uneven, command: { type: "group:remove", groupId: "gb" }, actor: trainer, expected: "GROUP_NOT_EMPTY" },
    { name: "removing an unknown group", given: uneven, command: { type: "group:remove", groupId: "gz" }, actor: trainer, expected: "GROUP_NOT_FOUND" },
    { name: "a participant may not remove groups", given: uneven, command: { type: "group:remove", groupId: "gc" }, actor: phone("p1"), expected: "FORBIDDEN" },
    { name: "dissolving all groups", given: groups, command: { type: "groups:dissolve" }, actor: organiser, expected: "groups:dissolved" },
    { name: "dissolving when there are none", given: noGroups, command: { type: "groups:dissolve" }, actor: trainer, expected: "GROUP_NOT_FOUND" },
    { name: "another trainer may not dissolve", given: groups, command: { type: "groups:dissolve" }, actor: otherTrainer, expected: "FORBIDDEN" },
    { name: "nothing changes after the end", given: ended(groups), command: { type: "groups:merge", from: "gb", into: "ga" }, actor: trainer, expected: "SESSION_ENDED" },
  ])("$name", check);
});

describe("group:mark and broadcast:send", () => {
  const mark = (groupId: string, done = true): SessionCommand => ({ type: "group:mark", groupId, done });
  const send = (text: string, groupId: string | null = null): SessionCommand => ({ type: "broadcast:send", text, groupId });
  it.each<Row>([
    { name: "a member marks its group done", given: groups, command: mark("ga"), actor: phone("p2"), expected: "group:marked", payload: { groupId: "ga", done: true } },
    { name: "a member takes it back", given: groups, command: mark("ga", false), actor: phone("p1"), expected: "group:marked", payload: { done: false } },
    { name: "someone from another group may not", given: groups, command: mark("ga"), actor: phone("p3"), expected: "NOT_IN_GROUP" },
    { name: "someone in no group may not", given: groups.then(joinedBody("p5")), command: mark("ga"), actor: phone("p5"), expected: "NOT_IN_GROUP" },
    { name: "the trainer marks any group", given: groups, command: mark("gb"), actor: trainer, expected: "group:marked" },
    { name: "another trainer may not", given: groups, command: mark("gb"), actor: otherTrainer, expected: "FORBIDDEN" },
    { name: "the system may not", given: groups, command: mark("gb"), actor: system, expected: "FORBIDDEN" },
    { name: "marking an unknown group", given: groups, command: mark("gz"), actor: trainer, expected: "GROUP_NOT_FOUND" },
    { name: "marking in an ended session", given: ended(groups), command: mark("ga"), actor: phone("p1"), expected: "SESSION_ENDED" },
    { name: "a broadcast to the room, text cleaned", given: groups, command: send("  Five\u200b minutes left\n "), actor: trainer, expected: "broadcast:sent", payload: { messageId: "id1", text: "Five minutes left", groupId: null } },
    { name: "a broadcast to one group", given: groups, command: send("Come to the front", "gb"), actor: organiser, expected: "broadcast:sent", payload: { groupId: "gb" } },
    { name: "a broadcast to an unknown group", given: groups, command: send("Hello", "gz"), actor: trainer, expected: "GROUP_NOT_FOUND" },
    { name: "an empty broadcast", given: groups, command: send(" \u200b "), actor: trainer, expected: "BAD_REQUEST" },
    { name: "a broadcast of 281 characters", given: groups, command: send("b".repeat(281)), actor: trainer, expected: "BAD_REQUEST" },
    { name: "a participant may not broadcast", given: groups, command: send("Hi all"), actor: phone("p1"), expected: "FORBIDDEN" },
    { name: "another trainer may not broadcast", given: groups, command: send("Hi all"), actor: otherTrainer, expected: "FORBIDDEN" },
    { name: "no broadcasts after the end", given: ended(groups), command: send("Bye"), actor: trainer, expected: "SESSION_ENDED" },
  ])("$name", check);
});

/** A join that puts the newcomer in no group (and so tells no group's sizes). */
const inNoGroup = (e: EventBody) => {
  expect(e.payload).not.toHaveProperty("groupId");
  expect(e.payload).not.toHaveProperty("sizes");
};

describe("late joiners", () => {
  const join = (nickname: string): SessionCommand => ({ type: "participant:join", participantId: "p9", nickname });
  it.each<Row>([
    { name: "go into the smallest group, with the new sizes", given: uneven, command: join("Late"), actor: phone("p9"), expected: "participant:joined", payload: { participantId: "p9", nickname: "Late", groupId: "gc", sizes: { ga: 3, gb: 1, gc: 1 } } },
    { name: "go into the first of equally small groups", given: groups, command: join("Late"), actor: phone("p9"), expected: "participant:joined", payload: { groupId: "ga", sizes: { ga: 3, gb: 2 } } },
    { name: "choose for themselves when groups are chosen on phones", given: selfSelect, command: join("Late"), actor: phone("p9"), expected: "participant:joined", payload: { participantId: "p9", nickname: "Late" }, also: inNoGroup },
    { name: "join no group when there are none", given: noGroups, command: join("Late"), actor: phone("p9"), expected: "participant:joined", payload: { participantId: "p9", nickname: "Late" }, also: inNoGroup },
    { name: "get a number after a nickname in use", given: groups, command: join("NICK-P1"), actor: phone("p9"), expected: "participant:joined", payload: { nickname: "NICK-P1 2" } },
    { name: "may not join with a blank nickname", given: groups, command: join(" \u200b "), actor: phone("p9"), expected: "NICKNAME_INVALID" },
    { name: "may not join an ended session", given: ended(groups), command: join("Late"), actor: phone("p9"), expected: "SESSION_ENDED" },
  ])("$name", check);
});

describe("what group events do to the record", () => {
  it("keeps who was together, for mixing next time, and forgets group timers and done marks", () => {
    const h = groups
      .run({ type: "timer:extend", seconds: 60, groupId: "ga" }, trainer)
      .run({ type: "group:mark", groupId: "gb", done: true }, phone("p3"))
      .run(form({ n: 1 }), trainer, ctx(NOW, 7));
    expect(h.state.pastGroups).toEqual([
      ["p1", "p2"],
      ["p3", "p4"],
    ]);
    expect(h.state.groupTimers).toEqual({});
    expect(h.state.groupDone).toEqual({});
    expect(h.state.groups.ga.active).toBe(false);
    const d = h.run({ type: "groups:dissolve" }, trainer);
    expect(d.state).toMatchObject({ groupOrder: [], membership: {}, groupSizes: {}, selfSelect: false });
    expect(d.state.pastGroups).toHaveLength(3);
  });

  it("merges and splits membership", () => {
    const merged = uneven.run({ type: "groups:merge", from: "gb", into: "gc" }, trainer);
    expect(merged.state.membership.p4).toBe("gc");
    expect(merged.state.groupOrder).toEqual(["ga", "gc"]);
    const split = merged.run({ type: "group:split", groupId: "ga" }, trainer);
    expect(split.state.groupOrder).toEqual(["ga", "id1", "gc"]);
    expect(split.state.membership).toEqual({ p1: "ga", p2: "ga", p3: "id1", p4: "gc" });
  });
});
