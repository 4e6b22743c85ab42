// A live room's note acks while 200 wrong passwords are checked at once, beside the same room with no spray,
// in one run. Passwords are hashed with scrypt on libuv's thread pool, so the room should barely notice.
import { spawn } from "node:child_process";
import path from "node:path";
import { benchTrainer, cid, connect, joinPhones, send, summary, writeResult, type BenchServer } from "./harness";

const PHONES = Number(process.env.PHONES ?? 60);
const SPRAY = Number(process.env.SPRAY ?? 200);
const WINDOW_MS = Number(process.env.WINDOW_MS ?? 20_000);

async function startSprayServer() {
  const proc = spawn(process.execPath, ["--import", "tsx", path.join(__dirname, "spray-server.ts")], { stdio: ["pipe", "pipe", "inherit"] });
  let buf = "";
  const waitFor = (re: RegExp) =>
    new Promise<string>((resolve) => {
      const check = () => {
        const m = buf.match(re);
        if (m) {
          buf = buf.slice((m.index ?? 0) + m[0].length);
          resolve(m[0]);
          return true;
        }
        return false;
      };
      if (check()) return;
      const on = (d: Buffer) => {
        buf += String(d);
        if (check()) proc.stdout!.off("data", on);
      };
      proc.stdout!.on("data", on);
    });
  const [, port, secret, dbPath] = (await waitFor(/READY .*\n/)).trim().split(" ");
  const server: BenchServer = { url: `http://127.0.0.1:${port}`, proc, secret, dbPath, stop: () => new Promise((r) => (proc.once("exit", () => r()), proc.kill("SIGTERM"))) };
  const command = (line: string, reply: RegExp) => {
    const answer = waitFor(reply);
    proc.stdin!.write(`${line}\n`);
    return answer;
  };
  return { server, command };
}

/**
 * Each phone posts a note every 5 s (inside the notes limit), staggered; returns ack latencies (ms) over at
 * least `ms`, and for as long as `during` runs.
 */
async function measure(phones: { socket: import("socket.io-client").Socket }[], ms: number, during?: () => Promise<unknown>): Promise<number[]> {
  const acks: number[] = [];
  const end = Date.now() + ms;
  let busy = !!during;
  const work = during?.().finally(() => (busy = false));
  const loops = phones.map(async (p, i) => {
    await new Promise((r) => setTimeout(r, (i * 5000) / phones.length));
    while (Date.now() < end || busy) {
      const t0 = performance.now();
      const ack = await p.socket.timeout(30_000).emitWithAck("note:add", { id: cid(), noteId: cid(), text: `note ${i}`, anonymous: false });
      if (ack.ok) acks.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 5000));
    }
  });
  await Promise.all([...loops, work]);
  return acks;
}

async function main() {
  const { server, command } = await startSprayServer();
  try {
    const cookie = await benchTrainer(server);
    const trainer = await connect(server.url, cookie);
    const created = await send(trainer, "session:create", { title: "Spray", language: "en" });
    await send(trainer, "session:watch", { sessionId: created.sessionId, lastSeq: 0 });
    const phones = await joinPhones(server.url, created.code, PHONES);
    await command(`setup ${SPRAY}`, /SETUP done\n/);

    const quiet = await measure(phones, WINDOW_MS);
    let spray: { ms: number; codes: Record<string, number> } | null = null;
    const during = await measure(phones, WINDOW_MS, async () => {
      await new Promise((r) => setTimeout(r, 1000));
      spray = JSON.parse((await command(`spray ${SPRAY}`, /SPRAY .*\n/)).trim().slice(6));
    });
    const q = summary(quiet);
    const d = summary(during);
    const ratioP99 = Math.round((d.p99 / q.p99) * 100) / 100;
    writeResult("password-spray", {
      load: { phones: PHONES, notesPerPhoneEverySeconds: 5, sprayedPasswords: SPRAY, windowMs: WINDOW_MS, spray: "each guess for its own account from its own address, all at once, so every one reaches the password hash" },
      baseline: "the same room and phones in the same run, with no spray",
      noteAckMs: { noSpray: q, duringSpray: d },
      spray,
      targets: { p99DuringSprayMaxRatioToNoSpray: 1.5 },
      ratios: { p99: ratioP99 },
      meetsTargets: ratioP99 <= 1.5,
    });
    trainer.disconnect();
    phones.forEach((p) => p.socket.disconnect());
  } finally {
    await server.stop();
  }
}

void main().then(() => process.exit(0));
