/**
 * Random command sequences for the sync property test: each step is a small
 * descriptor of plain numbers (so fast-check shrinks it well) that is turned
 * into a real command against the server state at the time it runs.
 */
import fc from "fast-check";
import type { CommandActor } from "@/lib/domain/decision";
import { effectiveSketchMode, currentStep, type SessionState } from "@/lib/domain/session-state";
import { sketchIdFor } from "@/lib/domain/sketch";
import { organiser, otherTrainer, phone, trainer, type SessionCommand } from "./session-fixtures";

export const TRAINER_OPS = [
  "groups:form",
  "participant:move",
  "groups:merge",
  "group:split",
  "group:remove",
  "groups:dissolve",
  "group:rename",
  "note:hide",
  "note:restore",
  "note:cluster",
  "cluster:create",
  "cluster:remove",
  "board:configure",
  "sketch:hide",
  "sketch:restore",
  "sketch:spotlight",
  "sketch:configure",
  "broadcast:send",
  "agenda:goto",
  "timer:start",
  "timer:pause",
  "timer:extend",
  "timer:reset",
  "timer:configure",
  "help:ack",
  "help:reply",
] as const;

export const PHONE_OPS = [
  "participant:join",
  "note:add",
  "note:edit",
  "note:delete",
  "note:vote",
  "stroke:commit",
  "stroke:undo",
  "sketch:mark",
  "group:mark",
  "group:choose",
  "participant:profile",
  "help:request",
] as const;

export const OTHER_OPS = ["disconnect", "reconnect", "attendance:record", "session:end"] as const;

export type Op = (typeof TRAINER_OPS)[number] | (typeof PHONE_OPS)[number] | (typeof OTHER_OPS)[number];

export interface StepSpec {
  op: Op;
  /** Picks the actor (or the viewer to disconnect). */
  who: number;
  a: number;
  b: number;
  c: number;
  flag: boolean;
}

const nat = fc.nat({ max: 63 });

/** How often each op comes up, relative to the others. */
const WEIGHTS: Partial<Record<Op, number>> = {
  "participant:join": 10,
  "note:add": 10,
  "note:vote": 5,
  "note:edit": 6,
  "stroke:commit": 8,
  "agenda:goto": 4,
  "groups:form": 3,
  "participant:move": 4,
  "board:configure": 5,
  "group:choose": 3,
  "note:hide": 2,
  "note:restore": 2,
  "sketch:hide": 2,
  "sketch:restore": 2,
  "broadcast:send": 2,
  disconnect: 2,
  reconnect: 3,
  "session:end": 0.2,
};

const ALL_OPS: Op[] = [...TRAINER_OPS, ...PHONE_OPS, ...OTHER_OPS];

/** Phones act more often than the trainer; the session rarely ends. */
export const stepArb: fc.Arbitrary<StepSpec> = fc.record({
  op: fc.oneof(...ALL_OPS.map((op) => ({ weight: Math.round((WEIGHTS[op] ?? 1) * 5), arbitrary: fc.constant(op) }))),
  who: nat,
  a: nat,
  b: nat,
  c: nat,
  flag: fc.boolean(),
});

/** Valid note ids (8+ of [A-Za-z0-9_-]) that a plain object lookup would find on Object.prototype. */
export const PROTO_IDS = ["constructor", "toString", "__proto__", "hasOwnProperty", "toLocaleString"];

export const TEXTS = ["idea", "a bad idea", "call 112", "  spaced \n out  ", "", "x".repeat(300), "another thought", "bad"];
/** The word filter of the simulated session: anything with "bad" in it. */
export const FILTER = (text: string) => /bad/.test(text);
/** The concern list of the simulated session: a note asking someone to call 112 is held for the trainer alone. */
export const CONCERN = (text: string) => /112/.test(text);

const pick = <T>(list: readonly T[], n: number): T | undefined => (list.length ? list[n % list.length] : undefined);

export type Resolved = { kind: "command"; command: SessionCommand; actor: CommandActor } | { kind: "disconnect" | "reconnect"; name: string } | null;

/**
 * Turns a descriptor into a command against the current state. `phones` is
 * the pool of participant ids that may join (p1..pN). Ids that do not exist
 * are sometimes used on purpose: decide() must refuse them.
 */
