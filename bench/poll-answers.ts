// Issue 16: 500 phones answer one question within 10 s while the projector
// shows the results live. Reports: every answer counted (acks, the stored
// tally, the projector's last figure), the ack latency, and how often the
// projector was updated (coalesced: at most 4 a second), beside a bare
// socket.io relay that forwards every answer to the screen as it comes.
import os from "node:os";
import type { Socket } from "socket.io-client";
import { sealScreenKey } from "../lib/server/accounts/tokens";
import { benchTrainer, cid, connect, joinPhones, relayRoom, send, startBenchServer, startRelay, summary, writeResult } from "./harness";

const PARTICIPANTS = Number(process.env.PARTICIPANTS ?? 500);
const WINDOW_S = Number(process.env.WINDOW_S ?? 10);
const KEY = "welcome:borders";

const TARGETS = {
  allCounted: true,
  ackP95MaxMs: 250,
  /** The projector gets at most this many results messages in any one second. */
  screenUpdatesPerSecondMax: 4,
  /** After the last answer, the projector shows the full count within this long. */
  screenCatchUpMaxMs: 1000,
};

interface Run {
  answered: number;
  refused: number;
  ackMs: number[];
  /** Arrival times (ms from the first answer) of the projector's results messages. */
  screenAt: number[];
  screenLastTotal: number;
  storedTotal: number;
  lastAnswerAt: number;
  screenFullAt: number | null;
}

/** Each phone answers once at a random moment in the window. */
async function answerAll(phones: Socket[], answer: (p: Socket, i: number) => Promise<boolean>, run: Run, t0: number): Promise<void> {
  await Promise.all(
    phones.map(async (p, i) => {
      await new Promise((r) => setTimeout(r, Math.random() * WINDOW_S * 1000));
      const started = performance.now();
      const ok = await answer(p, i);
      run.ackMs.push(performance.now() - started);
      run.lastAnswerAt = Math.max(run.lastAnswerAt, started - t0);
      if (ok) run.answered++;
      else run.refused++;
    }),
  );
  await new Promise((r) => setTimeout(r, 1500));
}

