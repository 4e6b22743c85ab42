// Issue 17: scale-out on PostgreSQL. 1,000 phones across two instances (500 on
// each, joined alternately, so every group spans both) in 100 groups post a
// note every 10 s, while the trainer's console on instance A watches every
// note; beside it, 500 phones in 50 groups on one instance on the same
// PostgreSQL, and the bare socket.io relay with 500 phones, in the same run.
// Prints p99 note fan-out (send to receipt on the group's other phones and on
// the console), each instance's CPU and event-loop lag, and the adapter used.
import crypto from "node:crypto";
import { Client } from "pg";
import type { Socket } from "socket.io-client";
import { AUTH_COOKIE, sealAuth } from "../lib/server/accounts/tokens";
import { cid, connect, ratio, relayRoom, send, serverStats, startRelay, startServerProcess, summary, writeResult, type BenchServer } from "./harness";

const URL_ = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const PER_INSTANCE = Number(process.env.PER_INSTANCE ?? 500);
const PER_GROUP = 10;
const EVERY_S = Number(process.env.EVERY_S ?? 10);
const DURATION_S = Number(process.env.DURATION_S ?? 40);
/** Redis Streams instead of the PostgreSQL adapter: ADAPTER=redis. */
const ADAPTER = process.env.ADAPTER === "redis" ? "redis" : "postgres";
/** Two instances' p99 fan-out at most this many times one instance's (same store, half the phones). */
const TARGET_RATIO_TO_ONE = 2;
/** And each instance's CPU at most this many times the single instance's. */
const TARGET_CPU_RATIO = 1.5;


async function pg<T>(schema: string | null, f: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: URL_, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
  await c.connect();
  try {
    return await f(c);
  } finally {
    await c.end();
  }
}

/** One instance on PostgreSQL (bench/instance-server.ts) in the given schema, with this run's adapter. */
function startInstance(schema: string): Promise<BenchServer> {
  return startServerProcess("instance-server.ts", { ...process.env, DATABASE_URL: URL_, DATABASE_SCHEMA: schema, REDIS_URL: ADAPTER === "redis" ? (process.env.REDIS_URL ?? "redis://127.0.0.1:6379") : "" });
}

interface Run {
  peerMs: number[];
  consoleMs: number[];
  sent: number;
  refused: number;
  servers: (Record<string, unknown> | null)[];
}

/** `perInstance` phones on each of the instances (phone i on instance i mod n), in groups of ten; the console on the first. */
async function runOrtaq(instanceCount: number, perInstance = PER_INSTANCE): Promise<Run> {
  const schema = `bench_${crypto.randomBytes(4).toString("hex")}`;
  await pg(null, (c) => c.query(`CREATE SCHEMA ${schema}`));
  const instances: BenchServer[] = [];
  try {
    // One after the other: the first runs the migrations.
    for (let i = 0; i < instanceCount; i++) instances.push(await startInstance(schema));
    const trainerId = crypto.randomUUID();
    await pg(schema, (c) => c.query("INSERT INTO users (id, email, name, role, password_hash, created_at) VALUES ($1, $2, 'Bench', 'trainer', 'x', $3)", [trainerId, `${trainerId}@bench`, Date.now()]));
    const cookie = `${AUTH_COOKIE}=${encodeURIComponent(await sealAuth(trainerId, instances[0].secret))}`;
    const trainer = await connect(instances[0].url, cookie);
    const created = await send(trainer, "session:create", { title: "Scale-out bench", language: "en" });
    const sessionId = created.sessionId as string;
    await send(trainer, "session:watch", { sessionId, lastSeq: 0 });

    const n = perInstance * instanceCount;
    const phones: Socket[] = [];
    for (let i = 0; i < n; i += 50) {
      phones.push(
        ...(await Promise.all(
          Array.from({ length: Math.min(50, n - i) }, async (_, k) => {
            const socket = await connect(instances[(i + k) % instanceCount].url);
            await send(socket, "participant:join", { code: created.code, nickname: `P${i + k}`, consent: true });
            return socket;
          }),
        )),
      );
    }
    await send(trainer, "groups:form", { sessionId, by: "count", n: n / PER_GROUP });
    // Let every instance hear of the groups before the notes start.
    await new Promise((r) => setTimeout(r, 1000));

    const run: Run = { peerMs: [], consoleMs: [], sent: 0, refused: 0, servers: [] };
    const sentAt = new Map<string, { at: number; author: number }>();
    const receipt = (list: number[], who?: number) => (e: { type: string; payload: { note?: { id: string } } }) => {
      const s = e.type === "note:added" && e.payload.note ? sentAt.get(e.payload.note.id) : undefined;
      if (s && s.author !== who) list.push(performance.now() - s.at);
    };
    trainer.on("session:event", receipt(run.consoleMs));
    phones.forEach((p, i) => p.on("session:event", receipt(run.peerMs, i)));

    const rounds = Math.floor(DURATION_S / EVERY_S);
    await Promise.all(instances.map((i) => serverStats(i.proc, "reset")));
    await Promise.all(
      phones.map(async (p, i) => {
        await new Promise((r) => setTimeout(r, Math.random() * EVERY_S * 1000));
        for (let k = 0; k < rounds; k++) {
          const started = performance.now();
          const noteId = `n${i}x${k}x${cid().slice(-8)}`;
          sentAt.set(noteId, { at: started, author: i });
          const ack = await p.timeout(30_000).emitWithAck("note:add", { id: cid(), noteId, text: `Idea ${k} from phone ${i}: look out for each other` });
          if (ack.ok) run.sent++;
          else run.refused++;
          await new Promise((r) => setTimeout(r, Math.max(0, EVERY_S * 1000 - (performance.now() - started))));
        }
      }),
    );
    for (const i of instances) run.servers.push(await serverStats(i.proc, "stats"));
    await new Promise((r) => setTimeout(r, 1500));
    phones.forEach((p) => p.disconnect());
    trainer.disconnect();
    return run;
  } finally {
    await Promise.all(instances.map((i) => i.stop()));
    await pg(null, (c) => c.query(`DROP SCHEMA ${schema} CASCADE`));
  }
}

