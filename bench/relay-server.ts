// A bare socket.io relay: joins rooms and re-emits each note to its room, the
// screen room and the trainers' room (live drawing points likewise). No
// validation, no storage: the floor to compare Ortaq with.
//
// With RELAY_LOG=<file> it is the durable relay: each note is appended to
// that file and re-emitted only once the file is synced to disk, by the same
// sync as Ortaq's store (lib/server/store/wal-sync.ts: fdatasync off the event
// loop, notes that arrive during one sync share the next). Nothing checked,
// decided or indexed: the floor for anything that promises a note is on disk
// before anyone hears of it.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { createWalSync } from "../lib/server/store/wal-sync";
import { installStats } from "./server-stats";

const logFile = process.env.RELAY_LOG;
const logFd = logFile ? fs.openSync(logFile, "a") : null;
const logSync = logFile ? createWalSync(logFile) : null;

const server = http.createServer();
const io = new Server(server);
io.on("connection", (socket) => {
  socket.on("join", (rooms: string[]) => socket.join(rooms));
  // As Ortaq sends a note: the room's form to the group and the projector, the trainer's form to the consoles.
  const relay = (msg: { room: string }, ack?: (r: { ok: boolean }) => void) => {
    io.to(msg.room).to("screen").emit("note", msg);
    io.to("trainers").emit("note", msg);
    ack?.({ ok: true });
  };
  // The bare relay re-emits in the same turn; the durable one once the note is on disk.
  socket.on(
    "note",
    logFd === null
      ? relay
      : (msg: { room: string }, ack?: (r: { ok: boolean }) => void) => {
          fs.writeSync(logFd, `${JSON.stringify(msg)}\n`);
          logSync!.sync().then(() => relay(msg, ack), () => ack?.({ ok: false }));
        },
  );
  // Live drawing: volatile re-emit to the room, the screen and the consoles, not back to the sender.
  socket.on("progress", (msg: { room: string }) => {
    socket.volatile.to(msg.room).to("screen").to("trainers").emit("progress", msg);
  });
  socket.on("commit", (msg: { room: string }, ack?: (r: { ok: boolean }) => void) => {
    socket.to(msg.room).to("screen").to("trainers").emit("commit", msg);
    ack?.({ ok: true });
  });
});
installStats();
server.listen(0, "127.0.0.1", () => process.stdout.write(`READY ${(server.address() as AddressInfo).port}\n`));
process.on("SIGTERM", () => io.close(() => process.exit(0)));
