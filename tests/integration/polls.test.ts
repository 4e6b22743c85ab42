/**
 * Polls and quizzes through the real socket server: a trainer's console, a
 * projector and phones. Answers change until the question closes and never
 * after; each answer counts once per command id; nobody but the server and
 * the answering phone learns whose an answer is; right answers reach the
 * room only with the reveal; the projector's results are coalesced.
 */
import { sealScreenKey } from "@/lib/server/accounts/tokens";
import type { SessionEvent } from "@/lib/domain/events";
import { SCREEN_RESULTS_MS } from "@/lib/server/live/poll-feed";
import { POLL_PLAN, POLL_STEP } from "../unit/support/poll-fixtures";
import { cid, collect, nextEvent, send, sleep, staffState, startTestServer, type TestServer, type TestSocket } from "../support/test-server";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.close();
});

interface Room {
  sessionId: string;
  console: TestSocket;
  screen: TestSocket;
  phones: { socket: TestSocket; id: string; nickname: string; token: string }[];
}

/** A session running the poll plan (as a custom plan), on `step`, with a console, a projector and `n` phones. */
async function room(n = 3, step: number = POLL_STEP.vote): Promise<Room> {
  const trainer = await t.account("trainer");
  const plans = t.server.services.plans;
  const copy = (await plans.duplicate("trafficking-prevention", trainer.id, Date.now()))!;
  const saved = await plans.save(copy.id, { ...POLL_PLAN, id: copy.id }, Date.now());
  if (!saved.ok) throw new Error("plan refused");
  const c = await t.connect({ cookie: trainer.cookie });
  const created = await send(c, "session:create", { id: cid(), title: "Polls", language: "en", planId: copy.id });
  if (!created.ok) throw new Error(created.error.code);
  const sessionId = created.sessionId as string;
  await send(c, "session:watch", { id: cid(), sessionId, lastSeq: 0 });
  const screen = await t.connect();
  await send(screen, "session:watch", { id: cid(), sessionId, lastSeq: 0, screenKey: await sealScreenKey(sessionId, t.server.services.secret) });
  const phones: Room["phones"] = [];
  for (let i = 0; i < n; i++) {
    const socket = await t.connect();
    const nickname = `Nick${i}x${sessionId.slice(0, 4)}`;
    const ack = await send(socket, "participant:join", { id: cid(), code: created.code, nickname });
    if (!ack.ok) throw new Error(ack.error.code);
    phones.push({ socket, id: ack.participantId, nickname, token: ack.token });
  }
  const moved = await send(c, "agenda:goto", { id: cid(), sessionId, index: step });
  if (!moved.ok) throw new Error(moved.error.code);
  return { sessionId, console: c, screen, phones };
}

const staff = (r: Room, type: string, body: object) => send(r.console, type, { id: cid(), sessionId: r.sessionId, ...body });
const answer = (phone: TestSocket, key: string, choice: number[], id = cid(), text?: string) => send(phone, "poll:answer", { id, key, choice, ...(text !== undefined ? { text } : {}) });
const events = (r: Room): Promise<SessionEvent[]> => t.server.services.store.readSince(r.sessionId, 0);

