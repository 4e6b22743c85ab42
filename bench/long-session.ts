// Issue 14: one session grows to 20,000 notes. 500 phones in 50 groups post at
// the rate limit (a note every 4 s each, 125 notes/s) while the console and the
// projector watch every note. For each 1,000 notes: the sender's ack p50/p95/p99
// and the server's CPU time per note. The cost of a note must not grow with the
// session: the last bucket's p99 within 1.2x of the first's.
import type { Socket } from "socket.io-client";
import { sealScreenKey } from "../lib/server/accounts/tokens";
import { benchTrainer, cid, connect, joinPhones, ratio, send, serverStats, startBenchServer, summary, writeResult } from "./harness";

const PARTICIPANTS = Number(process.env.PARTICIPANTS ?? 500);
const GROUPS = Number(process.env.GROUPS ?? 50);
const NOTES = Number(process.env.NOTES ?? 20_000);
const BUCKET = Number(process.env.BUCKET ?? 1_000);
const EVERY_S = 4;
const TARGET = 1.2;

interface Bucket {
  ackMs: number[];
  server: Record<string, unknown> | null;
}

async function main() {
  const server = await startBenchServer();
  const buckets: Bucket[] = Array.from({ length: Math.ceil(NOTES / BUCKET) }, () => ({ ackMs: [], server: null }));
  let refused = 0;
  try {
    const trainer = await connect(server.url, await benchTrainer(server));
    const created = await send(trainer, "session:create", { title: "Long session bench", language: "en" });
    const sessionId = created.sessionId as string;
    await send(trainer, "session:watch", { sessionId, lastSeq: 0 });
    const screen = await connect(server.url);
    await send(screen, "session:watch", { sessionId, lastSeq: 0, screenKey: await sealScreenKey(sessionId, server.secret) });
    const phones: Socket[] = (await joinPhones(server.url, created.code, PARTICIPANTS)).map((p) => p.socket);
    await send(trainer, "groups:form", { sessionId, by: "count", n: GROUPS });
    let onWall = 0;
    trainer.on("session:event", (e: { type: string }) => e.type === "note:added" && onWall++);

    // Notes are numbered as they are sent; each bucket's server figures run from its first note to its last ack.
    let next = 0;
    let acked = 0;
    let statsChain: Promise<unknown> = serverStats(server.proc, "reset");
    const closeBucket = (b: number) => {
      statsChain = statsChain.then(async () => {
        buckets[b].server = await serverStats(server.proc, "stats");
        await serverStats(server.proc, "reset");
      });
    };
    const started = performance.now();
    await Promise.all(
      phones.map(async (p, i) => {
        await new Promise((r) => setTimeout(r, Math.random() * EVERY_S * 1000));
        while (next < NOTES) {
          const n = next++;
          const t0 = performance.now();
          const ack = await p.timeout(30_000).emitWithAck("note:add", { id: cid(), noteId: `n${n}x${cid().slice(-8)}`, text: `Idea ${n} from phone ${i}: look out for each other` });
          if (ack.ok) buckets[Math.floor(n / BUCKET)].ackMs.push(performance.now() - t0);
          else refused++;
          if (++acked % BUCKET === 0) closeBucket(acked / BUCKET - 1);
          await new Promise((r) => setTimeout(r, Math.max(0, EVERY_S * 1000 - (performance.now() - t0))));
        }
      }),
    );
    await statsChain;
    const seconds = Math.round((performance.now() - started) / 1000);
    await new Promise((r) => setTimeout(r, 1500));

    const rows = buckets.map((b, i) => {
      const cpu = b.server?.cpuMs as number | undefined;
      return { notes: `${i * BUCKET + 1}-${(i + 1) * BUCKET}`, ackMs: summary(b.ackMs), serverCpuMsPerNote: cpu === undefined ? null : Math.round((cpu / BUCKET) * 100) / 100, server: b.server };
    });
    const p99s = rows.map((r) => r.ackMs.p99);
    const lastToFirst = ratio(p99s[p99s.length - 1], p99s[0]);
    writeResult("long-session", {
      participants: PARTICIPANTS,
      groups: GROUPS,
      notes: NOTES,
      notesOnTheConsole: onWall,
      notesRefused: refused,
      seconds,
      everyS: EVERY_S,
      targets: { lastBucketP99RatioToFirst: TARGET, source: "issue 14: the p99 ack per 1,000-note bucket stays flat as one session grows to 20,000 notes" },
      ratios: { lastBucketP99ToFirst: lastToFirst, highestToLowestBucketP99: ratio(Math.max(...p99s), Math.min(...p99s)) },
      meetsTargets: refused === 0 && lastToFirst <= TARGET,
      buckets: rows,
      note: "ack = send to `ok` at the phone, in ms. serverCpuMsPerNote = the server process's CPU time over the bucket (all its work: the notes, their broadcasts to the group, the console and the projector) divided by its notes. The first bucket includes the server's warm-up. Server in its own process; the 500 clients share the 2-core machine.",
    });
    phones.forEach((p) => p.disconnect());
    screen.disconnect();
    trainer.disconnect();
  } finally {
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
