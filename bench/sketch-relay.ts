// Issues 6 and 14: 500 phones connected in 50 groups, 100 of them drawing at
// once (30 progress batches a second, a committed stroke every second) for 30 s.
// Prints group relay latency p50/p95/p99, the server's event-loop lag p99
// and CPU, beside a bare socket.io relay under the same load in the same run.
// Both carry the points packed as the phones send them (stroke-packing.ts).
import type { ChildProcess } from "node:child_process";
import type { Socket } from "socket.io-client";
import { sealScreenKey } from "../lib/server/accounts/tokens";
import { packPoints } from "../lib/protocol/stroke-packing";
import { benchTrainer, cid, connect, joinPhones, ratio, relayRoom, startRelay, send, serverStats, startBenchServer, summary, writeResult } from "./harness";

const PARTICIPANTS = Number(process.env.PARTICIPANTS ?? 500);
const GROUPS = Number(process.env.GROUPS ?? 50);
const DRAWERS = Number(process.env.DRAWERS ?? 100);
const DURATION_S = Number(process.env.DURATION_S ?? 30);
const BATCH_MS = 33;

interface Result {
  relayMs: number[];
  screenMs: number[];
  batches: number;
  commits: number;
  server: Record<string, unknown> | null;
}

type Emit = (phone: Socket, drawer: number, batchId: string, points: number[], room: string) => void;
type Commit = (phone: Socket, drawer: number, strokeId: string, points: number[], room: string) => Promise<void>;

async function drawFor(phones: Socket[], rooms: string[], emit: Emit, commit: Commit, stats: ChildProcess, sentAt: Map<string, number>): Promise<{ batches: number; commits: number; server: Record<string, unknown> | null }> {
  let batches = 0;
  let commits = 0;
  // Two drawers per group, spread over the groups.
  const drawers = Array.from({ length: DRAWERS }, (_, i) => (i % GROUPS) + GROUPS * Math.floor(i / GROUPS));
  await serverStats(stats, "reset");
  const end = Date.now() + DURATION_S * 1000;
  await Promise.all(
    drawers.map(async (pi, d) => {
      await new Promise((r) => setTimeout(r, Math.random() * 1000));
      let n = 0;
      while (Date.now() < end) {
        const strokeId = `st${d}x${n++}${cid().slice(-6)}`;
        const stroke: number[] = [];
        for (let b = 0; b < 30 && Date.now() < end; b++) {
          const pts = [];
          for (let k = 0; k < 4; k++) pts.push(100 + ((b * 4 + k) % 500), 100 + d, 50);
          stroke.push(...pts);
          const batchId = `b${d}x${n}x${b}${cid().slice(-6)}`;
          sentAt.set(batchId, performance.now());
          emit(phones[pi], d, batchId, pts, rooms[pi]);
          batches++;
          await new Promise((r) => setTimeout(r, BATCH_MS));
        }
        await commit(phones[pi], d, strokeId, stroke.slice(0, 1500 * 3), rooms[pi]);
        commits++;
      }
    }),
  );
  const server = await serverStats(stats, "stats");
  await new Promise((r) => setTimeout(r, 500));
  return { batches, commits, server };
}

