import { afterEach, beforeEach, describe, expect, it, jest } from "@jest/globals";
import { act, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useEffect, useReducer } from "react";
import { PhoneNotes } from "@/components/board/PhoneNotes";
import { SketchPad } from "@/components/sketch/SketchPad";
import type { LiveConnection, OutboxResult } from "@/lib/client/live-connection";
import type { OutboxEntry } from "@/lib/client/outbox";
import { noteView, pendingNoteChanges, sketchWithPending, votedNotes } from "@/lib/client/pending-changes";
import type { Note } from "@/lib/domain/board";
import { emptySessionState, type SessionState } from "@/lib/domain/session-state";
import type { Stroke } from "@/lib/domain/sketch";
import { renderIntl } from "./render";

const ME = "p1";
const SKETCH = `p_${ME}_free`;

const note = (id: string, text: string, authorId: string | null, votes = 0): Note => ({
  id,
  groupId: null,
  stepId: null,
  text,
  authorId,
  anonymous: false,
  status: "visible",
  flagged: false,
  clusterId: null,
  votes,
  createdAt: 0,
  editedAt: null,
});
const stroke = (id: string, authorId = ME, x = 100): Stroke => ({ id, authorId, colour: "#111827", width: 14, tool: "pen", points: [x, 100, 50, x + 200, 100, 50] });
const entry = (name: string, payload: Record<string, unknown>, id = `cmd-${name}-${Math.random().toString(36).slice(2, 10)}`): OutboxEntry => ({ name, payload: { ...payload, id }, createdAt: 0 });

function baseSession(): SessionState {
  const s = emptySessionState("s1");
  return {
    ...s,
    participants: { p1: { id: "p1", nickname: "Aida" }, p2: { id: "p2", nickname: "Bolat" } } as unknown as SessionState["participants"],
    participantOrder: ["p1", "p2"],
    notes: { n_mine_0001: note("n_mine_0001", "My idea", ME), n_other_001: note("n_other_001", "Their idea", "p2") },
    noteOrder: ["n_mine_0001", "n_other_001"],
    sketches: {
      [SKETCH]: { id: SKETCH, ownerKind: "participant", ownerId: ME, groupId: null, stepId: null, strokes: [stroke("stroke-a001"), stroke("stroke-b001", "p2", 300), stroke("stroke-c001")], done: false, hidden: false },
    },
    sketchOrder: [SKETCH],
  };
}

/**
 * A stand-in for LiveConnection with an outbox that only the test empties:
 * `ack` applies the server's event and lets the entry go, `refuse` lets it go with an error.
 */
class FakeLink {
  session = baseSession();
  pending: OutboxEntry[] = [];
  private results = new Set<(r: OutboxResult) => void>();
  private views = new Set<() => void>();
  private n = 0;
  queue = jest.fn((name: string, payload: object) => {
    const id = `cmd-${String(++this.n).padStart(4, "0")}`;
    this.pending = [...this.pending, { name, payload: { ...payload, id }, createdAt: Date.now() }];
    this.changed();
    return id;
  });
  send = jest.fn(async () => ({ ok: true }));
  sendVolatile = jest.fn();
  onOutboxResult = (l: (r: OutboxResult) => void) => {
    this.results.add(l);
    return () => void this.results.delete(l);
  };
  get connection(): LiveConnection {
    return this as unknown as LiveConnection;
  }
  watch(render: () => void) {
    this.views.add(render);
    return () => void this.views.delete(render);
  }
  /** The server applied the oldest queued command: its event arrives, then its ack. */
  ack(apply: (s: SessionState) => SessionState) {
    act(() => {
      const [first, ...rest] = this.pending;
      this.session = apply(this.session);
      this.changed();
      this.pending = rest;
      this.results.forEach((l) => l({ entry: first, ack: { ok: true, seq: 1 } as OutboxResult["ack"] }));
      this.changed();
    });
  }
  refuse(code: string) {
    act(() => {
      const [first, ...rest] = this.pending;
      this.pending = rest;
      this.results.forEach((l) => l({ entry: first, ack: { ok: false, error: { code, message: code } } as OutboxResult["ack"] }));
      this.changed();
    });
  }
  private changed() {
    this.views.forEach((v) => v());
  }
}

