import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import path from "node:path";
import { Client } from "pg";
import { io, type Socket } from "socket.io-client";
import type { Ack } from "@/lib/protocol/result";
import { pickWriter } from "@/lib/server/live/cluster-link";
import { askJsonLine, firstJsonLine } from "../support/child-server";
import { freshSchema } from "../support/pg";
import { cid, sleep } from "../support/test-server";

/**
 * Two server processes on different ports share one PostgreSQL database:
 * the trainer is on instance A, phones on A and B. A writes the session's
 * log; B sends it its phones' commands. Notes from B reach A's console,
 * commands sent to both give one gap-free log, and when A is killed with
 * kill -9, B writes the log itself and A's phones carry on on B without
 * losing an acknowledged note.
 */
const ROOT = path.join(__dirname, "../..");

interface Instance {
  proc: ChildProcess;
  port: number;
  cookie: string;
  instanceId: string;
  exited: Promise<NodeJS.Signals | null>;
}

let schema: Awaited<ReturnType<typeof freshSchema>>;
const instances: Instance[] = [];
const sockets: Socket[] = [];

async function startInstance(adapter: "postgres" | "redis"): Promise<Instance> {
  const proc = spawn(process.execPath, ["--import", "tsx", "tests/support/instance-server.ts"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, DATABASE_URL: schema.url, DATABASE_SCHEMA: schema.schema, REDIS_URL: adapter === "redis" ? (process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379") : "" },
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => proc.once("exit", (_code, signal) => resolve(signal)));
  const ready = await firstJsonLine<{ port: number; cookie: string; instanceId: string }>(proc, "instance");
  const instance = { proc, exited, ...ready };
  instances.push(instance);
  return instance;
}

function connect(port: number, cookie?: string): Promise<Socket> {
  const socket = io(`http://127.0.0.1:${port}`, { transports: ["websocket"], forceNew: true, reconnection: false, extraHeaders: cookie ? { cookie } : {} });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", reject);
  });
}

const send = (s: Socket, event: string, payload: unknown, timeoutMs = 10_000) => s.timeout(timeoutMs).emitWithAck(event, payload) as Promise<Ack<Record<string, any>>>;

type HubCounters = { batches: number; seqConflicts: number; forwarded: number; forwardTimeouts: number };
/** What an instance's hubs did so far (tests/support/instance-server.ts prints it on SIGUSR2). */
const counters = (i: Instance) => askJsonLine<HubCounters>(i.proc, "SIGUSR2", "hubCounters");
/** The other instances one knows, i.e. could send a session's commands to. */
const peers = (i: Instance) => askJsonLine<string[]>(i.proc, "SIGUSR2", "peers");

