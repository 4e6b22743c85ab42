// Join flood: a trainer watching, 30 legitimate phones joining (right code,
// distinct nicknames) interleaved with 1,000 bot joins from fresh sockets
// within 60 s, everything from 127.0.0.1 (one address, like a class behind one
// Wi-Fi). After ~500 bots the trainer locks joining. Meanwhile a live phone
// posts a note every 2 s and times its ack: first with no flood, then through
// the flood. The same ack is timed on the bare socket.io relay
// (relay-server.ts) with and without a flood of 1,000 fresh connections.
//
// Reports: legitimate joins that succeeded (all must), bots admitted after the
// lock (none may be: checked against the acks and against the stored log),
// bytes the trainer's socket receives per join, and the note-ack figures.
import { spawn } from "node:child_process";
import os from "node:os";
import readline from "node:readline";
import Database from "better-sqlite3";
import type { Socket } from "socket.io-client";
import { benchTrainer, cid, connect, send, serverStats, startBenchServer, startRelay, summary, writeResult } from "./harness";

const LEGIT = Number(process.env.LEGIT ?? 30);
const BOTS = Number(process.env.BOTS ?? 1000);
const FLOOD_S = Number(process.env.FLOOD_S ?? 60);
const LOCK_AFTER_BOTS = Number(process.env.LOCK_AFTER_BOTS ?? 500);
const QUIET_S = Number(process.env.QUIET_S ?? 60);
const NOTE_EVERY_MS = Number(process.env.NOTE_EVERY_MS ?? 2000);
/**
 * A participant may post a burst of 6 notes, then one every 4 s (the note
 * budget in socket-server.ts). To post every 2 s for minutes without being
 * refused, "the live phone" is two participants taking turns.
 */
const NOTE_BUDGET_MS = 4000;
const LIVE_PHONES = Math.max(1, Math.ceil(NOTE_BUDGET_MS / NOTE_EVERY_MS));

/** Targets, fixed before measuring. */
const TARGETS = {
  legitimateJoins: `${LEGIT}/${LEGIT}`,
  botsAfterLock: 0,
  /**
   * What a join must cost the trainer at least: its participant:joined (about
   * 200 bytes with two UUIDs) and its id in a coalesced presence message
   * (about 40). 400 leaves room for the attendance peaks; one full presence
   * list per join, as before the coalescing, cost ~20 KB a join at 1,000.
   */
  trainerBytesPerJoinMax: 400,
  /** The flood may at most triple the live phone's p99 note ack (measured in the same run, before the flood)... */
  p99AckFloodFactorMax: 3,
  /**
   * ...and never past this, whatever the no-flood p99: on a shared 2-core
   * machine one stall in the quiet phase can make that p99 hundreds of ms,
   * and three times it would be no target at all.
   */
  p99AckFloodCeilingMs: 100,
};

const NAMES = [
  "Aigerim", "Aida", "Bolat", "Dana", "Erlan", "Farida", "Galym", "Gulnara", "Daniyar", "Zarina",
  "Madina", "Nurlan", "Asel", "Timur", "Kamila", "Arman", "Saule", "Yerlan", "Aruzhan", "Marat",
  "Dinara", "Sanzhar", "Aliya", "Bekzat", "Togzhan", "Ilyas", "Zhanna", "Rustam", "Malika", "Askar",
];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (x: number) => Math.round(x * 100) / 100;

type Phase = "setup" | "quiet" | "flood" | "after";

/** Every message frame the trainer's socket receives, by kind (socket.io event or session:event type). */
function countFrames(socket: Socket) {
  const byKind: Record<string, { frames: number; bytes: number }> = {};
  const presenceAt: number[] = [];
  let counting = false;
  socket.io.engine.on("packet", (p: { type: string; data?: unknown }) => {
    if (!counting || p.type !== "message" || typeof p.data !== "string") return;
    // On the wire: engine.io's "4" (message) and the socket.io packet ("2[...]" an event, "3<id>[...]" an ack).
    const bytes = Buffer.byteLength(p.data) + 1;
    let kind = "other";
    if (p.data.startsWith("3")) kind = "ack (own commands)";
    else if (p.data.startsWith("2")) {
      try {
        const [name, payload] = JSON.parse(p.data.slice(p.data.indexOf("["))) as [string, { type?: string }];
        kind = name === "session:event" ? `session:event ${payload.type}` : name;
      } catch {
        kind = "unparsed";
      }
    }
    if (kind === "presence:changed") presenceAt.push(performance.now());
    const k = (byKind[kind] ??= { frames: 0, bytes: 0 });
    k.frames++;
    k.bytes += bytes;
  });
  return {
    start: () => (counting = true),
    stop: () => (counting = false),
    byKind,
    presenceAt,
  };
}

