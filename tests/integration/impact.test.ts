/**
 * Impact through the real server: sessions run the default plan's opening
 * and closing knowledge check and feedback form over sockets; the report's
 * figures, the dashboard's sums and the CSV/XLSX/PDF exports agree with the
 * answers given, pair phones anonymously, follow the organisation's
 * completion rule and suppress every count of fewer than 5 people.
 */
import readExcelFile from "read-excel-file/node";
import { GET as exportRoute } from "@/app/api/impact/export/route";
import { AUTH_COOKIE, sealAuth } from "@/lib/server/accounts/tokens";
import { getCompletionRule, setCompletionRule } from "@/lib/server/impact/completion-rule";
import { impactSummary, sessionImpact } from "@/lib/server/impact/impact-data";
import { impactFilter } from "@/lib/server/impact/impact-filter";
import { sessionTables } from "@/lib/server/impact/impact-tables";
import { cid, send, sleep, startTestServer, type TestServer, type TestSocket } from "../support/test-server";

// Whole sessions over sockets on a shared machine: more than jest's 5 s.
jest.setTimeout(30_000);

let t: TestServer;
let organiser: { id: string; cookie: string };
beforeAll(async () => {
  t = await startTestServer();
  organiser = await t.account("organiser");
});
afterAll(async () => {
  await t.close();
});

const CHECK = ["borders", "consent", "documents", "debt", "strangers", "anyone"];
/** The right option per check question in the default plan: Myth (0) or Fact (1). */
const RIGHT = [0, 0, 0, 1, 0, 1];

/**
 * A session of the default plan with `n` phones (all answer the profile as
 * female 18-24, except the last, male 16-17): `pre(i)` and `post(i)` say
 * whether phone i answers a check question right (null: does not answer).
 */
async function workshop(opts: { n: number; pre: (i: number) => boolean | null; post: (i: number) => boolean | null; trainer?: { id: string; cookie: string } }) {
  const trainer = opts.trainer ?? (await t.account("trainer"));
  const c = await t.connect({ cookie: trainer.cookie });
  const created = await send(c, "session:create", { id: cid(), title: "Impact", language: "en", planId: "trafficking-prevention", askProfile: true });
  if (!created.ok) throw new Error(created.error.code);
  const sessionId = created.sessionId as string;
  await send(c, "session:watch", { id: cid(), sessionId, lastSeq: 0 });
  const phones: TestSocket[] = [];
  for (let i = 0; i < opts.n; i++) {
    const socket = await t.connect();
    const ack = await send(socket, "participant:join", { id: cid(), code: created.code, nickname: `Phone ${i}` });
    if (!ack.ok) throw new Error(ack.error.code);
    const last = i === opts.n - 1;
    await send(socket, "participant:profile", { id: cid(), ageBand: last ? "16-17" : "18-24", sex: last ? "male" : "female" });
    phones.push(socket);
  }
  const plan = (await t.server.services.plans.get("trafficking-prevention"))!.plan;
  const staff = (type: string, body: object) => send(c, type, { id: cid(), sessionId, ...body });
  const ask = async (step: string, right: (i: number) => boolean | null, q: number) => {
    expect((await staff("poll:open", { key: `${step}:${CHECK[q]}` })).ok).toBe(true);
    await Promise.all(
      phones.map(async (p, i) => {
        const r = right(i);
        if (r === null) return;
        const ack = await send(p, "poll:answer", { id: cid(), key: `${step}:${CHECK[q]}`, choice: [r ? RIGHT[q] : 1 - RIGHT[q]] });
        expect(ack.ok).toBe(true);
      }),
    );
  };
  for (let index = 0; index < plan.steps.length; index++) {
    expect((await staff("agenda:goto", { index })).ok).toBe(true);
    await sleep(30);
    if (plan.steps[index].check === "pre") for (let q = 0; q < CHECK.length; q++) await ask("welcome", opts.pre, q);
    if (plan.steps[index].check === "post") {
      for (let q = 0; q < CHECK.length; q++) await ask("wrap-up", opts.post, q);
      expect((await staff("poll:open", { key: "wrap-up:know-help" })).ok).toBe(true);
      await Promise.all(phones.map((p, i) => send(p, "poll:answer", { id: cid(), key: "wrap-up:know-help", choice: [i % 3 === 2 ? 2 : 0] })));
    }
  }
  await sleep(100);
  expect((await staff("session:end", {})).ok).toBe(true);
  return { sessionId, trainer };
}

