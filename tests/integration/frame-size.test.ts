import { freshId, liveRoom, type LiveRoom } from "../support/live-fixture";
import { cid, send, startTestServer, type TestServer } from "../support/test-server";

/**
 * A command's size is checked against what came off the wire (its frame and
 * any binary parts), counted before socket.io parses it: nothing is
 * serialised or walked a second time, and padding a payload with fields the
 * schema ignores, strings or binary, does not get past the limit.
 */
let t: TestServer;
let r: LiveRoom;
beforeAll(async () => {
  t = await startTestServer();
  r = await liveRoom(t);
});
afterAll(async () => {
  await t.close();
});

describe("command size off the wire", () => {
  it("takes the longest text the schema allows, every character escaped on the wire", async () => {
    // 4,000 quotes are 8,000 characters in JSON (each becomes \"): under the limit, so the size check lets it
    // through and the board's own rule answers.
    const ack = await send(r.phone, "note:add", { id: cid(), noteId: freshId("note"), text: '"'.repeat(4000) });
    expect(ack).toMatchObject({ ok: false, error: { code: "NOTE_TOO_LONG" } });
  });

  it.each([
    ["padded with a long string", { junk: "x".repeat(17 * 1024) }],
    ["padded with binary", { junk: Buffer.alloc(17 * 1024) }],
    ["padded with many small numbers", { junk: Array.from({ length: 9000 }, () => 1) }],
  ])("refuses a note %s past the 16 kB limit", async (_name, padding) => {
    const ack = await send(r.phone, "note:add", { id: cid(), noteId: freshId("note"), text: "fine", ...padding });
    expect(ack).toMatchObject({ ok: false, error: { code: "PAYLOAD_TOO_LARGE" } });
  });

  it("counts each message for itself: a small command after a refused large one is taken", async () => {
    const big = send(r.phone, "note:add", { id: cid(), noteId: freshId("note"), text: "big", junk: Buffer.alloc(20 * 1024) });
    const small = send(r.mate, "note:add", { id: cid(), noteId: freshId("note"), text: "small" });
    expect(await big).toMatchObject({ error: { code: "PAYLOAD_TOO_LARGE" } });
    expect(await small).toMatchObject({ ok: true });
  });
});