/** The most messages in any one-second window. */
function peakPerSecond(at: number[]): number {
  const s = [...at].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < s.length; i++) {
    while (s[i] - s[j] >= 1000) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

async function runOrtaq(): Promise<Run> {
  const server = await startBenchServer();
  try {
    const trainer = await connect(server.url, await benchTrainer(server));
    const created = await send(trainer, "session:create", { title: "Poll bench", language: "en", planId: "trafficking-prevention" });
    const sessionId = created.sessionId as string;
    await send(trainer, "session:watch", { sessionId, lastSeq: 0 });
    const screen = await connect(server.url);
    await send(screen, "session:watch", { sessionId, lastSeq: 0, screenKey: await sealScreenKey(sessionId, server.secret) });
    const phones = (await joinPhones(server.url, created.code, PARTICIPANTS)).map((p) => p.socket);
    await send(trainer, "agenda:goto", { sessionId, index: 0 });
    await send(trainer, "poll:open", { sessionId, key: KEY });
    await new Promise((r) => setTimeout(r, 500));

    const run: Run = { answered: 0, refused: 0, ackMs: [], screenAt: [], screenLastTotal: 0, storedTotal: 0, lastAnswerAt: 0, screenFullAt: null };
    const t0 = performance.now();
    screen.on("poll:results", (r: { key: string; total: number }) => {
      if (r.key !== KEY) return;
      const at = performance.now() - t0;
      run.screenAt.push(at);
      run.screenLastTotal = r.total;
      if (r.total === PARTICIPANTS && run.screenFullAt === null) run.screenFullAt = at;
    });
    await answerAll(
      phones,
      async (p, i) => {
        const ack = await p.timeout(30_000).emitWithAck("poll:answer", { id: cid(), key: KEY, choice: [i % 2] });
        return ack.ok;
      },
      run,
      t0,
    );
    const staff = await send(trainer, "session:watch", { sessionId, lastSeq: 0 });
    run.storedTotal = staff.sync.state.polls.questions[KEY]?.total ?? 0;
    phones.forEach((p) => p.disconnect());
    screen.disconnect();
    trainer.disconnect();
    return run;
  } finally {
    await server.stop();
  }
}

async function runRelay(): Promise<Run> {
  const { url, proc } = await startRelay();
  try {
    const { screen, phones } = await relayRoom(url, PARTICIPANTS, 1);
    const run: Run = { answered: 0, refused: 0, ackMs: [], screenAt: [], screenLastTotal: 0, storedTotal: 0, lastAnswerAt: 0, screenFullAt: null };
    const t0 = performance.now();
    let seen = 0;
    screen.on("note", () => {
      const at = performance.now() - t0;
      run.screenAt.push(at);
      run.screenLastTotal = ++seen;
      if (seen === PARTICIPANTS) run.screenFullAt = at;
    });
    await answerAll(
      phones,
      async (p, i) => {
        // Forwarded to the screen only (room "none" is empty): one message per answer, nothing stored or counted.
        const ack = await p.timeout(30_000).emitWithAck("note", { room: "none", key: KEY, choice: [i % 2] });
        return ack.ok;
      },
      run,
      t0,
    );
    run.storedTotal = seen;
    phones.forEach((p) => p.disconnect());
    screen.disconnect();
    return run;
  } finally {
    proc.kill("SIGTERM");
  }
}

async function main() {
  const ortaq = await runOrtaq();
  const relay = await runRelay();
  const report = (r: Run) => ({
    answersAcked: r.answered,
    answersRefused: r.refused,
    storedTotal: r.storedTotal,
    screenLastTotal: r.screenLastTotal,
    ackMs: summary(r.ackMs),
    screenMessages: r.screenAt.length,
    screenUpdatesPerSecondPeak: peakPerSecond(r.screenAt),
    screenUpdatesPerSecondMean: Math.round((r.screenAt.length / Math.max(1, (r.screenAt.at(-1) ?? 0) - (r.screenAt[0] ?? 0)) / 1) * 1000 * 100) / 100,
    screenCatchUpMs: r.screenFullAt === null ? null : Math.round(Math.max(0, r.screenFullAt - r.lastAnswerAt)),
  });
  const o = report(ortaq);
  const b = report(relay);
  const allCounted = o.answersAcked === PARTICIPANTS && o.storedTotal === PARTICIPANTS && o.screenLastTotal === PARTICIPANTS;
  const meets = {
    allCounted,
    ackP95: o.ackMs.p95 <= TARGETS.ackP95MaxMs,
    screenRate: o.screenUpdatesPerSecondPeak <= TARGETS.screenUpdatesPerSecondMax,
    screenCatchUp: o.screenCatchUpMs !== null && o.screenCatchUpMs <= TARGETS.screenCatchUpMaxMs,
  };
  writeResult("poll-answers", {
    // The machine is shared: its load when the run ended, to read the figures by.
    loadAverage: os.loadavg().map((x) => Math.round(x * 10) / 10),
    participants: PARTICIPANTS,
    windowS: WINDOW_S,
    ortaq: o,
    bareRelay: b,
    targets: TARGETS,
    ratios: { ackP50: Math.round((o.ackMs.p50 / b.ackMs.p50) * 100) / 100, ackP95: Math.round((o.ackMs.p95 / b.ackMs.p95) * 100) / 100, screenMessages: Math.round((o.screenMessages / Math.max(1, b.screenMessages)) * 100) / 100 },
    meets,
    meetsTargets: Object.values(meets).every(Boolean),
    note: "ack in ms from send to ack; each Ortaq answer is validated, authorised, stored in SQLite (synchronous=FULL) and tallied by its change before the ack; the projector gets coalesced results (at most one message per 250 ms) instead of one per answer. The relay stores and counts nothing and forwards every answer. Server and clients share the 2-core machine.",
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
