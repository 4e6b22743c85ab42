import { createLiveStore } from "@/lib/client/live-store";
import { applyEvents } from "@/lib/domain/apply-event";
import { emptySessionState } from "@/lib/domain/session-state";
import { stateForViewer, toClientEvent } from "@/lib/domain/visibility";
import { packPoints } from "@/lib/protocol/stroke-packing";
import { createdBody, joinedBody, note, noteAddedBody, SESSION, stored } from "./support/session-fixtures";

/**
 * The client's store folds the server's events with the in-place fold: a
 * note costs the same on a wall of 20 or 20,000 (the notes record and their
 * order are written in place), and what components watch still changes when
 * a note did (a new session, its seq, the note object) and keeps its
 * reference when it did not.
 */
function projector(notes: number) {
  const bodies = [createdBody(null), joinedBody("p1"), ...Array.from({ length: notes }, (_, i) => noteAddedBody(note(`note-${i}`, { authorId: "p1" })))];
  const state = applyEvents(emptySessionState(SESSION), bodies.map((b, i) => toClientEvent(stored(b, i + 1))));
  const store = createLiveStore();
  store.getState().applySync({ kind: "snapshot", state: stateForViewer(state, { kind: "screen" }) }, state.id);
  return { store, h: { state } };
}

describe("live store", () => {
  it("gives a new session and seq for a new note, and keeps what did not change", () => {
    const { store, h } = projector(3);
    const before = store.getState().session!;
    store.getState().receive(toClientEvent(stored(noteAddedBody(note("note-new", { authorId: "p1" })), h.state.seq + 1)));
    const after = store.getState().session!;
    expect(after).not.toBe(before);
    expect(after.seq).toBe(before.seq + 1);
    expect(after.noteOrder).toEqual(["note-0", "note-1", "note-2", "note-new"]);
    expect(after.notes["note-new"]?.text).toBe(note("note-new").text);
    expect(after.participants).toBe(before.participants);
    expect(after.sketches).toBe(before.sketches);
    expect(after.groups).toBe(before.groups);
  });

  it("gives a new session, seq and note object when a note changes without moving (a vote)", () => {
    const { store, h } = projector(3);
    const before = store.getState().session!;
    const voted = before.notes["note-1"];
    store.getState().receive(toClientEvent(stored({ type: "note:voted", payload: { noteId: "note-1", groupId: null, on: true, voterId: "" } }, h.state.seq + 1)));
    const after = store.getState().session!;
    expect(after).not.toBe(before);
    expect(after.seq).toBe(before.seq + 1);
    expect(after.noteOrder).toEqual(["note-0", "note-1", "note-2"]);
    expect(after.notes["note-1"]).not.toBe(voted);
    expect(after.notes["note-1"].votes).toBe(1);
    expect(after.notes["note-0"]).toBe(before.notes["note-0"]);
  });

  it("adds notes to a large wall by writing its notes record and their order in place, not copying them", () => {
    // Reference identity, not timing (speed is measured in bench/): a copied record would be a new object.
    const large = projector(20_000);
    const before = large.store.getState().session!;
    let seq = before.seq;
    for (let i = 0; i < 50; i++) large.store.getState().receive(toClientEvent(stored(noteAddedBody(note(`more-${i}`, { authorId: "p1" })), ++seq)));
    const after = large.store.getState().session!;
    expect(after.noteOrder).toHaveLength(20_050);
    expect(after.noteOrder.slice(-2)).toEqual(["more-48", "more-49"]);
    const [record, order] = [after.notes, after.noteOrder];
    large.store.getState().receive(toClientEvent(stored(noteAddedBody(note("one-more", { authorId: "p1" })), ++seq)));
    const last = large.store.getState().session!;
    expect(last.notes).toBe(record);
    expect(last.noteOrder).toBe(order);
    expect(last.seq).toBe(seq);
    expect(record["one-more"]?.id).toBe("one-more");
    expect(order.at(-1)).toBe("one-more");
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
