import type { z } from "zod";
import { COMMANDS, isCommandName, isLobbyCommand, type CommandBody, type CommandName, type LobbyCommandName, type SessionCommandName } from "@/lib/protocol/commands";
import { errorAck, type Ack } from "@/lib/protocol/result";
import { LOBBY_HANDLERS, type LobbyHandler } from "./handlers/lobby.handlers";
import { runSessionCommand } from "./handlers/session-command";
import { relayStrokeProgress } from "./handlers/stroke-progress";
import { meterFrames } from "./frame-size";
import { setBreak } from "./breaks";
import type { HandlerContext, OrtaqSocket } from "./socket-types";

/** A socket that sends this many bad messages within STRIKE_WINDOW_MS is disconnected. */
const STRIKE_LIMIT = 20;
const STRIKE_WINDOW_MS = 60_000;

/**
 * The size of a payload as JSON, stopping as soon as it passes `limit`: a
 * flood of large payloads costs no more than the limit each. For a payload
 * that did not come with its size off the wire (see frame-size.ts).
 */
export function payloadSize(payload: unknown, limit = Infinity): number {
  let size = 0;
  const stack: unknown[] = [payload];
  while (stack.length) {
    const v = stack.pop();
    if (size > limit) return size;
    if (typeof v === "string") size += v.length + 2;
    else if (typeof v === "number") size += String(v).length;
    else if (typeof v === "boolean") size += 5;
    else if (v === null || v === undefined) size += 4;
    else if (Array.isArray(v)) {
      size += 2 + v.length;
      for (const x of v) stack.push(x);
    } else if (typeof v === "object") {
      for (const [k, x] of Object.entries(v)) {
        size += k.length + 4;
        stack.push(x);
      }
    } else return Infinity;
  }
  return size;
}

/** Counts a bad message against the socket; too many and it is cut off. */
export function strike(socket: OrtaqSocket, ctx: HandlerContext, reason: string): void {
  const now = ctx.deps.clock();
  socket.data.strikes = socket.data.strikes.filter((t) => now - t < STRIKE_WINDOW_MS);
  socket.data.strikes.push(now);
  if (socket.data.strikes.length >= STRIKE_LIMIT) {
    ctx.deps.logger.warn("socket disconnected for abuse", { socket: socket.id, reason });
    socket.disconnect(true);
  }
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join(".") || "payload"}: ${i.message}`)
    .join("; ");
}

/** Whose bucket a command takes from: the participant, the account, or the bare socket. */
export function actorKey(socket: OrtaqSocket): string {
  if (socket.data.participant) return `p:${socket.data.participant.participantId}`;
  if (socket.data.user) return `u:${socket.data.user.id}`;
  return `s:${socket.id}`;
}

type AckFn = (ack: Ack<object>) => void;

/**
 * The one entry point for everything a client sends. Every command is
 * checked here (ack present, size, shape, rate) and then run by the lobby
 * handlers or the one generic session handler; any thrown error becomes an
 * INTERNAL ack, so one client can never crash the process.
 */
export function registerCommands(socket: OrtaqSocket, ctx: HandlerContext): void {
  const frameSize = meterFrames(socket);
  socket.onAny((event: unknown, ...args: unknown[]) => {
    // Runs outside socket.io's own error handling: it must never throw.
    try {
      const bytes = frameSize();
      if (event === "stroke:progress") return relayStrokeProgress(socket, ctx, args[0]);
      if (event === "break:set") return setBreak(socket, ctx, args[0]);
      const last = args[args.length - 1];
      const ack: AckFn | null = typeof last === "function" ? (a) => last(a) : null;
      if (!isCommandName(event)) {
        strike(socket, ctx, "unknown event");
        ack?.(errorAck("UNKNOWN_EVENT", `Unknown event "${String(event).slice(0, 40)}"`));
        return;
      }
      if (!ack) {
        strike(socket, ctx, "command without ack");
        return;
      }
      void dispatch(socket, ctx, event, args[0], bytes).then(ack, (err: unknown) => {
        ctx.deps.logger.error("command failed", { command: event, error: err instanceof Error ? err.message : String(err) });
        ack(errorAck("INTERNAL", "Something went wrong on the server"));
      });
    } catch (err) {
      ctx.deps.logger.error("inbound message handling failed", { error: err instanceof Error ? err.message : String(err) });
    }
  });
}

/** `bytes`: the message's size on the wire (its frame, event name included), when the transport told us. */
async function dispatch(socket: OrtaqSocket, ctx: HandlerContext, name: CommandName, raw: unknown, bytes: number | null): Promise<Ack<object>> {
  const maxBytes = COMMANDS[name].maxBytes;
  if ((bytes ?? payloadSize(raw, maxBytes)) > maxBytes) {
    strike(socket, ctx, "payload too large");
    return errorAck("PAYLOAD_TOO_LARGE", `Payload exceeds ${maxBytes} bytes`);
  }
  return isLobbyCommand(name) ? runLobby(socket, ctx, name, raw) : runSession(socket, ctx, name, raw);
}

type Admitted<N extends CommandName> = { ok: true; envelope: { id: string; sessionId?: string }; body: CommandBody<N> } | { ok: false; ack: Ack };

/** Parses the envelope and the body by the command's own schemas, then takes from the sender's rate budget. */
function admit<N extends CommandName>(socket: OrtaqSocket, ctx: HandlerContext, name: N, raw: unknown): Admitted<N> {
  const entry = COMMANDS[name];
  const envelope = entry.envelope.safeParse(raw);
  const body = entry.body.safeParse(raw);
  if (!envelope.success || !body.success) {
    strike(socket, ctx, "bad payload");
    const issues = [...(envelope.success ? [] : [envelope.error]), ...(body.success ? [] : [body.error])];
    return { ok: false, ack: errorAck("BAD_REQUEST", issues.map(describeIssues).join("; ")) };
  }
  if (!ctx.limits.commands.take(actorKey(socket))) return { ok: false, ack: errorAck("RATE_LIMITED", "Too many requests; wait a moment") };
  return { ok: true, envelope: envelope.data, body: body.data };
}

async function runLobby<N extends LobbyCommandName>(socket: OrtaqSocket, ctx: HandlerContext, name: N, raw: unknown): Promise<Ack<object>> {
  const admitted = admit(socket, ctx, name, raw);
  if (!admitted.ok) return admitted.ack;
  const handler: LobbyHandler<N> = LOBBY_HANDLERS[name];
  return handler(socket, ctx, admitted.envelope.id, admitted.body);
}

async function runSession<N extends SessionCommandName>(socket: OrtaqSocket, ctx: HandlerContext, name: N, raw: unknown): Promise<Ack<object>> {
  const admitted = admit(socket, ctx, name, raw);
  if (!admitted.ok) return admitted.ack;
  return runSessionCommand(socket, ctx, name, admitted.envelope, admitted.body);
}
