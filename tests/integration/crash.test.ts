import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import path from "node:path";
import Database from "better-sqlite3";
import { io, type Socket } from "socket.io-client";
import type { Ack } from "@/lib/protocol/result";
import { firstJsonLine } from "../support/child-server";
import { cid, sleep } from "../support/test-server";

/**
 * kill -9 under load loses nothing acknowledged. The real server (group
 * commit: commands of the same turn share one transaction, synchronous=FULL)
 * runs as a child process (tests/support/shutdown-server.ts); a few hundred
 * phones send notes and votes as fast as their limits allow; the process is
 * killed with SIGKILL, no chance to flush anything; then every note and vote
 * a phone got `ok` for must be in the database file.
 */
const ROOT = path.join(__dirname, "../..");
const PHONES = 200;

interface Child {
  proc: ChildProcess;
  port: number;
  dbPath: string;
  cookie: string;
  exited: Promise<NodeJS.Signals | null>;
}

async function startChild(): Promise<Child> {
  const proc = spawn(process.execPath, ["--import", "tsx", "tests/support/shutdown-server.ts"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => proc.once("exit", (_code, signal) => resolve(signal)));
  const ready = await firstJsonLine<{ port: number; dbPath: string; cookie: string }>(proc);
  return { proc, exited, ...ready };
}

function connect(port: number, cookie?: string): Promise<Socket> {
  const socket = io(`http://127.0.0.1:${port}`, { transports: ["websocket"], forceNew: true, reconnection: false, extraHeaders: cookie ? { cookie } : {} });
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", reject);
  });
}

const send = (s: Socket, event: string, payload: unknown, timeoutMs = 10_000) => s.timeout(timeoutMs).emitWithAck(event, payload) as Promise<Ack<Record<string, any>>>;

let child: Child | null = null;
const sockets: Socket[] = [];
afterEach(() => {
  sockets.splice(0).forEach((s) => s.disconnect());
  if (child && child.proc.exitCode === null && child.proc.signalCode === null) child.proc.kill("SIGKILL");
  child = null;
});

it(`kill -9 under ${PHONES} phones sending notes and votes loses nothing acknowledged`, async () => {
  child = await startChild();
  const c = child;
  const trainer = await connect(c.port, c.cookie);
  sockets.push(trainer);
  const created = await send(trainer, "session:create", { id: cid(), title: "Crash", language: "en" });
  if (!created.ok) throw new Error(created.error.code);
  const sessionId = created.sessionId as string;

  const phones: Socket[] = [];
  for (let i = 0; i < PHONES; i += 50) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(50, PHONES - i) }, async (_, j) => {
        const s = await connect(c.port);
        sockets.push(s);
        const ack = await send(s, "participant:join", { id: cid(), code: created.code, nickname: `P${i + j}`, consent: true });
        if (!ack.ok) throw new Error(ack.error.code);
        return s;
      }),
    );
    phones.push(...batch);
  }

  const ackedNotes: string[] = [];
  const ackedVotes: { noteId: string; seq: number }[] = [];
  let stop = false;
  const loops = phones.map(async (s, i) => {
    let n = 0;
    while (!stop && s.connected) {
      const noteId = crypto.randomUUID();
      try {
        const ack = await send(s, "note:add", { id: cid(), noteId, text: `idea ${i}-${n++}` }, 3_000);
        if (ack.ok) ackedNotes.push(noteId);
        // A vote for a note of its own: a second kind of command in the same batches.
        const vote = ack.ok ? await send(s, "note:vote", { id: cid(), noteId, on: true }, 3_000) : null;
        if (vote?.ok) ackedVotes.push({ noteId, seq: vote.seq as number });
      } catch {
        // No answer: the server died with it in flight, so it was never promised.
      }
      await sleep(20 + Math.random() * 40);
    }
  });
  await sleep(2_500);
  const ackedBefore = ackedNotes.length;
  c.proc.kill("SIGKILL");
  expect(await c.exited).toBe("SIGKILL");
  stop = true;
  await Promise.all(loops);

  const db = new Database(c.dbPath, { readonly: true });
  const rows = db.prepare("SELECT seq, type, payload FROM events WHERE session_id = ? ORDER BY seq").all(sessionId) as { seq: number; type: string; payload: string }[];
  db.close();
  const notes = new Set(rows.filter((r) => r.type === "note:added").map((r) => (JSON.parse(r.payload) as { note: { id: string } }).note.id));
  const votes = new Map(rows.filter((r) => r.type === "note:voted").map((r) => [r.seq, (JSON.parse(r.payload) as { noteId: string }).noteId]));
  const lostNotes = ackedNotes.filter((id) => !notes.has(id));
  const lostVotes = ackedVotes.filter((v) => votes.get(v.seq) !== v.noteId);

  console.log(`kill -9 under load: ${PHONES} phones, ${ackedNotes.length} notes and ${ackedVotes.length} votes acknowledged (${ackedBefore} notes before the kill); stored ${notes.size} notes, ${votes.size} votes; lost ${lostNotes.length + lostVotes.length}`);
  expect(ackedBefore).toBeGreaterThan(20);
  expect(lostNotes).toEqual([]);
  expect(lostVotes).toEqual([]);
  // The log has no gap: seqs run 1..n.
  expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
}, 120_000);