describe("answering", () => {
  it("a phone changes its answer until the question closes; after that it is refused with a clear error and nothing changes", async () => {
    const r = await room(2);
    expect((await staff(r, "poll:open", { key: "vote:pick" })).ok).toBe(true);
    const [a, b] = r.phones;
    expect((await answer(a.socket, "vote:pick", [0])).ok).toBe(true);
    expect((await answer(b.socket, "vote:pick", [2])).ok).toBe(true);
    expect((await answer(a.socket, "vote:pick", [1])).ok).toBe(true);
    let st = await staffState(r.console, r.sessionId);
    expect({ counts: st.polls.questions["vote:pick"].counts, total: st.polls.questions["vote:pick"].total }).toEqual({ counts: [0, 1, 1], total: 2 });

    expect((await staff(r, "poll:close", { key: "vote:pick" })).ok).toBe(true);
    const late = await answer(a.socket, "vote:pick", [2]);
    expect(late).toEqual({ ok: false, error: { code: "QUESTION_CLOSED", message: expect.stringMatching(/closed/) } });
    st = await staffState(r.console, r.sessionId);
    expect(st.polls.questions["vote:pick"].counts).toEqual([0, 1, 1]);
    // The phone's own record still says what it answered last.
    const resumed = await send(a.socket, "participant:resume", { id: cid(), token: a.token, lastSeq: 0 });
    if (!resumed.ok) throw new Error(resumed.error.code);
    expect(resumed.sync.state.polls.questions["vote:pick"].answers[a.id].choice).toEqual([1]);
  });

  it("refuses answers that do not fit the question, and answers to a question not open", async () => {
    const r = await room(1);
    await staff(r, "poll:open", { key: "vote:many" });
    const p = r.phones[0].socket;
    expect(await answer(p, "vote:many", [])).toMatchObject({ ok: false, error: { code: "ANSWER_INVALID" } });
    expect(await answer(p, "vote:pick", [0])).toMatchObject({ ok: false, error: { code: "QUESTION_CLOSED" } });
    expect(await answer(p, "quiz:law", [0])).toMatchObject({ ok: false, error: { code: "QUESTION_CLOSED" } });
    expect(await answer(p, "vote:nothing", [0])).toMatchObject({ ok: false, error: { code: "QUESTION_NOT_FOUND" } });
    expect(await send(p, "poll:answer", { id: cid(), key: "vote:many", choice: [0, 0, 0, 0, 0, 0, 0, 0, 0] })).toMatchObject({ ok: false, error: { code: "BAD_REQUEST" } });
    expect(await answer(p, "vote:many", [0, 2])).toMatchObject({ ok: true });
  });

  it("each answer counts once per command id: a resend (after a lost link, from the outbox) is acknowledged again and never applied twice", async () => {
    const r = await room(2);
    await staff(r, "poll:open", { key: "vote:rate" });
    const [a] = r.phones;
    const id = cid();
    const first = await answer(a.socket, "vote:rate", [3], id);
    const again = await answer(a.socket, "vote:rate", [3], id);
    expect(again).toEqual(first);
    // The phone lost its link and comes back on a new socket, then its outbox resends the same command.
    a.socket.disconnect();
    const socket = await t.connect();
    expect((await send(socket, "participant:resume", { id: cid(), token: a.token, lastSeq: 0 })).ok).toBe(true);
    expect(await answer(socket, "vote:rate", [3], id)).toEqual(first);
    // The same id with another answer is still the first answer, not a change.
    expect(await answer(socket, "vote:rate", [0], id)).toEqual(first);
    const answered = (await events(r)).filter((e) => e.type === "poll:answered");
    expect(answered).toHaveLength(1);
    const st = await staffState(r.console, r.sessionId);
    expect({ counts: st.polls.questions["vote:rate"].counts, total: st.polls.questions["vote:rate"].total }).toEqual({ counts: [0, 0, 0, 1], total: 1 });
  });
});