async function runOrtaq(): Promise<Result> {
  const srv = await startBenchServer();
  try {
    const trainer = await connect(srv.url, await benchTrainer(srv));
    const created = await send(trainer, "session:create", { title: "Sketch bench", language: "en" });
    const sessionId = created.sessionId as string;
    await send(trainer, "session:watch", { sessionId, lastSeq: 0 });
    const screen = await connect(srv.url);
    await send(screen, "session:watch", { sessionId, lastSeq: 0, screenKey: await sealScreenKey(sessionId, srv.secret) });
    const phones: Socket[] = (await joinPhones(srv.url, created.code, PARTICIPANTS)).map((p) => p.socket);
    const groupOf: string[] = new Array(PARTICIPANTS);
    // Stored events all come as "session:event"; each phone learns its group from its form of groups:formed.
    const formed = Promise.all(
      phones.map(
        (p, i) =>
          new Promise<void>((r) => {
            const on = (e: { type: string; payload: { view?: { groupId: string } } }) => {
              if (e.type !== "groups:formed" || !e.payload.view) return;
              groupOf[i] = e.payload.view.groupId;
              p.off("session:event", on);
              r();
            };
            p.on("session:event", on);
          }),
      ),
    );
    await send(trainer, "groups:form", { sessionId, by: "count", n: GROUPS, balanced: true });
    await formed;
    await send(trainer, "sketch:configure", { sessionId, mode: "group" });

    const sentAt = new Map<string, number>();
    const res: Result = { relayMs: [], screenMs: [], batches: 0, commits: 0, server: null };
    phones.forEach((p) => p.on("stroke:progress", (m: { strokeId: string }) => {
      const t = sentAt.get(m.strokeId);
      if (t !== undefined) res.relayMs.push(performance.now() - t);
    }));
    screen.on("stroke:progress", (m: { strokeId: string }) => {
      const t = sentAt.get(m.strokeId);
      if (t !== undefined) res.screenMs.push(performance.now() - t);
    });
    const sketchOf = (pi: number) => `g_${groupOf[pi]}_free`;
    // The drawers' indices map to phones; rooms are their sketch ids here.
    const rooms = phones.map((_, i) => sketchOf(i));
    const r = await drawFor(
      phones,
      rooms,
      (p, _d, batchId, points, sketchId) => p.volatile.emit("stroke:progress", { sketchId, strokeId: batchId, colour: "#111827", width: 6, tool: "pen", packed: packPoints(points) }),
      async (p, _d, strokeId, points, sketchId) => {
        const ack = await p.timeout(30_000).emitWithAck("stroke:commit", { id: cid(), sketchId, stroke: { id: strokeId, colour: "#111827", width: 6, tool: "pen", points } });
        if (!ack.ok) throw new Error(`commit: ${ack.error.code}`);
      },
      srv.proc,
      sentAt,
    );
    Object.assign(res, r);
    phones.forEach((p) => p.disconnect());
    screen.disconnect();
    trainer.disconnect();
    return res;
  } finally {
    await srv.stop();
  }
}

async function runRelay(): Promise<Result> {
  const { url, proc } = await startRelay();
  try {
    const { console: console_, screen, phones, rooms } = await relayRoom(url, PARTICIPANTS, GROUPS);
    const sentAt = new Map<string, number>();
    const res: Result = { relayMs: [], screenMs: [], batches: 0, commits: 0, server: null };
    phones.forEach((p) => p.on("progress", (m: { id: string }) => {
      const t = sentAt.get(m.id);
      if (t !== undefined) res.relayMs.push(performance.now() - t);
    }));
    screen.on("progress", (m: { id: string }) => {
      const t = sentAt.get(m.id);
      if (t !== undefined) res.screenMs.push(performance.now() - t);
    });
    const r = await drawFor(
      phones,
      rooms,
      (p, _d, id, points, room) => p.volatile.emit("progress", { id, room, packed: packPoints(points) }),
      async (p, _d, id, points, room) => {
        await p.timeout(30_000).emitWithAck("commit", { id, room, points });
      },
      proc,
      sentAt,
    );
    Object.assign(res, r);
    phones.forEach((p) => p.disconnect());
    screen.disconnect();
    console_.disconnect();
    return res;
  } finally {
    proc.kill("SIGTERM");
  }
}

const TARGETS = { groupRelayP95RatioToRelay: 1.5, serverEventLoopLagP99Ms: 20 };

async function main() {
  const ortaq = await runOrtaq();
  const relay = await runRelay();
  const report = (r: Result) => ({
    progressBatchesSent: r.batches,
    strokesCommitted: r.commits,
    groupRelayMs: summary(r.relayMs),
    screenRelayMs: summary(r.screenMs),
    server: r.server,
  });
  const o = report(ortaq);
  const b = report(relay);
  const lag = (x: ReturnType<typeof report>) => (x.server?.eventLoopLagMs as { p99: number } | undefined)?.p99 ?? NaN;
  const ratios = { groupRelayP95: ratio(o.groupRelayMs.p95, b.groupRelayMs.p95), screenRelayP95: ratio(o.screenRelayMs.p95, b.screenRelayMs.p95), eventLoopLagP99: ratio(lag(o), lag(b)) };
  writeResult("sketch-relay", {
    participants: PARTICIPANTS,
    groups: GROUPS,
    drawers: DRAWERS,
    durationS: DURATION_S,
    batchEveryMs: BATCH_MS,
    targets: { ...TARGETS, source: "issue 14: 100 drawers at 30 Hz among 500 clients" },
    ratios,
    meetsTargets: ratios.groupRelayP95 <= TARGETS.groupRelayP95RatioToRelay && lag(o) <= TARGETS.serverEventLoopLagP99Ms,
    ortaq: o,
    bareRelay: b,
    note: "relay = volatile stroke:progress from a drawing phone to its group's other phones, the projector and the console, points packed (8 characters a point) in both; Ortaq checks each batch (one regular expression for the points) and that the drawer may draw on that sketch, and stores one committed stroke a second per drawer (group commit). Server in its own process; the 500 clients share the 2-core machine.",
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
