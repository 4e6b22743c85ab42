import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import path from "node:path";
import Database from "better-sqlite3";
import { io, type Socket } from "socket.io-client";
import type { Ack } from "@/lib/protocol/result";
import { firstJsonLine } from "../support/child-server";
import { cid, sleep } from "../support/test-server";

/**
 * One SIGTERM (or SIGINT) stops a busy server within 5 s: every socket hears
 * "server:restarting", loses its transport (so a real client reconnects by
 * itself), and every note the server acknowledged is in the database after.
 * The server runs as a child process (tests/support/shutdown-server.ts) under
 * a few hundred phones sending notes.
 */
const ROOT = path.join(__dirname, "../..");
const PHONES = 300;

interface Child {
  proc: ChildProcess;
  port: number;
  dbPath: string;
  cookie: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  /** What the child printed (with SHUTDOWN_LOG=1, its steps while stopping). */
  output: () => string;
}

async function startChild(): Promise<Child> {
  // `node --import tsx`, as `npm start` runs server.ts: the signal goes to the server itself. (The tsx
  // command-line wrapper relays signals to its child and SIGKILLs it when the child does not confirm
  // within 30 ms, which a busy server cannot promise.)
  const proc = spawn(process.execPath, ["--import", "tsx", "tests/support/shutdown-server.ts"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    proc.once("exit", (code, signal) => resolve({ code, signal, at: performance.now() })),
  );
  let all = "";
  proc.stderr!.on("data", (d) => (all += d));
  proc.stdout!.on("data", (d) => (all += d));
  const ready = await firstJsonLine<{ port: number; dbPath: string; cookie: string }>(proc);
  return { proc, exited, output: () => all, ...ready };
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
afterEach(async () => {
  sockets.splice(0).forEach((s) => s.disconnect());
  if (child && child.proc.exitCode === null && child.proc.signalCode === null) child.proc.kill("SIGKILL");
  child = null;
});

describe("graceful shutdown", () => {
  it(`stops within 5 s under ${PHONES} phones sending notes, and keeps every acknowledged note`, async () => {
    child = await startChild();
    const c = child;
    const trainer = await connect(c.port, c.cookie);
    sockets.push(trainer);
    const created = await send(trainer, "session:create", { id: cid(), title: "Busy room", language: "en" });
    if (!created.ok) throw new Error(created.error.code);
    const sessionId = created.sessionId as string;
    await send(trainer, "session:watch", { id: cid(), sessionId, lastSeq: 0 });

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

    const told = new Set<Socket>();
    const reasons: string[] = [];
    for (const s of [trainer, ...phones]) {
      s.on("server:restarting", () => told.add(s));
      s.on("disconnect", (reason) => reasons.push(reason));
    }

    // Every phone sends notes until its connection goes.
    const acked: string[] = [];
    let sent = 0;
    const refused: Record<string, number> = {};
    const loops = phones.map(async (s) => {
      while (s.connected) {
        const noteId = crypto.randomUUID();
        sent++;
        try {
          const ack = await send(s, "note:add", { id: cid(), noteId, text: `idea ${noteId.slice(0, 6)}` }, 6_000);
          if (ack.ok) acked.push(noteId);
          else refused[ack.error.code] = (refused[ack.error.code] ?? 0) + 1;
        } catch {
          // No ack (the server stopped taking commands, or the link closed): not acknowledged, so not promised.
        }
        await sleep(100 + Math.random() * 200);
      }
    });
    await sleep(3_000);
    const ackedBefore = acked.length;

    const signalAt = performance.now();
    c.proc.kill("SIGTERM");
    const exit = await c.exited;
    const tookMs = exit.at - signalAt;
    let giveUp: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(loops), new Promise((r) => (giveUp = setTimeout(r, 8_000)))]);
    clearTimeout(giveUp);

    const db = new Database(c.dbPath, { readonly: true });
    const stored = new Set(
      (db.prepare("SELECT payload FROM events WHERE session_id = ? AND type = 'note:added'").all(sessionId) as { payload: string }[]).map(
        (r) => (JSON.parse(r.payload) as { note: { id: string } }).note.id,
      ),
    );
    db.close();
    const missing = acked.filter((id) => !stored.has(id));

    console.log(
      `shutdown under load: ${PHONES} phones, ${sent} notes sent, ${acked.length} acknowledged (${ackedBefore} before the signal), refused ${JSON.stringify(refused)}; ` +
        `exit ${exit.code} after ${tookMs.toFixed(0)} ms; ${told.size}/${PHONES + 1} sockets told "server:restarting"; ${stored.size} notes stored, ${missing.length} acknowledged but missing`,
    );
    if (process.env.SHUTDOWN_LOG) console.log(c.output());
    expect(exit.code).toBe(0);
    expect(tookMs).toBeLessThan(5_000);
    // Under load when the signal came: every phone had notes going, some already answered.
    expect(sent).toBeGreaterThan(PHONES);
    expect(ackedBefore).toBeGreaterThan(20);
    expect(missing).toEqual([]);
    expect(told.size).toBe(PHONES + 1);
    // The transport closed under them (a real client reconnects), not a socket.io "disconnect" (which it would not).
    expect(reasons.length).toBe(PHONES + 1);
    expect(reasons.filter((r) => r === "io server disconnect")).toEqual([]);
  }, 120_000);

  it("a second signal exits at once", async () => {
    child = await startChild();
    const s = await connect(child.port, child.cookie);
    sockets.push(s);
    child.proc.kill("SIGINT");
    child.proc.kill("SIGTERM");
    const exit = await child.exited;
    expect(exit.code).toBe(130);
  }, 60_000);

  it("SIGINT stops it too, and a client in the middle of nothing hears the notice", async () => {
    child = await startChild();
    const s = await connect(child.port, child.cookie);
    sockets.push(s);
    const told = new Promise<void>((r) => s.once("server:restarting", () => r()));
    const at = performance.now();
    child.proc.kill("SIGINT");
    await told;
    const exit = await child.exited;
    expect(exit.code).toBe(0);
    expect(exit.at - at).toBeLessThan(5_000);
  }, 60_000);
});
