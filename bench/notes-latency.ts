// Issue 5: 500 phones in 50 groups each post a note every 10 s for 60 s.
// Prints p50/p95/p99 from send to receipt on the projector and on the
// group's other phones, beside the same load through a bare socket.io relay.
import type { Socket } from "socket.io-client";
import { sealScreenKey } from "../lib/server/accounts/tokens";
import { benchTrainer, cid, connect, joinPhones, relayRoom, startRelay, send, startBenchServer, summary, writeResult } from "./harness";

const PARTICIPANTS = Number(process.env.PARTICIPANTS ?? 500);
const GROUPS = Number(process.env.GROUPS ?? 50);
const DURATION_S = Number(process.env.DURATION_S ?? 60);
const EVERY_S = Number(process.env.EVERY_S ?? 10);

interface Load {
  screenMs: number[];
  phoneMs: number[];
  sent: number;
  failed: number;
  screenGot: number;
}

/** Runs the posting schedule: each phone starts at a random offset in the first period, then every EVERY_S. */
async function drive(phones: Socket[], post: (phone: Socket, i: number, n: number) => Promise<boolean>): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  const rounds = Math.floor(DURATION_S / EVERY_S);
  await Promise.all(
    phones.map(async (p, i) => {
      await new Promise((r) => setTimeout(r, Math.random() * EVERY_S * 1000));
      for (let n = 0; n < rounds; n++) {
        const started = Date.now();
        if (await post(p, i, n)) sent++;
        else failed++;
        await new Promise((r) => setTimeout(r, Math.max(0, EVERY_S * 1000 - (Date.now() - started))));
      }
    }),
  );
  // Let the last broadcasts land.
  await new Promise((r) => setTimeout(r, 1500));
  return { sent, failed };
}

async function runOrtaq(): Promise<Load> {
  const server = await startBenchServer();
  try {
    const trainer = await connect(server.url, await benchTrainer(server));
    const created = await send(trainer, "session:create", { title: "Notes bench", language: "en" });
    const sessionId = created.sessionId as string;
    await send(trainer, "session:watch", { sessionId, lastSeq: 0 });
    const screen = await connect(server.url);
    await send(screen, "session:watch", { sessionId, lastSeq: 0, screenKey: await sealScreenKey(sessionId, server.secret) });
    const phones: Socket[] = (await joinPhones(server.url, created.code, PARTICIPANTS)).map((p) => p.socket);
    await send(trainer, "groups:form", { sessionId, by: "count", n: GROUPS });

    const sentAt = new Map<string, { at: number; author: number }>();
    const load: Load = { screenMs: [], phoneMs: [], sent: 0, failed: 0, screenGot: 0 };
    screen.on("session:event", (e: { type: string; payload: { note: { id: string } } }) => {
      if (e.type !== "note:added") return;
      const s = sentAt.get(e.payload.note.id);
      if (s) {
        load.screenMs.push(performance.now() - s.at);
        load.screenGot++;
      }
    });
    phones.forEach((p, i) =>
      p.on("session:event", (e: { type: string; payload: { note: { id: string } } }) => {
        if (e.type !== "note:added") return;
        const s = sentAt.get(e.payload.note.id);
        if (s && s.author !== i) load.phoneMs.push(performance.now() - s.at);
      }),
    );
    const r = await drive(phones, async (p, i, n) => {
      const noteId = `n${i}x${n}x${cid().slice(-8)}`;
      sentAt.set(noteId, { at: performance.now(), author: i });
      const ack = await p.timeout(30_000).emitWithAck("note:add", { id: cid(), noteId, text: `Idea ${n} from phone ${i}: look out for each other` });
      return ack.ok;
    });
    Object.assign(load, r);
    phones.forEach((p) => p.disconnect());
    screen.disconnect();
    trainer.disconnect();
    return load;
  } finally {
    await server.stop();
  }
}

async function runRelay(): Promise<Load> {
  const { url, proc } = await startRelay();
  try {
    const { screen, phones } = await relayRoom(url, PARTICIPANTS, GROUPS);
    const sentAt = new Map<string, { at: number; author: number }>();
    const load: Load = { screenMs: [], phoneMs: [], sent: 0, failed: 0, screenGot: 0 };
    screen.on("note", (m: { noteId: string }) => {
      const s = sentAt.get(m.noteId);
      if (s) {
        load.screenMs.push(performance.now() - s.at);
        load.screenGot++;
      }
    });
    phones.forEach((p, i) =>
      p.on("note", (m: { noteId: string }) => {
        const s = sentAt.get(m.noteId);
        if (s && s.author !== i) load.phoneMs.push(performance.now() - s.at);
      }),
    );
    const r = await drive(phones, async (p, i, n) => {
      const noteId = `n${i}x${n}`;
      sentAt.set(noteId, { at: performance.now(), author: i });
      const ack = await p.timeout(30_000).emitWithAck("note", { noteId, room: `g${i % GROUPS}`, text: `Idea ${n} from phone ${i}: look out for each other` });
      return ack.ok;
    });
    Object.assign(load, r);
    phones.forEach((p) => p.disconnect());
    screen.disconnect();
    return load;
  } finally {
    proc.kill("SIGTERM");
  }
}

async function main() {
  const ortaq = await runOrtaq();
  const relay = await runRelay();
  const report = (l: Load) => ({ notesSent: l.sent, notesRefused: l.failed, screenReceived: l.screenGot, screenMs: summary(l.screenMs), groupPhonesMs: summary(l.phoneMs), phoneReceipts: l.phoneMs.length });
  writeResult("notes-latency", {
    participants: PARTICIPANTS,
    groups: GROUPS,
    durationS: DURATION_S,
    everyS: EVERY_S,
    ortaq: report(ortaq),
    bareRelay: report(relay),
    note: "send-to-receipt in ms; Ortaq validates, authorises, stores each note in SQLite (synchronous=FULL) before broadcasting; the relay only re-emits. Server and clients share the 2-core machine.",
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