/** Posts a note every NOTE_EVERY_MS from the live phones in turn, timing each ack; tags each sample with the phase it was sent in. */
function noteLoop(phones: Socket[], phase: () => Phase, post: (phone: Socket, n: number) => Promise<boolean>) {
  const samples: { phase: Phase; ms: number; ok: boolean }[] = [];
  const inFlight = new Set<Promise<void>>();
  let stopped = false;
  const loop = (async () => {
    const t0 = performance.now();
    for (let n = 0; !stopped; n++) {
      const p = phase();
      const phone = phones[n % phones.length];
      const started = performance.now();
      const done = post(phone, n).then(
        (ok) => void samples.push({ phase: p, ms: performance.now() - started, ok }),
        () => void samples.push({ phase: p, ms: performance.now() - started, ok: false }),
      );
      inFlight.add(done);
      void done.then(() => inFlight.delete(done));
      await sleep(Math.max(0, t0 + (n + 1) * NOTE_EVERY_MS - performance.now()));
    }
  })();
  return {
    samples,
    async stop() {
      stopped = true;
      await loop;
      await Promise.all(inFlight);
    },
  };
}

type Sample = { phase: Phase; ms: number; ok: boolean };

/**
 * The live phone runs in a process of its own (this file, JOIN_FLOOD_ROLE=live),
 * so its acks are timed by an idle event loop, not one busy with the bots' sockets.
 * Told the phase on stdin; answers its samples on "stop".
 */
