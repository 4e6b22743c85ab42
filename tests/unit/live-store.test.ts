import { createLiveStore } from "@/lib/client/live-store";
import { applyEvents } from "@/lib/domain/apply-event";
import { emptySessionState } from "@/lib/domain/session-state";
import { stateForViewer, toClientEvent } from "@/lib/domain/visibility";
import { packPoints } from "@/lib/protocol/stroke-packing";
import { createdBody, joinedBody, note, noteAddedBody, SESSION, stored } from "./support/session-fixtures";

/**
 * The client's store folds the server's events with the in-place fold: a
 * note costs the same on a wall of 20 or 20,000, and what components watch
 * still gets a new reference when it changed (and keeps it when it did not).
 */
function projector(notes: number) {
  const bodies = [createdBody(null), joinedBody("p1"), ...Array.from({ length: notes }, (_, i) => noteAddedBody(note(`note-${i}`, { authorId: "p1" })))];
  const state = applyEvents(emptySessionState(SESSION), bodies.map((b, i) => toClientEvent(stored(b, i + 1))));
  const store = createLiveStore();
  store.getState().applySync({ kind: "snapshot", state: stateForViewer(state, { kind: "screen" }) }, state.id);
  return { store, h: { state } };
}

describe("live store", () => {
  it("gives a new session and noteOrder for a new note, and keeps what did not change", () => {
    const { store, h } = projector(3);
    const before = store.getState().session!;
    store.getState().receive(toClientEvent(stored(noteAddedBody(note("note-new", { authorId: "p1" })), h.state.seq + 1)));
    const after = store.getState().session!;
    expect(after).not.toBe(before);
    expect(after.noteOrder).not.toBe(before.noteOrder);
    expect(after.noteOrder).toEqual([...before.noteOrder, "note-new"]);
    expect(after.notes["note-new"]?.text).toBe(note("note-new").text);
    expect(after.participants).toBe(before.participants);
    expect(after.sketches).toBe(before.sketches);
    expect(after.groups).toBe(before.groups);
  });

  it("gives a new noteOrder when a note changes without moving (a vote), and a new note object", () => {
    const { store, h } = projector(3);
    const before = store.getState().session!;
    const voted = before.notes["note-1"];
    store.getState().receive(toClientEvent(stored({ type: "note:voted", payload: { noteId: "note-1", groupId: null, on: true, voterId: "" } }, h.state.seq + 1)));
    const after = store.getState().session!;
    expect(after.noteOrder).not.toBe(before.noteOrder);
    expect(after.noteOrder).toEqual(before.noteOrder);
    expect(after.notes["note-1"]).not.toBe(voted);
    expect(after.notes["note-1"].votes).toBe(1);
    expect(after.notes["note-0"]).toBe(before.notes["note-0"]);
  });

  it("adds a note to a large wall without copying the wall", () => {
    const small = projector(20);
    const large = projector(20_000);
    const time = (p: ReturnType<typeof projector>, round: number) => {
      let seq = p.store.getState().session!.seq;
      const t0 = performance.now();
      for (let i = 0; i < 200; i++) p.store.getState().receive(toClientEvent(stored(noteAddedBody(note(`more-${round}-${i}`, { authorId: "p1" })), ++seq)));
      return performance.now() - t0;
    };
    // A first round each to warm up.
    time(small, 0);
    time(large, 0);
    // Copying a 20,000-note record 200 times takes over a second; writing in place, milliseconds.
    const [s, l] = [time(small, 1), time(large, 1)];
    expect(large.store.getState().session!.noteOrder).toHaveLength(20_400);
    expect(l).toBeLessThan(Math.max(200, s * 20));
  });

  it("collects a live stroke's packed points", () => {
    const { store, h } = projector(0);
    const packet = { sketchId: "p_p1_free", strokeId: "stroke-0001", colour: "#111827", width: 6, tool: "pen", authorId: "p1" } as const;
    store.getState().addProgress({ ...packet, packed: packPoints([1, 2, 50, 3, 4, 50]) });
    store.getState().addProgress({ ...packet, packed: packPoints([5, 6, 50]) });
    expect(store.getState().liveStrokes["stroke-0001"].points).toEqual([1, 2, 50, 3, 4, 50, 5, 6, 50]);
    expect(h.state.id).toBe(store.getState().session!.id);
  });
});