function Live({ link, what }: { link: FakeLink; what: "notes" | "sketch" }) {
  const [, rerender] = useReducer((x: number) => x + 1, 0);
  useEffect(() => link.watch(rerender), [link]);
  return what === "notes" ? (
    <PhoneNotes session={link.session} me={ME} connection={link.connection} pending={link.pending} offline />
  ) : (
    <SketchPad session={link.session} sketchId={SKETCH} me={ME} connection={link.connection} pending={link.pending} live={{}} shared={false} />
  );
}

const phoneNote = (text: string) => screen.getAllByTestId("phone-note").find((li) => li.textContent?.includes(text))!;

describe("queued note changes (pure)", () => {
  it("takes the last edit and the last vote per note, and every delete", () => {
    const changes = pendingNoteChanges([
      entry("note:edit", { noteId: "n_mine_0001", text: "one" }),
      entry("note:vote", { noteId: "n_other_001", on: true }),
      entry("note:edit", { noteId: "n_mine_0001", text: "two" }),
      entry("note:vote", { noteId: "n_other_001", on: false }),
      entry("note:delete", { noteId: "n_gone_0001" }),
      entry("note:add", { noteId: "n_new_00001", text: "new" }),
    ]);
    expect(changes.text).toEqual({ n_mine_0001: "two" });
    expect(changes.vote).toEqual({ n_other_001: false });
    expect([...changes.deleted]).toEqual(["n_gone_0001"]);
  });

  it("ignores entries that do not match their command's schema (an older app's outbox)", () => {
    const changes = pendingNoteChanges([entry("note:edit", { noteId: 5, text: "x" }), entry("note:vote", { noteId: "n_other_001" }), entry("note:dance", { noteId: "n_other_001" })]);
    expect(changes).toEqual({ text: {}, deleted: new Set(), vote: {} });
  });

  it("moves the count by a queued vote only, and marks it waiting", () => {
    const changes = pendingNoteChanges([entry("note:vote", { noteId: "n_other_001", on: true })]);
    expect(noteView(note("n_other_001", "x", "p2", 4), false, changes)).toEqual({ text: "x", votes: 5, voted: true, waiting: true });
    // The event came in before the ack: the server already counts it, the view does not count it twice.
    expect(noteView(note("n_other_001", "x", "p2", 5), true, changes)).toEqual({ text: "x", votes: 5, voted: true, waiting: false });
    expect(votedNotes(["n_mine_0001"], changes)).toEqual(["n_mine_0001", "n_other_001"]);
  });

  it("lays queued strokes, undos, clears and done marks over the sketch in order", () => {
    const sketch = { strokes: [stroke("stroke-a001"), stroke("stroke-b001", "p2")], done: false };
    const view = sketchWithPending(
      sketch,
      [
        entry("stroke:commit", { sketchId: SKETCH, stroke: { ...stroke("stroke-q001"), authorId: undefined } }),
        entry("stroke:undo", { sketchId: SKETCH, strokeId: "stroke-q001" }),
        entry("stroke:undo", { sketchId: SKETCH, strokeId: "stroke-b001" }),
        entry("stroke:commit", { sketchId: "p_other_free", stroke: stroke("stroke-x001") }),
        entry("sketch:mark", { sketchId: SKETCH, done: true }),
      ],
      SKETCH,
      ME,
    );
    // Someone else's stroke is not undone by this phone.
    expect(view.strokes.map((s) => s.id)).toEqual(["stroke-a001", "stroke-b001"]);
    expect(view).toMatchObject({ done: true, unsentStrokes: 1, unsentChanges: 3 });

    const cleared = sketchWithPending(sketch, [entry("sketch:clear", { sketchId: SKETCH }), entry("stroke:commit", { sketchId: SKETCH, stroke: stroke("stroke-q002") })], SKETCH, ME);
    expect(cleared.strokes.map((s) => s.id)).toEqual(["stroke-b001", "stroke-q002"]);
  });

  it("does not count a stroke the server already holds as waiting", () => {
    const view = sketchWithPending({ strokes: [stroke("stroke-a001")], done: false }, [entry("stroke:commit", { sketchId: SKETCH, stroke: stroke("stroke-a001") })], SKETCH, ME);
    expect(view.strokes).toHaveLength(1);
    expect(view.unsentStrokes).toBe(0);
  });
});