async function startLive(target: "ortaq" | "relay", url: string, code = "") {
  const proc = spawn(process.execPath, ["--import", "tsx", __filename], {
    env: { ...process.env, JOIN_FLOOD_ROLE: "live", LIVE_TARGET: target, LIVE_URL: url, LIVE_CODE: code },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = readline.createInterface({ input: proc.stdout! });
  const next = (prefix: string) =>
    new Promise<string>((resolve, reject) => {
      const onLine = (line: string) => {
        if (!line.startsWith(prefix)) return;
        lines.off("line", onLine);
        resolve(line.slice(prefix.length).trim());
      };
      lines.on("line", onLine);
      proc.once("exit", (c) => reject(new Error(`live phone exited ${c}`)));
    });
  await next("LIVE READY");
  return {
    phase: (p: Phase) => proc.stdin!.write(`phase ${p}\n`),
    async stop(): Promise<Sample[]> {
      const samples = next("SAMPLES ");
      proc.stdin!.write("stop\n");
      return JSON.parse(await samples) as Sample[];
    },
  };
}

async function liveMain() {
  const target = process.env.LIVE_TARGET as "ortaq" | "relay";
  const url = process.env.LIVE_URL!;
  const phones: Socket[] = [];
  for (let i = 0; i < (target === "ortaq" ? LIVE_PHONES : 1); i++) {
    const s = await connect(url);
    if (target === "ortaq") await send(s, "participant:join", { code: process.env.LIVE_CODE, nickname: `Live ${i + 1}`, consent: true });
    else s.emit("join", ["g0"]);
    phones.push(s);
  }
  await sleep(200);
  let phase: Phase = "setup";
  const notes = noteLoop(
    phones,
    () => phase,
    async (phone, n) => {
      const ack =
        target === "ortaq"
          ? await phone.timeout(30_000).emitWithAck("note:add", { id: cid(), noteId: `live-${n}-${cid().slice(-8)}`, text: `Note ${n} from the live phone` })
          : await phone.timeout(30_000).emitWithAck("note", { room: "g0", noteId: `live-${n}`, text: `Note ${n} from the live phone` });
      return ack.ok;
    },
  );
  process.stdout.write("LIVE READY\n");
  readline.createInterface({ input: process.stdin }).on("line", (line) => {
    const [cmd, arg] = line.trim().split(" ");
    if (cmd === "phase") phase = arg as Phase;
    if (cmd === "stop") {
      void notes.stop().then(() => {
        process.stdout.write(`SAMPLES ${JSON.stringify(notes.samples)}\n`);
        phones.forEach((p) => p.disconnect());
        setTimeout(() => process.exit(0), 100);
      });
    }
  });
}

/** Bot i goes at i × interval; legitimate phone j right after bot legitAfter[j]; the lock right after bot LOCK_AFTER_BOTS. */
async function schedule(run: { bot: (i: number) => Promise<unknown>; legit?: (j: number) => Promise<unknown>; lock?: () => Promise<unknown> }) {
  const interval = (FLOOD_S * 1000) / BOTS;
  // Legitimate phones spread over the time before the lock, mixed among the bots.
  const before = Math.max(1, Math.floor(LOCK_AFTER_BOTS * 0.9));
  const legitAfter = Array.from({ length: LEGIT }, (_, j) => Math.floor(((j + 0.5) * before) / LEGIT));
  const tasks: Promise<unknown>[] = [];
  const t0 = performance.now();
  for (let i = 0; i < BOTS; i++) {
    await sleep(Math.max(0, t0 + i * interval - performance.now()));
    tasks.push(run.bot(i));
    if (run.legit) legitAfter.forEach((k, j) => k === i && tasks.push(run.legit!(j)));
    if (run.lock && i === LOCK_AFTER_BOTS - 1) tasks.push(run.lock());
  }
  await Promise.all(tasks);
  return performance.now() - t0;
}

async function runOrtaq() {
  const server = await startBenchServer();
  const sockets: Socket[] = [];
  const track = (s: Socket) => (sockets.push(s), s);
  try {
    const trainer = track(await connect(server.url, await benchTrainer(server)));
    const created = await send(trainer, "session:create", { title: "Join flood", language: "en" });
    const sessionId = created.sessionId as string;
    const code = created.code as string;
    const frames = countFrames(trainer);
    await send(trainer, "session:watch", { sessionId, lastSeq: 0 });

    const live = await startLive("ortaq", server.url, code);
    // Warm up, then the no-flood baseline.
    await sleep(2 * NOTE_EVERY_MS);
    live.phase("quiet");
    await serverStats(server.proc, "reset");
    await sleep(QUIET_S * 1000);
    const quietServer = await serverStats(server.proc, "stats");

    // The flood.
    const bots: { i: number; sentAt: number; code: string; seq: number | null; ms: number }[] = [];
    const legit: { j: number; nickname: string; code: string; got: string | null; ms: number; seq: number | null }[] = [];
    let lock: { seq: number; sentAt: number; ackAt: number; afterBotsSent: number } | null = null;
    let botsSent = 0;
    const join = async (nickname: string) => {
      const s = track(await connect(server.url));
      const t0 = performance.now();
      const ack = await s.timeout(30_000).emitWithAck("participant:join", { id: cid(), code, nickname, consent: true });
      return { ack, sentAt: t0, ms: performance.now() - t0 };
    };
    live.phase("flood");
    frames.start();
    await serverStats(server.proc, "reset");
    const floodMs = await schedule({
      bot: async (i) => {
        botsSent++;
        const r = await join("Bot");
        bots.push({ i, sentAt: r.sentAt, code: r.ack.ok ? "ok" : r.ack.error.code, seq: r.ack.ok ? r.ack.seq : null, ms: r.ms });
      },
      legit: async (j) => {
        const r = await join(NAMES[j % NAMES.length] + (j >= NAMES.length ? ` ${j}` : ""));
        const got = r.ack.ok ? (r.ack.sync.state.participants[r.ack.participantId]?.nickname ?? null) : null;
        legit.push({ j, nickname: NAMES[j % NAMES.length], code: r.ack.ok ? "ok" : r.ack.error.code, got, ms: r.ms, seq: r.ack.ok ? r.ack.seq : null });
      },
      lock: async () => {
        const afterBotsSent = botsSent;
        const sentAt = performance.now();
        const ack = await send(trainer, "room:configure", { sessionId, locked: true });
        lock = { seq: ack.seq, sentAt, ackAt: performance.now(), afterBotsSent };
      },
    });
    await sleep(1000);
    live.phase("after");
    frames.stop();
    const floodServer = await serverStats(server.proc, "stats");
    const samples = await live.stop();
    if (!lock) throw new Error("the lock never ran");
    const locked = lock as { seq: number; sentAt: number; ackAt: number; afterBotsSent: number };

    // The stored log is the judge: joins stored after the lock's event.
    const db = new Database(server.dbPath, { readonly: true, fileMustExist: true });
    const log = db.prepare("SELECT seq, type FROM events WHERE session_id = ? ORDER BY seq").all(sessionId) as { seq: number; type: string }[];
    db.close();
    const joinedAfterLockInLog = log.filter((e) => e.type === "participant:joined" && e.seq > locked.seq).length;

    const admitted = bots.filter((b) => b.code === "ok");
    const refused: Record<string, number> = {};
    for (const b of bots) if (b.code !== "ok") refused[b.code] = (refused[b.code] ?? 0) + 1;
    const joinsInFlood = admitted.length + legit.filter((l) => l.code === "ok").length;
    const joinKinds = ["session:event participant:joined", "presence:changed", "session:event attendance:peaked", "session:event room:configured"];
    const joinBytes = joinKinds.reduce((n, k) => n + (frames.byKind[k]?.bytes ?? 0), 0);
    const totalBytes = Object.values(frames.byKind).reduce((n, k) => n + k.bytes, 0);
    const totalFrames = Object.values(frames.byKind).reduce((n, k) => n + k.frames, 0);
    const gaps = frames.presenceAt.slice(1).map((t, i) => t - frames.presenceAt[i]);
    let maxPerWindow = 0;
    for (let i = 0; i < frames.presenceAt.length; i++) {
      let k = i;
      while (k + 1 < frames.presenceAt.length && frames.presenceAt[k + 1] - frames.presenceAt[i] < 250) k++;
      maxPerWindow = Math.max(maxPerWindow, k - i + 1);
    }
    const ack = (p: Phase) => samples.filter((x) => x.phase === p);

    sockets.forEach((s) => s.disconnect());
    return {
      floodSeconds: round(floodMs / 1000),
      legitimate: {
        succeeded: legit.filter((l) => l.code === "ok").length,
        of: LEGIT,
        refused: legit.filter((l) => l.code !== "ok").map((l) => ({ nickname: l.nickname, code: l.code })),
        keptTheirName: legit.filter((l) => l.got === l.nickname || (l.got ?? "").startsWith(`${l.nickname} `)).length,
        allBeforeLock: legit.every((l) => l.seq !== null && l.seq < locked.seq),
        joinAckMs: summary(legit.map((l) => l.ms)),
      },
      bots: {
        sent: bots.length,
        admitted: admitted.length,
        admittedAfterLock: admitted.filter((b) => (b.seq ?? 0) > locked.seq).length,
        sentAfterLockAckAndAdmitted: admitted.filter((b) => b.sentAt > locked.ackAt).length,
        joinedAfterLockInLog,
        refused,
        joinAckMs: summary(bots.map((b) => b.ms)),
      },
      lock: { afterBotsSent: locked.afterBotsSent, seq: locked.seq, ackMs: round(locked.ackAt - locked.sentAt) },
      trainer: {
        joinsDuringFlood: joinsInFlood,
        bytesForJoins: joinBytes,
        bytesPerJoin: round(joinBytes / Math.max(1, joinsInFlood)),
        totalBytes,
        totalFrames,
        byKind: frames.byKind,
        presence: { messages: frames.presenceAt.length, maxPer250msWindow: maxPerWindow, minGapMs: gaps.length ? round(Math.min(...gaps)) : null },
        note: "engine.io packet bytes (websocket framing adds 2-4 bytes a frame); from the flood's start to 1 s after its last join",
      },
      noteAckMs: {
        noFlood: summary(ack("quiet").filter((s) => s.ok).map((s) => s.ms)),
        flood: summary(ack("flood").filter((s) => s.ok).map((s) => s.ms)),
        refused: samples.filter((x) => !x.ok).length,
        /** Every flood ack in order (one every NOTE_EVERY_MS from the flood's start): where the slow ones fall. */
        floodSeries: ack("flood").map((x) => Math.round(x.ms)),
      },
      server: { noFlood: quietServer, flood: floodServer },
      logEvents: log.length,
    };
  } finally {
    sockets.forEach((s) => s.disconnect());
    await server.stop();
  }
}

async function runRelay() {
  const { url, proc } = await startRelay();
  const sockets: Socket[] = [];
  try {
    const live = await startLive("relay", url);
    await sleep(2 * NOTE_EVERY_MS);
    live.phase("quiet");
    await serverStats(proc, "reset");
    await sleep(QUIET_S * 1000);
    const quietServer = await serverStats(proc, "stats");
    live.phase("flood");
    await serverStats(proc, "reset");
    // The same schedule of fresh connections, each joining a room: all the relay does for a join. As in
    // Ortaq (the live phones are in no group, so their notes go to every phone in the session), the bots
    // "admitted" before the lock join the live phone's room and get its notes; the later ones stay outside.
    const floodMs = await schedule({
      bot: async (i) => {
        const s = await connect(url);
        sockets.push(s);
        s.emit("join", [i < LOCK_AFTER_BOTS ? "g0" : "lobby"]);
      },
    });
    await sleep(1000);
    live.phase("after");
    const floodServer = await serverStats(proc, "stats");
    const samples = await live.stop();
    const ack = (p: Phase) => samples.filter((x) => x.phase === p && x.ok).map((x) => x.ms);
    return {
      floodSeconds: round(floodMs / 1000),
      noteAckMs: { noFlood: summary(ack("quiet")), flood: summary(ack("flood")), floodSeries: ack("flood").map(Math.round) },
      server: { noFlood: quietServer, flood: floodServer },
    };
  } finally {
    sockets.forEach((s) => s.disconnect());
    proc.kill("SIGTERM");
  }
}

const LOAD_AT_START = os.loadavg().map(round);

async function main() {
  const ortaq = await runOrtaq();
  const relay = await runRelay();
  const ratio = (a: number, b: number) => (b > 0 ? round(a / b) : null);
  const p99Max = round(Math.min(TARGETS.p99AckFloodFactorMax * ortaq.noteAckMs.noFlood.p99, TARGETS.p99AckFloodCeilingMs));
  // The same rule applied to the bare relay under its own flood: how much of a miss is the fan-out and the machine.
  const relayP99Max = round(Math.min(TARGETS.p99AckFloodFactorMax * relay.noteAckMs.noFlood.p99, TARGETS.p99AckFloodCeilingMs));
  const checks = {
    legitimateJoins: ortaq.legitimate.succeeded === LEGIT,
    botsAfterLock: ortaq.bots.admittedAfterLock === 0 && ortaq.bots.joinedAfterLockInLog === 0,
    trainerBytesPerJoin: ortaq.trainer.bytesPerJoin <= TARGETS.trainerBytesPerJoinMax,
    p99AckDuringFlood: ortaq.noteAckMs.flood.p99 <= p99Max,
  };
  const result = {
    config: { legitimatePhones: LEGIT, bots: BOTS, floodS: FLOOD_S, lockAfterBots: LOCK_AFTER_BOTS, quietS: QUIET_S, noteEveryMs: NOTE_EVERY_MS, livePhonesTakingTurns: LIVE_PHONES, address: "127.0.0.1 for every socket" },
    targets: {
      legitimateJoins: TARGETS.legitimateJoins,
      botsAfterLock: TARGETS.botsAfterLock,
      trainerBytesPerJoinMax: TARGETS.trainerBytesPerJoinMax,
      p99AckDuringFloodMaxMs: p99Max,
      p99AckDuringFloodRule: `${TARGETS.p99AckFloodFactorMax} x the no-flood p99 of the same run, at most ${TARGETS.p99AckFloodCeilingMs} ms`,
    },
    measured: {
      legitimateJoins: `${ortaq.legitimate.succeeded}/${LEGIT}`,
      botsAfterLock: ortaq.bots.admittedAfterLock,
      trainerBytesPerJoin: ortaq.trainer.bytesPerJoin,
      p99AckDuringFloodMs: ortaq.noteAckMs.flood.p99,
    },
    ortaq,
    bareRelay: relay,
    ratiosToBareRelay: {
      noFlood: { p50: ratio(ortaq.noteAckMs.noFlood.p50, relay.noteAckMs.noFlood.p50), p95: ratio(ortaq.noteAckMs.noFlood.p95, relay.noteAckMs.noFlood.p95), p99: ratio(ortaq.noteAckMs.noFlood.p99, relay.noteAckMs.noFlood.p99) },
      flood: { p50: ratio(ortaq.noteAckMs.flood.p50, relay.noteAckMs.flood.p50), p95: ratio(ortaq.noteAckMs.flood.p95, relay.noteAckMs.flood.p95), p99: ratio(ortaq.noteAckMs.flood.p99, relay.noteAckMs.flood.p99) },
    },
    checks,
    bareRelayUnderTheSameAckRule: { p99MaxMs: relayP99Max, p99Ms: relay.noteAckMs.flood.p99, meets: relay.noteAckMs.flood.p99 <= relayP99Max },
    loadAverage: { atStart: LOAD_AT_START, atEnd: os.loadavg().map(round) },
    meetsTargets: Object.values(checks).every(Boolean),
    note: "Server and clients share the 2-core machine. Note acks: Ortaq validates, rate-limits, stores the note in SQLite (synchronous=FULL) and broadcasts before acking; the relay only re-emits. Bots use the right code (a leaked code) and the nickname 'Bot' (numbered 'Bot 2', ...). The live phones are in no group, so each note goes to every phone in the session, the ~530 admitted bots and phones included (all sockets of this process); the relay's flood bots before the lock join the live phone's room for the same fan-out. The live phones run in a process of their own.",
  };
  writeResult("join-flood", result);

  const row = (name: string, target: string, got: string, ok: boolean | null) => ({ figure: name, target, measured: got, ok: ok === null ? "" : ok ? "yes" : "NO" });
  const s = (x: { p50: number; p95: number; p99: number; n: number }) => `${x.p50}/${x.p95}/${x.p99} ms (n=${x.n})`;
  console.log("\njoin flood (Ortaq vs bare socket.io relay)");
  console.table([
    row("legitimate joins", TARGETS.legitimateJoins, `${ortaq.legitimate.succeeded}/${LEGIT}`, checks.legitimateJoins),
    row("bots admitted after lock", "0", `${ortaq.bots.admittedAfterLock} (log: ${ortaq.bots.joinedAfterLockInLog}); ${ortaq.bots.admitted} admitted before`, checks.botsAfterLock),
    row("trainer bytes per join", `<= ${TARGETS.trainerBytesPerJoinMax}`, `${ortaq.trainer.bytesPerJoin} (${ortaq.trainer.totalBytes} B total, ${ortaq.trainer.presence.messages} presence msgs)`, checks.trainerBytesPerJoin),
    row("note ack p50/p95/p99, no flood", "", s(ortaq.noteAckMs.noFlood), null),
    row("note ack p50/p95/p99, flood", `p99 <= ${p99Max} ms`, s(ortaq.noteAckMs.flood), checks.p99AckDuringFlood),
    row("relay ack, no flood", "", s(relay.noteAckMs.noFlood), null),
    row("relay ack, flood", "", s(relay.noteAckMs.flood), null),
  ]);
  console.log(`meetsTargets: ${result.meetsTargets}`);
}

(process.env.JOIN_FLOOD_ROLE === "live" ? liveMain() : main()).catch((err) => {
  console.error(err);
  process.exit(1);
});