describe("one session's impact", () => {
  it("the paired figures match the answers: 10 phones, 5 right before and 9 right after", async () => {
    // Phones 0-4 right before; 0-8 right after; phone 9 wrong both times.
    const { sessionId } = await workshop({ n: 10, pre: (i) => i < 5, post: (i) => i < 9 });
    const org = (await t.server.services.users.byId(organiser.id))!;
    const p = (await sessionImpact(t.server.services.store, t.server.services.sql, org, sessionId))!;
    // One man: his cell goes, and the women's too (else 10 - 9 would tell).
    expect(p.trained).toMatchObject({ total: 10, bySex: { female: null, male: null, "not-answered": 0 } });
    expect(p.completed.total).toBe(10);
    expect(p.pairedPeople).toBe(10);
    for (const c of p.checks) {
      expect(c).toMatchObject({ pre: { n: 10, percent: 50 }, post: { n: 10, percent: 90 }, paired: { n: 10, prePercent: 50, postPercent: 90, change: 40, improved: null, declined: 0 } });
    }
    const help = p.feedback.find((f) => f.key === "wrap-up:know-help")!;
    expect({ total: help.total, counts: help.counts }).toEqual({ total: 10, counts: [7, 0, null] });
    // A trainer who does not run the session gets nothing.
    const stranger = (await t.server.services.users.byId((await t.account("trainer")).id))!;
    expect(await sessionImpact(t.server.services.store, t.server.services.sql, stranger, sessionId)).toBeNull();
    // The session's own export tables carry the same figures.
    const tables = sessionTables(p, "en");
    const check = tables.find((x) => x.name === "Knowledge check: before and after")!;
    expect(check.rows[0].slice(0, 7)).toEqual(["Human trafficking only happens when someone is taken to another country.", "50% (n=10)", "90% (n=10)", 10, "50%", "90%", 40]);
  });

  it("follows the organisation's completion rule: the after check required, then not", async () => {
    // Phones 0-5 answer only before (they leave early); 6-11 only after (they came late).
    const { sessionId } = await workshop({ n: 12, pre: (i) => (i < 6 ? true : null), post: (i) => (i >= 6 ? true : null) });
    const { store, sql, users } = t.server.services;
    const org = (await users.byId(organiser.id))!;
    await setCompletionRule(sql, { minStepPercent: 0, requirePost: true });
    expect(await getCompletionRule(sql)).toEqual({ minStepShare: 0, requirePost: true });
    const strict = (await sessionImpact(store, sql, org, sessionId))!;
    expect([strict.trained.total, strict.completed.total, strict.pairedPeople]).toEqual([12, 6, 0]);
    await setCompletionRule(sql, { minStepPercent: 0, requirePost: false });
    expect((await sessionImpact(store, sql, org, sessionId))!.completed.total).toBe(12);
    await setCompletionRule(sql, { minStepPercent: 80, requirePost: true });
  });
});

describe("across sessions", () => {
  it("adds sessions up by plan and trainer, a trainer seeing only their own; exports say the same in CSV, XLSX and PDF", async () => {
    const trainer = await t.account("trainer");
    const from = new Date().toISOString().slice(0, 10);
    await workshop({ n: 6, pre: () => false, post: () => true, trainer });
    await workshop({ n: 3, pre: () => true, post: () => true, trainer });
    const { store, sql, users } = t.server.services;
    const org = (await users.byId(organiser.id))!;
    const mine = await impactSummary(store, sql, impactFilter({ from, trainer: trainer.id }, org));
    expect(mine.totals).toMatchObject({ sessions: 2, trained: 9, pairedPeople: 9, prePercent: 33, postPercent: 100, change: 67 });
    expect(mine.byPlan.map((g) => [g.id, g.totals.sessions])).toEqual([["trafficking-prevention", 2]]);
    // The trainer's own view cannot widen itself to other trainers' sessions.
    const asTrainer = await impactSummary(store, sql, impactFilter({ from, trainer: "someone-else" }, (await users.byId(trainer.id))!));
    expect(asTrainer.totals.sessions).toBe(2);

    const cookie = `${AUTH_COOKIE}=${encodeURIComponent(await sealAuth(organiser.id, t.server.services.secret))}`;
    const get = (q: string) => exportRoute(new Request(`http://127.0.0.1/api/impact/export?${q}&from=${from}&trainer=${trainer.id}`, { headers: { cookie } }));
    const bytes = Buffer.from(await (await get("format=csv")).arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.toString("utf8").slice(1);
    expect(csv.startsWith("Impact")).toBe(true);
    expect(csv).toContain("Total,2,9,9,100%,9,33%,100%,67");
    const xlsx = await get("format=xlsx");
    expect(xlsx.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const sheets = (await readExcelFile(Buffer.from(await xlsx.arrayBuffer()))) as unknown as { sheet: string; data: unknown[][] }[];
    expect(sheets.map((s) => s.sheet)).toEqual(["Impact", "By plan", "By trainer", "By sex", "By age band", "Knowledge check"]);
    expect(sheets[0].data[1]).toEqual(["Total", 2, 9, 9, "100%", 9, "33%", "100%", 67]);
    // 7 women and 2 men: the men's cell goes, and the women's too (else 9 - 7 would tell).
    expect(sheets[3].data.slice(0, 2)).toEqual([
      ["Indicator", "Female", "Male", "Prefer not to say", "Not answered"],
      ["People trained", "<5", "<5", 0, 0],
    ]);
    const pdf = Buffer.from(await (await get("format=pdf")).arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect((await exportRoute(new Request("http://127.0.0.1/api/impact/export?format=csv"))).status).toBe(401);
    expect((await get("format=doc")).status).toBe(400);
  });
});