describe("PhoneNotes offline", () => {
  beforeEach(() => {
    jest.spyOn(window, "confirm").mockReturnValue(true);
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it("queues an edit and shows the new text waiting to send until the server has it", async () => {
    const link = new FakeLink();
    renderIntl(<Live link={link} what="notes" />);
    await userEvent.click(within(phoneNote("My idea")).getByRole("button", { name: "Edit" }));
    const box = screen.getByLabelText("Edit");
    await userEvent.clear(box);
    await userEvent.type(box, "My better idea");
    await userEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(link.queue).toHaveBeenCalledWith("note:edit", { noteId: "n_mine_0001", text: "My better idea" });
    expect(link.send).not.toHaveBeenCalled();
    const li = phoneNote("My better idea");
    expect(within(li).getByTestId("note-change-pending")).toHaveTextContent("Waiting to send…");
    expect(li).toHaveAttribute("data-pending", "true");

    link.ack((s) => ({ ...s, notes: { ...s.notes, n_mine_0001: { ...s.notes.n_mine_0001, text: "My better idea" } } }));
    expect(within(phoneNote("My better idea")).queryByTestId("note-change-pending")).toBeNull();
    expect(screen.queryByTestId("refused-change")).toBeNull();
  });

  it("shows a queued vote at once, and takes it back with the reason when refused", async () => {
    const link = new FakeLink();
    renderIntl(<Live link={link} what="notes" />);
    await userEvent.click(within(phoneNote("Their idea")).getByRole("button", { name: "Vote for this note" }));
    expect(link.queue).toHaveBeenCalledWith("note:vote", { noteId: "n_other_001", on: true });
    const button = within(phoneNote("Their idea")).getByRole("button", { name: "Take back my vote" });
    expect(button).toHaveAttribute("aria-pressed", "true");
    expect(button).toHaveTextContent("♥ 1");
    expect(within(phoneNote("Their idea")).getByTestId("note-change-pending")).toBeInTheDocument();
    expect(screen.getByTestId("votes-left")).toHaveTextContent("2 of 3 votes left");

    link.refuse("NOTE_NOT_FOUND");
    expect(within(phoneNote("Their idea")).getByRole("button", { name: "Vote for this note" })).toHaveTextContent("♥ 0");
    const refused = screen.getByTestId("refused-change");
    expect(refused).toHaveTextContent("Your vote did not go through");
    expect(refused).toHaveTextContent("This note no longer exists.");
    await userEvent.click(within(refused).getByRole("button", { name: "Dismiss" }));
    expect(screen.queryByTestId("refused-change")).toBeNull();
  });

  it("does not queue a vote past the limit (queued votes count)", async () => {
    const link = new FakeLink();
    link.session = { ...link.session, board: { ...link.session.board, votesPerPerson: 1 } };
    renderIntl(<Live link={link} what="notes" />);
    await userEvent.click(within(phoneNote("Their idea")).getByRole("button", { name: "Vote for this note" }));
    await userEvent.click(within(phoneNote("My idea")).getByRole("button", { name: "Vote for this note" }));
    expect(link.queue).toHaveBeenCalledTimes(1);
    expect(screen.getByRole("alert")).toHaveTextContent("You have used all your votes.");
  });

  it("hides a note with a queued delete, and brings it back with the reason when refused", async () => {
    const link = new FakeLink();
    renderIntl(<Live link={link} what="notes" />);
    await userEvent.click(within(phoneNote("My idea")).getByRole("button", { name: "Delete" }));
    expect(link.queue).toHaveBeenCalledWith("note:delete", { noteId: "n_mine_0001" });
    expect(screen.getAllByTestId("phone-note")).toHaveLength(1);

    link.refuse("SESSION_ENDED");
    expect(screen.getAllByTestId("phone-note")).toHaveLength(2);
    expect(screen.getByTestId("refused-change")).toHaveTextContent("Your note was not deleted");
  });

  it("keeps a refused edit's text on the phone, in the phone's language", async () => {
    const link = new FakeLink();
    renderIntl(<Live link={link} what="notes" />, "ru");
    await userEvent.click(within(phoneNote("My idea")).getByRole("button", { name: "Изменить" }));
    const box = screen.getByLabelText("Изменить");
    await userEvent.clear(box);
    await userEvent.type(box, "Новая мысль");
    await userEvent.click(screen.getByRole("button", { name: "Сохранить" }));
    link.refuse("POSTING_PAUSED");
    expect(phoneNote("My idea")).toBeInTheDocument();
    const refused = screen.getByTestId("refused-change");
    expect(refused).toHaveTextContent("Ваша правка не сохранена");
    expect(refused).toHaveTextContent("Новая мысль");
  });
});

describe("SketchPad offline", () => {
  beforeEach(() => {
    jest.spyOn(window, "confirm").mockReturnValue(true);
    Element.prototype.scrollIntoView ??= () => {};
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });
  const paths = () => screen.getByTestId("sketch-canvas").querySelectorAll("path");

  it("queues an undo, shows it at once, and restores the stroke with the reason when refused", async () => {
    const link = new FakeLink();
    renderIntl(<Live link={link} what="sketch" />);
    expect(paths()).toHaveLength(3);
    await userEvent.click(screen.getByRole("button", { name: "Undo" }));
    expect(link.queue).toHaveBeenCalledWith("stroke:undo", { sketchId: SKETCH, strokeId: "stroke-c001" });
    expect(link.send).not.toHaveBeenCalled();
    expect(paths()).toHaveLength(2);
    expect(screen.getByTestId("unsent-changes")).toHaveTextContent("1 change waiting to send");
    expect(screen.getByRole("button", { name: "Redo" })).toBeEnabled();
    // A second undo while offline takes the stroke before.
    await userEvent.click(screen.getByRole("button", { name: "Undo" }));
    expect(link.queue).toHaveBeenLastCalledWith("stroke:undo", { sketchId: SKETCH, strokeId: "stroke-a001" });
    expect(screen.getByRole("button", { name: "Undo" })).toBeDisabled();

    link.ack((s) => ({ ...s, sketches: { [SKETCH]: { ...s.sketches[SKETCH], strokes: s.sketches[SKETCH].strokes.filter((x) => x.id !== "stroke-c001") } } }));
    link.refuse("SKETCH_CLOSED");
    expect(paths()).toHaveLength(2);
    expect(screen.getByRole("alert")).toHaveTextContent("Drawing is not open in this step.");
    expect(screen.queryByTestId("unsent-changes")).toBeNull();
  });

  it("queues a clear of this phone's strokes only", async () => {
    const link = new FakeLink();
    renderIntl(<Live link={link} what="sketch" />);
    await userEvent.click(screen.getByRole("button", { name: "Clear" }));
    expect(link.queue).toHaveBeenCalledWith("sketch:clear", { sketchId: SKETCH });
    expect(paths()).toHaveLength(1);
    expect(screen.getByRole("button", { name: "Clear" })).toBeDisabled();
  });

  it("queues the done mark and shows it at once", async () => {
    const link = new FakeLink();
    renderIntl(<Live link={link} what="sketch" />);
    await userEvent.click(screen.getByTestId("sketch-done"));
    expect(link.queue).toHaveBeenCalledWith("sketch:mark", { sketchId: SKETCH, done: true });
    expect(screen.getByTestId("sketch-done")).toHaveTextContent("Keep drawing");
    expect(screen.getByTestId("sketch-done")).toHaveAttribute("data-pending", "true");
    link.refuse("SESSION_ENDED");
    expect(screen.getByTestId("sketch-done")).toHaveTextContent("Done");
    expect(screen.getByRole("alert")).toHaveTextContent("This session has ended.");
  });
});
