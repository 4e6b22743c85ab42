import crypto from "node:crypto";
import { io, type Socket } from "socket.io-client";

/**
 * Seeds a live session through the real protocol, the way a full hall
 * would: phones are socket.io clients in the test process that join with
 * the code, post notes, vote and draw; the trainer is a socket signed in
 * with the console's cookie. Shared by the layout specs.
 */

export type Ack = { ok: true; [k: string]: any } | { ok: false; error: { code: string; message?: string } };

/** Brainstorm ideas in English, Kazakh and Russian, short and long. */
export const IDEAS = [
  "Check the employer's name and address before you agree to anything",
  "Never give your passport to an employer",
  "Tell your parents where you are going",
  "Call 111 if you feel unsafe",
  "Ask a friend to check the job offer with you",
  "Too good to be true? It usually is.",
  "Keep copies of your documents at home and in your e-mail",
  "Look for reviews of the agency online and ask people who worked there",
  "A real job never asks you to pay for the job itself",
  "Agree on a code word with your family so they know you are fine",
  "Read the contract, all of it, and take a photo of it",
  "Don't travel without a return ticket",
  "Save the hotline numbers in your phone before you leave",
  "If someone takes your phone away, that is a red flag",
  "Trust your feelings: if something is wrong, leave and ask for help",
  "Friends look out for friends: share the warning signs in your group chat",
  "Ask the embassy how to check a work visa, and never work on a tourist visa abroad because you lose every protection the law gives workers",
  "Жұмыс берушінің атын тексеріңіз",
  "Паспортыңызды ешкімге бермеңіз",
  "Қауіпсіздік бәрінен маңызды",
  "Проверьте работодателя и договор",
  "Не отдавайте паспорт никому",
  "Расскажите родителям, куда вы едете",
];

export function connect(url: string, cookie?: string): Promise<Socket> {
  const socket = io(url, { transports: ["websocket"], forceNew: true, reconnection: false, extraHeaders: cookie ? { cookie } : {} });
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", reject);
  });
}

let counter = 0;
const cid = () => `seed-${process.pid}-${Date.now()}-${++counter}`;
export const freshId = (prefix: string) => `${prefix}-${crypto.randomUUID()}`;

export async function send(socket: Socket, event: string, payload: object): Promise<Ack> {
  return (await socket.timeout(15_000).emitWithAck(event, { id: cid(), ...payload })) as Ack;
}

/** Sends and insists on success, naming what failed. */
export async function must(what: string, ack: Promise<Ack>): Promise<Extract<Ack, { ok: true }>> {
  const a = await ack;
  if (!a.ok) throw new Error(`${what}: ${JSON.stringify(a.error)}`);
  return a;
}

/** Runs `fn` over `items`, `width` at a time. */
export async function inBatches<T, R>(items: readonly T[], width: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}

/** The session as the trainer sees it now. */
export async function staffState(staff: Socket, sessionId: string): Promise<any> {
  const w = await must("watch", send(staff, "session:watch", { sessionId, lastSeq: 0 }));
  return w.sync.state;
}

export interface SeededPhone {
  socket: Socket;
  id: string;
}

/** `count` phones join with the code ("Guest 1", "Guest 2", ...), each having agreed to the notice. */
export function joinPhones(url: string, code: string, count: number): Promise<SeededPhone[]> {
  return inBatches(
    Array.from({ length: count }, (_, i) => i),
    25,
    async (i) => {
      const socket = await connect(url);
      const ack = await must(`join ${i}`, send(socket, "participant:join", { code, nickname: `Guest ${i + 1}`, consent: true }));
      return { socket, id: ack.participantId as string };
    },
  );
}

/** `total` notes from the phones (two or three each), during a note step; returns their ids. */
export async function postNotes(phones: readonly SeededPhone[], total: number): Promise<string[]> {
  const perPhone = (i: number) => (i < total - 2 * phones.length ? 3 : 2);
  const noteIds: string[] = [];
  await inBatches(phones, 40, async (p, i) => {
    for (let k = 0; k < perPhone(i); k++) {
      const noteId = freshId("note");
      noteIds.push(noteId);
      const idea = IDEAS[(i * 3 + k * 7) % IDEAS.length];
      await must(`note ${i}/${k}`, send(p.socket, "note:add", { noteId, text: k === 2 ? `${idea}!` : idea }));
    }
  });
  return noteIds;
}

/** The first `count` phones each draw one stroke on their own sketch for the step. */
export async function drawSketches(phones: readonly SeededPhone[], count: number, stepId: string): Promise<void> {
  await inBatches(phones.slice(0, count), 20, async (p, i) => {
    const points = Array.from({ length: 24 }, (_, k) => [100 + ((k * 23 + i * 37) % 550), 100 + k * 32, 60]).flat();
    await must(`stroke ${i}`, send(p.socket, "stroke:commit", { sketchId: `p_${p.id}_${stepId}`, stroke: { id: freshId("stroke"), colour: "#2563eb", width: 14, tool: "pen", points } }));
  });
}