async function waitFor(f: () => boolean, what: string, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!f()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** Every stored event a socket hears, by seq. */
function heard(s: Socket): Map<number, { type: string; payload: any }> {
  const seen = new Map<number, { type: string; payload: any }>();
  s.on("session:event", (e: { seq: number; type: string; payload: any }) => seen.set(e.seq, e));
  return seen;
}

async function readLog(sessionId: string): Promise<{ seq: number; type: string; payload: any; command_id: string | null }[]> {
  const client = new Client({ connectionString: schema.url, options: `-c search_path=${schema.schema}` });
  await client.connect();
  try {
    const r = await client.query("SELECT seq, type, payload, command_id FROM events WHERE session_id = $1 ORDER BY seq", [sessionId]);
    return r.rows.map((row) => ({ ...row, seq: Number(row.seq), payload: JSON.parse(row.payload) }));
  } finally {
    await client.end();
  }
}

beforeEach(async () => {
  schema = await freshSchema();
});
afterEach(async () => {
  sockets.splice(0).forEach((s) => s.disconnect());
  for (const i of instances) if (i.proc.exitCode === null && i.proc.signalCode === null) i.proc.kill("SIGKILL");
  await Promise.all(instances.splice(0).map((i) => i.exited));
  await schema.drop();
});

// The PostgreSQL adapter is the default (no other service); REDIS_URL switches to Redis Streams.
it.each(["postgres", "redis"] as const)("two instances (%s adapter), one log: notes from B reach A's console, the log has no gap, and A's phones survive its kill -9 on B", async (adapter) => {
  const a = await startInstance(adapter);
  const b = await startInstance(adapter);
  // Each knows the other within about a second, not at the next heartbeat (a starting instance asks
  // everyone to answer, more than once: its adapter may not listen yet when it first asks).
  const until = Date.now() + 2_000;
  while (!((await peers(a)).includes(b.instanceId) && (await peers(b)).includes(a.instanceId))) {
    if (Date.now() > until) throw new Error("the instances did not know each other 2 s after the second started");
    await sleep(50);
  }

  const trainer = await connect(a.port, a.cookie);
  // A session A writes (the writer is drawn by hashing the instances' ids with the session's): B sends
  // A its phones' commands, and when A dies, B must notice and write them itself.
  let created = await send(trainer, "session:create", { id: cid(), title: "Two instances", language: "ru" });
  while (created.ok && pickWriter(created.sessionId as string, [a.instanceId, b.instanceId]) !== a.instanceId) {
    created = await send(trainer, "session:create", { id: cid(), title: "Two instances", language: "ru" });
  }
  if (!created.ok) throw new Error(created.error.code);
  const sessionId = created.sessionId as string;
  const watched = await send(trainer, "session:watch", { id: cid(), sessionId, lastSeq: 0 });
  if (!watched.ok) throw new Error(watched.error.code);
  const seenOnA = heard(trainer);
  let arrivals = 0;
  trainer.on("session:event", () => arrivals++);
  let online = 0;
  trainer.on("presence:changed", (p: { count: number }) => (online = p.count));

  // Ten phones on each instance.
  const phones: { socket: Socket; on: "a" | "b"; token: string; participantId: string; lastSeq: number }[] = [];
  for (const [on, inst] of [["a", a], ["b", b]] as const) {
    for (let i = 0; i < 10; i++) {
      const socket = await connect(inst.port);
      const joined = await send(socket, "participant:join", { id: cid(), code: created.code, nickname: `${on}${i}`, consent: true });
      if (!joined.ok) throw new Error(`${on}${i}: ${joined.error.code}`);
      const phone = { socket, on, token: joined.token as string, participantId: joined.participantId as string, lastSeq: joined.seq as number };
      socket.on("session:event", (e: { seq: number }) => (phone.lastSeq = Math.max(phone.lastSeq, e.seq)));
      phones.push(phone);
    }
  }
  // The console on A sees B's phones online too.
  await waitFor(() => online === 20, "20 phones online on A's console");

  // A note from a phone on B reaches the console on A.
  const fromB = phones.find((p) => p.on === "b")!;
  const noteId = crypto.randomUUID();
  const added = await send(fromB.socket, "note:add", { id: cid(), noteId, text: "помощь рядом" });
  expect(added.ok).toBe(true);
  await waitFor(() => [...seenOnA.values()].some((e) => e.type === "note:added" && e.payload.note.id === noteId), "B's note on A's console");

  // Both instances at once: every phone sends notes as fast as it may.
  const [aBefore, bBefore] = [await counters(a), await counters(b)];
  const acked: string[] = [noteId];
  await Promise.all(
    phones.map(async (p, i) => {
      for (let n = 0; n < 5; n++) {
        const id = crypto.randomUUID();
        const ack = await send(p.socket, "note:add", { id: cid(), noteId: id, text: `idea ${i}-${n}` });
        if (ack.ok) acked.push(id);
        else expect(ack.error.code).toBe("RATE_LIMITED");
      }
    }),
  );
  expect(acked.length).toBeGreaterThan(100);
  // A wrote them all: B sent its phones' notes to A, and no seq was contested.
  const [aAfter, bAfter] = [await counters(a), await counters(b)];
  expect(bAfter.forwarded - bBefore.forwarded).toBeGreaterThan(0);
  expect(bAfter.batches - bBefore.batches).toBe(0);
  expect(aAfter.forwarded - aBefore.forwarded).toBe(0);
  expect(aAfter.seqConflicts - aBefore.seqConflicts + bAfter.seqConflicts - bBefore.seqConflicts).toBe(0);
  let log = await readLog(sessionId);
  expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
  const stored = log.filter((e) => e.type === "note:added").map((e) => e.payload.note.id as string);
  expect(new Set(stored).size).toBe(stored.length);
  expect(stored.sort()).toEqual([...acked].sort());
  // The console on A heard every event, from both instances, once each.
  await waitFor(() => seenOnA.size >= log.length - watched.seq, "console caught up");
  expect(arrivals).toBe(seenOnA.size);

  // A dies under load: its phones keep sending until the socket drops.
  const ackedDuringKill: string[] = [];
  const onA = phones.filter((p) => p.on === "a");
  let stop = false;
  const loops = onA.map(async (p, i) => {
    let n = 0;
    while (!stop && p.socket.connected) {
      const id = crypto.randomUUID();
      try {
        const ack = await send(p.socket, "note:add", { id: cid(), noteId: id, text: `last ${i}-${n++}` }, 2_000);
        if (ack.ok) ackedDuringKill.push(id);
      } catch {
        // In flight when A died: never promised.
      }
      await sleep(50);
    }
  });
  await sleep(300);
  a.proc.kill("SIGKILL");
  expect(await a.exited).toBe("SIGKILL");
  stop = true;
  await Promise.all(loops);
  expect(ackedDuringKill.length).toBeGreaterThan(0);

  // The balancer sends them to B: each resumes with its pass and its last seq, and gets what it missed.
  for (const p of onA) {
    const socket = await connect(b.port);
    const resumed = await send(socket, "participant:resume", { id: cid(), token: p.token, lastSeq: p.lastSeq });
    expect(resumed.ok).toBe(true);
    p.socket = socket;
  }
  // B's first batch for the session goes to A and is not answered: B writes it itself, and then
  // writes the session's log from now on (no second wait).
  const again = await send(onA[0].socket, "note:add", { id: cid(), noteId: crypto.randomUUID(), text: "still here" });
  expect(again.ok).toBe(true);
  const t0 = Date.now();
  const next = await send(onA[1].socket, "note:add", { id: cid(), noteId: crypto.randomUUID(), text: "and here" });
  expect(next.ok).toBe(true);
  expect(Date.now() - t0).toBeLessThan(1_000);
  const bLater = await counters(b);
  expect(bLater.forwardTimeouts - bAfter.forwardTimeouts).toBeGreaterThanOrEqual(1);
  expect(bLater.forwardTimeouts - bAfter.forwardTimeouts).toBeLessThanOrEqual(2);
  expect(bLater.batches - bAfter.batches).toBeGreaterThan(0);

  // The trainer's console comes back on B too, from its last seq.
  const trainerOnB = await connect(b.port, a.cookie);
  const rewatched = await send(trainerOnB, "session:watch", { id: cid(), sessionId, lastSeq: 0 });
  if (!rewatched.ok) throw new Error(rewatched.error.code);

  log = await readLog(sessionId);
  const all = new Set(log.filter((e) => e.type === "note:added").map((e) => e.payload.note.id as string));
  const lost = [...acked, ...ackedDuringKill].filter((id) => !all.has(id));
  expect(lost).toEqual([]);
  expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
  const snapshotNotes = rewatched.sync.kind === "snapshot" ? Object.keys(rewatched.sync.state.notes) : [];
  expect(snapshotNotes.length).toBe(all.size);
}, 120_000);
