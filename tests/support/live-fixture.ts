import crypto from "node:crypto";
import { sealScreenKey } from "@/lib/server/accounts/tokens";
import { cid, send, staffState, type TestServer, type TestSocket } from "./test-server";

/** A client-made id that passes `noteIdSchema` / stroke id rules (8+ chars of [A-Za-z0-9_-]). */
export function freshId(prefix = "id"): string {
  return `${prefix}-${crypto.randomUUID()}`;
}

/** Everything a command in a live session may need to name, as a real client would know it. */
export interface LiveIds {
  sessionId: string;
  code: string;
  screenKey: string;
  /** The acting phone's participant id, its pass, and its group. */
  participantId: string;
  token: string;
  groupA: string;
  /** The other group. */
  groupB: string;
  mateId: string;
  otherId: string;
  /** A note by the acting phone, and one by its group-mate. */
  noteId: string;
  mateNoteId: string;
  /** The acting phone's own (plan-less, "free") sketch, with one stroke of its own. */
  sketchId: string;
  strokeId: string;
  clusterId: string;
}

export interface LiveRoom {
  ids: LiveIds;
  trainer: { id: string; cookie: string };
  /** The session's trainer, watching. */
  console: TestSocket;
  /** A projector watching with the screen key (no account). */
  screen: TestSocket;
  /** The acting phone; `mate` shares its group, `other` is in the other group. */
  phone: TestSocket;
  mate: TestSocket;
  other: TestSocket;
  /** The session's seq once everything above is in place. */
  seq: number;
}

function must<T extends { ok: boolean }>(what: string, ack: T): T & { ok: true } {
  if (!ack.ok) throw new Error(`${what} failed: ${JSON.stringify(ack)}`);
  return ack as T & { ok: true };
}

export const STROKE = { colour: "#111827", width: 6, tool: "pen", points: [10, 10, 1, 20, 20, 1, 30, 30, 1] } as const;

/**
 * A live, plan-less session (profile question on) with a console, a
 * projector, four phones in two groups of two, a note from the acting phone
 * and one from its group-mate, a stroke on the acting phone's sketch and a
 * cluster. Every id a command may name is in `ids`.
 */
export async function liveRoom(t: TestServer): Promise<LiveRoom> {
  const trainer = await t.account("trainer");
  const console_ = await t.connect({ cookie: trainer.cookie });
  const created = must("create", await send(console_, "session:create", { id: cid(), title: "Room", language: "en", askProfile: true }));
  const sessionId = created.sessionId as string;
  const code = created.code as string;
  must("watch", await send(console_, "session:watch", { id: cid(), sessionId, lastSeq: 0 }));
  const screenKey = await sealScreenKey(sessionId, t.server.services.secret);
  const screen = await t.connect();
  must("screen watch", await send(screen, "session:watch", { id: cid(), sessionId, lastSeq: 0, screenKey }));

  const phones: { socket: TestSocket; id: string; token: string }[] = [];
  for (let i = 0; i < 4; i++) {
    const socket = await t.connect();
    const ack = must("join", await send(socket, "participant:join", { id: cid(), code, nickname: `P${i}` }));
    phones.push({ socket, id: ack.participantId, token: ack.token });
  }
  must("groups", await send(console_, "groups:form", { id: cid(), sessionId, by: "count", n: 2 }));
  const st = await staffState(console_, sessionId);
  const groupOf = (id: string): string => st.membership[id];
  const a = phones[0];
  const mate = phones.find((p) => p !== a && groupOf(p.id) === groupOf(a.id))!;
  const other = phones.find((p) => groupOf(p.id) !== groupOf(a.id))!;

  const noteId = freshId("note");
  const mateNoteId = freshId("note");
  must("note", await send(a.socket, "note:add", { id: cid(), noteId, text: "A first idea" }));
  must("mate note", await send(mate.socket, "note:add", { id: cid(), noteId: mateNoteId, text: "A mate's idea" }));
  const sketchId = `p_${a.id}_free`;
  const strokeId = freshId("stroke");
  must("stroke", await send(a.socket, "stroke:commit", { id: cid(), sketchId, stroke: { id: strokeId, ...STROKE } }));
  must("cluster", await send(console_, "cluster:create", { id: cid(), sessionId, name: "Ideas" }));
  const after = await staffState(console_, sessionId);

  return {
    ids: {
      sessionId,
      code,
      screenKey,
      participantId: a.id,
      token: a.token,
      groupA: groupOf(a.id),
      groupB: groupOf(other.id),
      mateId: mate.id,
      otherId: other.id,
      noteId,
      mateNoteId,
      sketchId,
      strokeId,
      clusterId: after.clusterOrder[0],
    },
    trainer,
    console: console_,
    screen,
    phone: a.socket,
    mate: mate.socket,
    other: other.socket,
    seq: after.seq,
  };
}