describe("anonymity and what the room may see", () => {
  it("anonymous answers never reveal a nickname or participant id to any other client, the trainer included", async () => {
    const r = await room(3);
    const [a, b, c] = r.phones;
    const heard = (socket: TestSocket) => ({ events: collect<{ type: string; payload: { participantId?: string } }>(socket, "session:event"), results: collect(socket, "poll:results") });
    const seen = { console: heard(r.console), screen: heard(r.screen), b: heard(b.socket), c: heard(c.socket) };
    await staff(r, "poll:open", { key: "vote:word" });
    await answer(a.socket, "vote:word", [], cid(), "Trust no offers");
    await answer(b.socket, "vote:word", [], cid(), "Check the contract");
    await staff(r, "poll:open", { key: "vote:pick" });
    await answer(a.socket, "vote:pick", [1]);
    await sleep(1300);
    for (const [who, got] of Object.entries(seen)) {
      // Everything about the questions and their answers (the trainers also hear, apart, who is online).
      const json = JSON.stringify([got.events.filter((e) => e.type.startsWith("poll:")), got.results]);
      expect({ who, id: json.includes(a.id), nickname: json.includes(a.nickname) }).toEqual({ who, id: false, nickname: false });
    }
    // The console heard every answer, without its author.
    expect(seen.console.events.filter((e) => e.type === "poll:answered").map((e) => e.payload.participantId)).toEqual(["", "", ""]);
    // A phone hears of its own answers only; the projector of none.
    expect(seen.b.events.filter((e) => e.type === "poll:answered").map((e) => e.payload.participantId)).toEqual([b.id]);
    expect(seen.c.events.filter((e) => e.type === "poll:answered")).toEqual([]);
    expect(seen.screen.events.filter((e) => e.type === "poll:answered")).toEqual([]);
    // The server knows who answered (for pairing), and keeps it to itself.
    const server = (await events(r)).filter((e) => e.type === "poll:answered").map((e) => (e.type === "poll:answered" ? e.payload.participantId : ""));
    expect(server).toEqual([a.id, b.id, a.id]);
  });

  it("right answers and explanations reach phones and the projector only with the reveal", async () => {
    const r = await room(2, POLL_STEP.quiz);
    const phoneJson = () => JSON.stringify(received);
    const received: unknown[] = [];
    for (const s of [r.screen, r.phones[0].socket, r.phones[1].socket]) {
      received.push(...collect(s, "session:event"), ...collect(s, "poll:results"));
    }
    const phoneSnapshot = await send(r.phones[1].socket, "participant:resume", { id: cid(), token: r.phones[1].token, lastSeq: 0 });
    if (!phoneSnapshot.ok) throw new Error(phoneSnapshot.error.code);
    expect(JSON.stringify(phoneSnapshot.sync)).not.toMatch(/"correct"|"explanation"|Nobody may keep/);
    await staff(r, "poll:open", { key: "quiz:law" });
    await answer(r.phones[0].socket, "quiz:law", [0]);
    await staff(r, "poll:show", { key: "quiz:law", phones: true });
    await sleep(1200);
    expect(phoneJson()).not.toMatch(/"correct"|"explanation"|Nobody may keep/);
    const revealed = nextEvent(r.screen, "poll:revealed");
    await staff(r, "poll:reveal", { key: "quiz:law" });
    expect((await revealed).payload).toEqual({ key: "quiz:law", correct: [1], explanation: { en: "Nobody may keep your documents." } });
    // Once revealed, nobody changes their answer to the right one.
    expect(await answer(r.phones[0].socket, "quiz:law", [1])).toMatchObject({ ok: false, error: { code: "QUESTION_CLOSED" } });
  });

  it("phones get results only while the trainer shows them; the projector shows them live unless hidden, and always knows how many answered", async () => {
    const r = await room(2, POLL_STEP.quiz);
    const phoneResults = collect<{ shown: boolean }>(r.phones[1].socket, "poll:results");
    const screenResults = collect<{ shown: boolean; total: number; counts: number[] }>(r.screen, "poll:results");
    await staff(r, "poll:open", { key: "quiz:law" });
    await answer(r.phones[0].socket, "quiz:law", [0]);
    await sleep(1300);
    expect(phoneResults).toEqual([]);
    expect(screenResults.at(-1)).toMatchObject({ shown: true, total: 1, counts: [1] });
    await staff(r, "poll:show", { key: "quiz:law", phones: true, screen: false });
    await sleep(1300);
    expect(phoneResults.at(-1)).toMatchObject({ key: "quiz:law", shown: true, total: 1, counts: [1] });
    expect(screenResults.at(-1)).toMatchObject({ shown: false, total: 1, counts: [] });
    await staff(r, "poll:show", { key: "quiz:law", phones: false });
    await sleep(1300);
    expect(phoneResults.at(-1)).toMatchObject({ shown: false, counts: [] });
  });
});