async function runRelay(): Promise<Run> {
  const { url, proc } = await startRelay();
  try {
    const { console: console_, phones } = await relayRoom(url, PER_INSTANCE, PER_INSTANCE / PER_GROUP);
    const run: Run = { peerMs: [], consoleMs: [], sent: 0, refused: 0, servers: [] };
    const sentAt = new Map<string, { at: number; author: number }>();
    const receipt = (list: number[], who?: number) => (m: { noteId: string }) => {
      const s = sentAt.get(m.noteId);
      if (s && s.author !== who) list.push(performance.now() - s.at);
    };
    console_.on("note", receipt(run.consoleMs));
    phones.forEach((p, i) => p.on("note", receipt(run.peerMs, i)));
    const rounds = Math.floor(DURATION_S / EVERY_S);
    await serverStats(proc, "reset");
    await Promise.all(
      phones.map(async (p, i) => {
        await new Promise((r) => setTimeout(r, Math.random() * EVERY_S * 1000));
        for (let k = 0; k < rounds; k++) {
          const started = performance.now();
          const noteId = `n${i}x${k}`;
          sentAt.set(noteId, { at: started, author: i });
          const ack = await p.timeout(30_000).emitWithAck("note", { noteId, room: `g${i % (PER_INSTANCE / PER_GROUP)}`, text: `Idea ${k} from phone ${i}: look out for each other` });
          if (ack.ok) run.sent++;
          await new Promise((r) => setTimeout(r, Math.max(0, EVERY_S * 1000 - (performance.now() - started))));
        }
      }),
    );
    run.servers.push(await serverStats(proc, "stats"));
    await new Promise((r) => setTimeout(r, 1500));
    phones.forEach((p) => p.disconnect());
    console_.disconnect();
    return run;
  } finally {
    proc.kill("SIGTERM");
  }
}

const report = (r: Run) => ({ notesSent: r.sent, notesRefused: r.refused, peerMs: summary(r.peerMs), consoleMs: summary(r.consoleMs), servers: r.servers });
const cpu = (s: Record<string, unknown> | null) => Number(s?.cpuPercentOfOneCore ?? NaN);

async function main() {
  const relay = report(await runRelay());
  const one = report(await runOrtaq(1));
  const two = report(await runOrtaq(2));
  // The same 1,000 phones on one instance: what splitting them costs, at the same client load on this machine.
  const oneWithAll = report(await runOrtaq(1, PER_INSTANCE * 2));
  const ratios = {
    peerP99TwoToOne: ratio(two.peerMs.p99, one.peerMs.p99),
    consoleP99TwoToOne: ratio(two.consoleMs.p99, one.consoleMs.p99),
    cpuPerInstanceTwoToOne: ratio(Math.max(...two.servers.map(cpu)), cpu(one.servers[0])),
    peerP99OneToRelay: ratio(one.peerMs.p99, relay.peerMs.p99),
    peerP99TwoToRelay: ratio(two.peerMs.p99, relay.peerMs.p99),
    peerP99TwoToOneWithAllPhones: ratio(two.peerMs.p99, oneWithAll.peerMs.p99),
  };
  const meetsTargets =
    one.notesRefused === 0 &&
    two.notesRefused === 0 &&
    ratios.peerP99TwoToOne <= TARGET_RATIO_TO_ONE &&
    ratios.consoleP99TwoToOne <= TARGET_RATIO_TO_ONE &&
    ratios.cpuPerInstanceTwoToOne <= TARGET_CPU_RATIO;
  writeResult(`instances-${ADAPTER}`, {
    source: "issue 17: 1,000 phones across 2 instances (500 each) in 100 groups, beside 500 phones on one instance; p99 note fan-out and per-instance CPU",
    adapter: ADAPTER,
    everyS: EVERY_S,
    durationS: DURATION_S,
    perInstance: PER_INSTANCE,
    targets: {
      notesRefused: 0,
      p99FanOutTwoInstancesToOne: TARGET_RATIO_TO_ONE,
      cpuPerInstanceTwoToOne: TARGET_CPU_RATIO,
    },
    ratios,
    meetsTargets,
    twoInstances: { phones: PER_INSTANCE * 2, groups: (PER_INSTANCE * 2) / PER_GROUP, ...two },
    oneInstance: { phones: PER_INSTANCE, groups: PER_INSTANCE / PER_GROUP, ...one },
    oneInstanceAllPhones: { phones: PER_INSTANCE * 2, groups: (PER_INSTANCE * 2) / PER_GROUP, ...oneWithAll },
    bareRelay: { phones: PER_INSTANCE, groups: PER_INSTANCE / PER_GROUP, ...relay },
    note: "send-to-receipt in ms, measured in the bench process. Every instance stores nothing twice: the writer appends to PostgreSQL (one transaction per group commit, NOTIFY on commit); each other instance holding the session reads the new events and sends them to its own sockets. Everything (2 instances, PostgreSQL and 1,000 clients) shares this machine's 2 cores.",
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
