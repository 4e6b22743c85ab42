import { cid, collect, nextEvent, roomInTwoGroups, send, sleep, staffState, startTestServer, type TestServer, type TestSocket } from "../support/test-server";

let t: TestServer;
beforeEach(async () => {
  t = await startTestServer();
});
afterEach(async () => {
  await t.close();
});

let noteCounter = 0;
const nid = () => `note-${Date.now()}-${++noteCounter}`;

/** Notes are always open in a session without a plan. */
const board = () => roomInTwoGroups(t, { nickname: (i) => `Nick${i}` });

describe("notes", () => {
  it("reach the author's group and the projector, not the other group", async () => {
    const b = await board();
    const toMate = nextEvent(b.mate.socket, "note:added");
    const toScreen = nextEvent(b.screen, "note:added");
    const toOther = collect(b.other.socket, "note:added");
    const ack = await send(b.a.socket, "note:add", { id: cid(), noteId: nid(), text: "  Tell someone where you go  " });
    expect(ack).toMatchObject({ ok: true, held: false });
    expect((await toMate).payload.note).toMatchObject({ text: "Tell someone where you go", authorId: b.a.id, votes: 0 });
    expect((await toScreen).payload.note.text).toBe("Tell someone where you go");
    await sleep(50);
    expect(toOther).toEqual([]);
  });

  it("enforce length, emptiness and rate limits with clear codes", async () => {
    const b = await board();
    expect(await send(b.mate.socket, "note:add", { id: cid(), noteId: nid(), text: "x".repeat(281) })).toMatchObject({ error: { code: "NOTE_TOO_LONG" } });
    expect(await send(b.mate.socket, "note:add", { id: cid(), noteId: nid(), text: " \u200b\n " })).toMatchObject({ error: { code: "NOTE_EMPTY" } });
    expect((await send(b.mate.socket, "note:add", { id: cid(), noteId: nid(), text: "é".repeat(280) })).ok).toBe(true);
    const results = [];
    for (let i = 0; i < 10; i++) results.push(await send(b.a.socket, "note:add", { id: cid(), noteId: nid(), text: `idea ${i}` }));
    const codes = results.map((r) => (r.ok ? "ok" : r.error.code));
    // A burst of six, then the phone must wait.
    expect(codes).toEqual([...Array(6).fill("ok"), ...Array(4).fill("RATE_LIMITED")]);
    // Another phone on the same address is not slowed down.
    expect((await send(b.other.socket, "note:add", { id: cid(), noteId: nid(), text: "mine" })).ok).toBe(true);
  });

  it("keep an anonymous author's name and id from every other client", async () => {
    const b = await board();
    await send(b.c, "board:configure", { id: cid(), sessionId: b.sessionId, settings: { anonymousAllowed: true } });
    const seen = [nextEvent(b.mate.socket, "note:added"), nextEvent(b.screen, "note:added"), nextEvent(b.c, "note:added")];
    const raw: string[] = [];
    for (const s of [b.mate.socket, b.screen, b.c]) s.onAny((_e: string, ...args: unknown[]) => raw.push(JSON.stringify(args)));
    const noteId = nid();
    expect((await send(b.a.socket, "note:add", { id: cid(), noteId, text: "It happened to my cousin", anonymous: true })).ok).toBe(true);
    for (const e of await Promise.all(seen)) expect(e.payload.note).toMatchObject({ id: noteId, anonymous: true, authorId: null });
    for (const s of raw) {
      expect(s).not.toContain(b.a.id);
      expect(s).not.toContain("Nick0");
    }
    // Snapshots too.
    expect(JSON.stringify((await staffState(b.c, b.sessionId)).notes)).not.toContain(b.a.id);
    // The author can still delete it.
    expect((await send(b.a.socket, "note:delete", { id: cid(), noteId })).ok).toBe(true);
    // Anonymity is off unless the trainer allows it.
    await send(b.c, "board:configure", { id: cid(), sessionId: b.sessionId, settings: { anonymousAllowed: false } });
    expect(await send(b.a.socket, "note:add", { id: cid(), noteId: nid(), text: "x", anonymous: true })).toMatchObject({ error: { code: "ANONYMOUS_OFF" } });
  });

  it("apply a resent note once (same command id and note id)", async () => {
    const b = await board();
    const id = cid();
    const noteId = nid();
    const added = collect(b.screen, "note:added");
    const first = await send(b.a.socket, "note:add", { id, noteId, text: "Once" });
    const again = await send(b.a.socket, "note:add", { id, noteId, text: "Once" });
    expect(again).toEqual(first);
    // A new command id for the same note is refused, not duplicated.
    expect(await send(b.a.socket, "note:add", { id: cid(), noteId, text: "Once" })).toMatchObject({ error: { code: "DUPLICATE_ID" } });
    await sleep(50);
    expect(added).toHaveLength(1);
  });

  it("let only the author edit or delete, and only group members vote, within the vote budget", async () => {
    const b = await board();
    const noteId = nid();
    await send(b.a.socket, "note:add", { id: cid(), noteId, text: "Original" });
    expect(await send(b.mate.socket, "note:edit", { id: cid(), noteId, text: "Hijacked" })).toMatchObject({ error: { code: "NOT_YOUR_NOTE" } });
    expect(await send(b.mate.socket, "note:delete", { id: cid(), noteId })).toMatchObject({ error: { code: "NOT_YOUR_NOTE" } });
    expect((await send(b.a.socket, "note:edit", { id: cid(), noteId, text: "Edited" })).ok).toBe(true);
    // The other group cannot even see it.
    expect(await send(b.other.socket, "note:vote", { id: cid(), noteId, on: true })).toMatchObject({ error: { code: "NOTE_NOT_FOUND" } });
    await send(b.c, "board:configure", { id: cid(), sessionId: b.sessionId, settings: { votesPerPerson: 1 } });
    const voted = nextEvent(b.screen, "note:voted");
    expect((await send(b.mate.socket, "note:vote", { id: cid(), noteId, on: true })).ok).toBe(true);
    expect((await voted).payload).toMatchObject({ noteId, on: true });
    const second = nid();
    await send(b.a.socket, "note:add", { id: cid(), noteId: second, text: "Second" });
    expect(await send(b.mate.socket, "note:vote", { id: cid(), noteId: second, on: true })).toMatchObject({ error: { code: "NO_VOTES_LEFT" } });
    expect((await staffState(b.c, b.sessionId)).notes[noteId]).toMatchObject({ text: "Edited", votes: 1 });
  });

  it("hide from the room at once but keep in the record, and hold filtered notes for review", async () => {
    const b = await board();
    const noteId = nid();
    await send(b.a.socket, "note:add", { id: cid(), noteId, text: "Spam" });
    const hiddenOnScreen = nextEvent(b.screen, "note:hidden");
    const hiddenOnMate = nextEvent(b.mate.socket, "note:hidden");
    expect((await send(b.c, "note:hide", { id: cid(), sessionId: b.sessionId, noteId })).ok).toBe(true);
    await Promise.all([hiddenOnScreen, hiddenOnMate]);
    const screenKey = await (await import("@/lib/server/accounts/tokens")).sealScreenKey(b.sessionId, t.server.services.secret);
    const fresh = await t.connect();
    expect((await staffState(fresh, b.sessionId, screenKey)).notes[noteId]).toBeUndefined();
    expect((await staffState(b.c, b.sessionId)).notes[noteId]).toMatchObject({ status: "hidden", text: "Spam" });

    await send(b.c, "board:configure", { id: cid(), sessionId: b.sessionId, settings: { filter: "hold" } });
    const screenGot = collect(b.screen, "note:added");
    const trainerGot = nextEvent(b.c, "note:added");
    const held = await send(b.a.socket, "note:add", { id: cid(), noteId: nid(), text: "what the FUCK" });
    expect(held).toMatchObject({ ok: true, held: true });
    expect((await trainerGot).payload.note).toMatchObject({ status: "held", flagged: true });
    await sleep(50);
    expect(screenGot).toEqual([]);
    // The trainer approves it: now the room sees it.
    const shown = nextEvent(b.screen, "note:restored");
    await send(b.c, "note:restore", { id: cid(), sessionId: b.sessionId, noteId: held.ok ? (await staffNoteId(b.c, b.sessionId, "what the FUCK")) : "" });
    expect((await shown).payload.note.text).toBe("what the FUCK");

    await send(b.c, "board:configure", { id: cid(), sessionId: b.sessionId, settings: { postingPaused: true } });
    expect(await send(b.a.socket, "note:add", { id: cid(), noteId: nid(), text: "more" })).toMatchObject({ error: { code: "POSTING_PAUSED" } });
  });

  it("show the room a held note once its author cleans it, and the full text when the trainer approves an edit", async () => {
    const b = await board();
    await send(b.c, "board:configure", { id: cid(), sessionId: b.sessionId, settings: { filter: "hold" } });
    const heldId = nid();
    expect(await send(b.a.socket, "note:add", { id: cid(), noteId: heldId, text: "shit plan" })).toMatchObject({ held: true });
    const appeared = nextEvent(b.screen, "note:edited");
    expect(await send(b.a.socket, "note:edit", { id: cid(), noteId: heldId, text: "good plan" })).toMatchObject({ ok: true, held: false });
    expect((await appeared).payload.note).toMatchObject({ id: heldId, text: "good plan", status: "visible" });
    const screenKey = await (await import("@/lib/server/accounts/tokens")).sealScreenKey(b.sessionId, t.server.services.secret);
    const fresh = await t.connect();
    expect((await staffState(fresh, b.sessionId, screenKey)).notes[heldId]).toMatchObject({ text: "good plan", status: "visible" });

    const visibleId = nid();
    await send(b.a.socket, "note:add", { id: cid(), noteId: visibleId, text: "fine" });
    expect(await send(b.a.socket, "note:edit", { id: cid(), noteId: visibleId, text: "fuck this" })).toMatchObject({ held: true });
    const restored = nextEvent(b.mate.socket, "note:restored");
    await send(b.c, "note:restore", { id: cid(), sessionId: b.sessionId, noteId: visibleId });
    expect((await restored).payload.note).toMatchObject({ text: "fuck this" });

    await send(b.c, "note:hide", { id: cid(), sessionId: b.sessionId, noteId: visibleId });
    expect(await send(b.a.socket, "note:edit", { id: cid(), noteId: visibleId, text: "sneaky" })).toMatchObject({ error: { code: "FORBIDDEN" } });
  });

  it("tell the room how many voted, and only the voter (and staff) who", async () => {
    const b = await board();
    const noteId = nid();
    await send(b.a.socket, "note:add", { id: cid(), noteId, text: "Vote me" });
    const toAuthor = nextEvent(b.a.socket, "note:voted");
    const toScreen = nextEvent(b.screen, "note:voted");
    const toVoter = nextEvent(b.mate.socket, "note:voted");
    const toStaff = nextEvent(b.c, "note:voted");
    await send(b.mate.socket, "note:vote", { id: cid(), noteId, on: true });
    expect((await toAuthor).payload.voterId).toBe("");
    expect((await toScreen).payload.voterId).toBe("");
    expect((await toVoter).payload.voterId).toBe(b.mate.id);
    expect((await toStaff).payload.voterId).toBe(b.mate.id);
  });

  it("are refused to participants for trainer-only moderation", async () => {
    const b = await board();
    const noteId = nid();
    await send(b.a.socket, "note:add", { id: cid(), noteId, text: "Mine" });
    expect(await send(b.mate.socket, "note:hide", { id: cid(), sessionId: b.sessionId, noteId })).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
    expect(await send(b.mate.socket, "board:configure", { id: cid(), sessionId: b.sessionId, settings: { showAll: true } })).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
  });
});

async function staffNoteId(c: TestSocket, sessionId: string, text: string): Promise<string> {
  const n = Object.values((await staffState(c, sessionId)).notes as Record<string, { id: string; text: string }>).find((x) => x.text === text);
  return n!.id;
}