describe("the projector's live results", () => {
  it("follow the answers, coalesced to at most a few messages a second, ending on the true tally", async () => {
    const r = await room(30);
    await staff(r, "poll:open", { key: "vote:pick" });
    await sleep(SCREEN_RESULTS_MS * 2);
    const got = collect<{ key: string; total: number; counts: number[]; shown: boolean }>(r.screen, "poll:results");
    const started = Date.now();
    await Promise.all(r.phones.map((p, i) => answer(p.socket, "vote:pick", [i % 3])));
    await sleep(SCREEN_RESULTS_MS * 2);
    const took = Date.now() - started;
    expect(got.at(-1)).toMatchObject({ key: "vote:pick", shown: true, total: 30, counts: [10, 10, 10] });
    // 30 answers, but at most one message per window.
    expect(got.length).toBeLessThanOrEqual(Math.ceil(took / SCREEN_RESULTS_MS) + 1);
    expect(got.length).toBeLessThan(30);
  });

  it("a projector that (re)connects gets the current results at once", async () => {
    const r = await room(2);
    await staff(r, "poll:open", { key: "vote:pick" });
    await answer(r.phones[0].socket, "vote:pick", [2]);
    const screen = await t.connect();
    const first = nextEvent<{ key: string; counts: number[] }>(screen, "poll:results");
    await send(screen, "session:watch", { id: cid(), sessionId: r.sessionId, lastSeq: 0, screenKey: await sealScreenKey(r.sessionId, t.server.services.secret) });
    expect(await first).toMatchObject({ key: "vote:pick", total: 1, counts: [0, 0, 1] });
  });

  it("open answers come as a word cloud and a list, without those the trainer hid", async () => {
    const r = await room(3);
    await staff(r, "poll:open", { key: "vote:word" });
    await answer(r.phones[0].socket, "vote:word", [], cid(), "Қауіпсіздік маңызды");
    await answer(r.phones[1].socket, "vote:word", [], cid(), "қауіпсіздік және сенім");
    await answer(r.phones[2].socket, "vote:word", [], cid(), "Stupid rude words");
    const st = await staffState(r.console, r.sessionId);
    const q = st.polls.questions["vote:word"];
    const rude = q.textOrder.find((id: string) => q.texts[id].text.startsWith("Stupid"));
    await staff(r, "poll:hide-answer", { key: "vote:word", answerId: rude, hidden: true });
    const last = await nextEvent<{ words: { word: string; count: number }[]; texts: { text: string }[] }>(r.screen, "poll:results", (p) => p.texts.length === 2);
    expect(last.words).toEqual([
      { word: "қауіпсіздік", count: 2 },
      { word: "маңызды", count: 1 },
      { word: "сенім", count: 1 },
    ]);
    expect(last.texts.map((x) => x.text)).toEqual(["қауіпсіздік және сенім", "Қауіпсіздік маңызды"]);
  });
});

describe("attendance for impact reports", () => {
  it("records who was online as each step began", async () => {
    const r = await room(2, POLL_STEP.welcome);
    r.phones[1].socket.disconnect();
    await sleep(100);
    await staff(r, "agenda:goto", { index: POLL_STEP.vote });
    await sleep(200);
    const steps = (await events(r)).flatMap((e) => (e.type === "attendance:step" ? [e.payload] : []));
    expect(steps.map((s) => [s.index, [...s.online].sort()])).toEqual([
      [POLL_STEP.welcome, [r.phones[0].id, r.phones[1].id].sort()],
      [POLL_STEP.vote, [r.phones[0].id]],
    ]);
  });
});