export function resolve(s: StepSpec, st: SessionState, phones: readonly string[], viewerNames: readonly string[]): Resolved {
  const joined = st.participantOrder;
  const group = (n: number) => pick(st.groupOrder, n) ?? "nope";
  const groupOrNull = (n: number) => (n % 4 === 0 ? null : group(n));
  const noteId = (n: number) => (n % 9 === 8 ? "n-missing" : (pick(st.noteOrder, n) ?? "n-missing"));
  const sketchId = (n: number) => (n % 9 === 8 ? "p_p1_free" : (pick(st.sketchOrder, n) ?? "p_p1_free"));
  const text = TEXTS[s.b % TEXTS.length];
  const staffActor = s.who % 13 === 12 ? otherTrainer : s.who % 5 === 4 ? organiser : trainer;
  const t = (command: SessionCommand): Resolved => ({ kind: "command", command, actor: staffActor });

  if (s.op === "disconnect" || s.op === "reconnect") {
    const name = pick(viewerNames, s.who);
    return name ? { kind: s.op, name } : null;
  }
  if (s.op === "attendance:record") return { kind: "command", command: { type: "attendance:record", online: s.a % 10 }, actor: { kind: "system" } };
  if (s.op === "session:end") return t({ type: "session:end" });

  if ((PHONE_OPS as readonly string[]).includes(s.op)) {
    if (s.op === "participant:join") {
      const id = phones.find((p) => !joined.includes(p));
      if (!id) return null;
      // Now and then a nickname someone already has (case differs): it comes back numbered.
      const nickname = s.flag && joined.length && s.a % 3 === 0 ? `NICK-${pick(joined, s.c)}` : `nick-${id}`;
      return { kind: "command", command: { type: "participant:join", participantId: id, nickname }, actor: phone(id) };
    }
    const me = pick(joined, s.who);
    if (!me) return null;
    const actor = phone(me);
    const p = (command: SessionCommand): Resolved => ({ kind: "command", command, actor });
    const myGroup = st.membership[me] ?? null;
    switch (s.op) {
      case "note:add": {
        // Ids are made on phones: now and then one that exists, or one that names an Object.prototype property.
        const id = s.c % 7 === 6 ? (pick(st.noteOrder, s.a) ?? `n-${st.seq}`) : s.c % 9 === 5 ? PROTO_IDS[s.a % PROTO_IDS.length] : `n-${st.seq}`;
        return p({ type: "note:add", noteId: id, text, anonymous: s.flag });
      }
      case "note:edit": {
        // Mostly one's own note.
        const own = st.noteOrder.filter((id) => st.notes[id].authorId === me);
        return p({ type: "note:edit", noteId: s.c % 3 ? (pick(own, s.a) ?? noteId(s.a)) : noteId(s.a), text });
      }
      case "note:delete": {
        const own = st.noteOrder.filter((id) => st.notes[id].authorId === me);
        return p({ type: "note:delete", noteId: s.c % 3 ? (pick(own, s.a) ?? noteId(s.a)) : noteId(s.a) });
      }
      case "note:vote": {
        const mine = st.votesBy[me] ?? [];
        return p({ type: "note:vote", noteId: s.flag ? noteId(s.a) : (pick(mine, s.a) ?? noteId(s.a)), on: s.flag });
      }
      case "stroke:commit": {
        const step = currentStep(st);
        const own = sketchIdFor(effectiveSketchMode(st), me, myGroup, step?.id ?? null);
        const id = s.c % 4 === 3 ? sketchId(s.a) : own;
        const points = s.b % 11 === 10 ? [1, 2] : [s.a, s.b, 50, s.a + 5, s.b + 5, 50];
        return p({ type: "stroke:commit", sketchId: id, stroke: { id: `stroke-${st.seq}-${s.c}`, colour: "#111827", width: 6, tool: s.flag ? "pen" : "eraser", points } });
      }
      case "stroke:undo": {
        const sk = st.sketches[sketchId(s.a)];
        const strokes = sk ? sk.strokes.filter((x) => x.authorId === me || s.c % 5 === 0) : [];
        return p({ type: "stroke:undo", sketchId: sk?.id ?? sketchId(s.a), strokeId: pick(strokes, s.b)?.id ?? "stroke-missing" });
      }
      case "sketch:mark":
        return p({ type: "sketch:mark", sketchId: sketchId(s.a), done: s.flag });
      case "group:mark":
        return p({ type: "group:mark", groupId: s.c % 3 && myGroup ? myGroup : group(s.a), done: s.flag });
      case "group:choose":
        return p({ type: "group:choose", groupId: group(s.a) });
      case "participant:profile":
        return p({ type: "participant:profile", ageBand: (["under-16", "16-17", "18-24", "no-answer"] as const)[s.a % 4], sex: (["female", "male", "no-answer"] as const)[s.b % 3] });
      case "help:request":
        return p({ type: "help:request", message: s.flag ? `I need to talk ${s.b}` : "", shareName: s.c % 2 === 0 });
    }
    return null;
  }

  switch (s.op) {
    case "groups:form": {
      const selfSelect = s.c % 3 === 0;
      return t({ type: "groups:form", by: s.a % 2 ? "count" : "size", n: 1 + (s.b % 4), balanced: s.flag, mixNew: s.c % 2 === 0, naming: s.c % 5 ? "animals" : "numbers", selfSelect, cap: selfSelect && s.b % 2 ? 2 : null });
    }
    case "participant:move":
      return t({ type: "participant:move", participantId: s.c % 9 === 8 ? "p-missing" : (pick(joined, s.a) ?? "p-missing"), groupId: groupOrNull(s.b) });
    case "groups:merge":
      return t({ type: "groups:merge", from: group(s.a), into: group(s.b) });
    case "group:split":
      return t({ type: "group:split", groupId: group(s.a) });
    case "group:remove":
      return t({ type: "group:remove", groupId: group(s.a) });
    case "groups:dissolve":
      return s.a % 4 === 0 ? t({ type: "groups:dissolve" }) : null;
    case "group:rename":
      return t({ type: "group:rename", groupId: group(s.a), name: s.flag ? `Team ${s.b}` : " " });
    case "note:hide":
      return t({ type: "note:hide", noteId: noteId(s.a) });
    case "note:restore": {
      // Mostly a hidden or held one, so that something comes back.
      const away = st.noteOrder.filter((id) => st.notes[id].status !== "visible");
      return t({ type: "note:restore", noteId: s.flag ? (pick(away, s.b) ?? noteId(s.a)) : noteId(s.a) });
    }
    case "note:cluster":
      return t({ type: "note:cluster", noteId: noteId(s.a), clusterId: s.flag ? (pick(st.clusterOrder, s.b) ?? "c-missing") : null });
    case "cluster:create":
      return t({ type: "cluster:create", name: `Cluster ${s.a}` });
    case "cluster:remove":
      return t({ type: "cluster:remove", clusterId: pick(st.clusterOrder, s.a) ?? "c-missing" });
    case "board:configure": {
      // One or two settings at a time, as the console sends them.
      const settings: Record<string, unknown> = {};
      const choose = (n: number) => {
        switch (n % 6) {
          case 0:
            settings.showAll = s.flag;
            break;
          case 1:
            settings.anonymousAllowed = s.flag;
            break;
          case 2:
            settings.votesPerPerson = s.b % 4;
            break;
          case 3:
            settings.filter = (["off", "flag", "hold"] as const)[s.b % 3];
            break;
          case 4:
            settings.postingPaused = s.flag && s.b % 3 === 0;
            break;
          case 5:
            settings.showAll = !s.flag;
            settings.anonymousAllowed = true;
            break;
        }
      };
      choose(s.a);
      if (s.c % 2) choose(s.c);
      return t({ type: "board:configure", settings });
    }
    case "sketch:hide":
      return t({ type: "sketch:hide", sketchId: sketchId(s.a) });
    case "sketch:restore": {
      const hidden = st.sketchOrder.filter((id) => st.sketches[id].hidden);
      return t({ type: "sketch:restore", sketchId: s.flag ? (pick(hidden, s.b) ?? sketchId(s.a)) : sketchId(s.a) });
    }
    case "sketch:spotlight":
      return t({ type: "sketch:spotlight", sketchId: s.flag ? sketchId(s.a) : null });
    case "sketch:configure":
      return t({ type: "sketch:configure", mode: s.flag ? "group" : "individual" });
    case "broadcast:send":
      return t({ type: "broadcast:send", text: s.flag ? `Message ${s.b}` : "", groupId: groupOrNull(s.a) });
    case "agenda:goto":
      return t({ type: "agenda:goto", index: (s.a % ((st.plan?.steps.length ?? 0) + 2)) - 1 });
    case "timer:start":
      return t({ type: "timer:start" });
    case "timer:pause":
      return t({ type: "timer:pause" });
    case "timer:extend":
      return t({ type: "timer:extend", seconds: 30 + s.b, ...(s.flag ? { groupId: group(s.a) } : {}) });
    case "timer:reset":
      return t({ type: "timer:reset" });
    case "help:ack":
    case "help:reply": {
      const requestId = s.c % 9 === 8 ? "request-missing" : (pick(st.helpOrder, s.a) ?? "request-missing");
      return s.op === "help:ack" ? t({ type: "help:ack", requestId }) : t({ type: "help:reply", requestId, text: s.flag ? `Come and find me ${s.b}` : "" });
    }
    case "timer:configure":
      return t({ type: "timer:configure", ...(s.a % 3 !== 1 ? { autoStart: s.flag } : {}), ...(s.a % 3 !== 0 ? { sound: !s.flag } : {}) });
  }
  return null;
}
