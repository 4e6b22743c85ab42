import type { z } from "zod";
import { COMMAND_SCHEMAS, type CommandName, type CommandPayload } from "@/lib/protocol/commands";
import { errorAck, type Ack } from "@/lib/protocol/result";
import type { HandlerContext, OrtaqSocket } from "./socket-types";

/** Inbound command payloads above this size get PAYLOAD_TOO_LARGE (the transport itself cuts at MAX_MESSAGE_BYTES). */
export const MAX_COMMAND_BYTES = 16 * 1024;
/** A socket that sends this many bad messages within STRIKE_WINDOW_MS is disconnected. */
const STRIKE_LIMIT = 20;
const STRIKE_WINDOW_MS = 60_000;

export function payloadSize(payload: unknown): number {
  try {
    return JSON.stringify(payload)?.length ?? 0;
  } catch {
    return Infinity;
  }
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

/**
 * Registers a command: checks the ack, size, shape and rate before the
 * handler runs, and turns any thrown error into an INTERNAL ack so one
 * client can never crash the process.
 */
export function onCommand<N extends CommandName>(
  socket: OrtaqSocket,
  ctx: HandlerContext,
  name: N,
  handler: (payload: CommandPayload<N>) => Promise<Ack<object>>,
  maxBytes = MAX_COMMAND_BYTES,
): void {
  const schema = COMMAND_SCHEMAS[name] as unknown as z.ZodType<CommandPayload<N>>;
  // socket.io's typed `on` cannot see our generic name; the listener checks everything itself.
  (socket as unknown as { on(event: string, fn: (...args: unknown[]) => void): void }).on(name, async (...args) => {
    const ack = typeof args[args.length - 1] === "function" ? (args.pop() as (a: Ack<object>) => void) : null;
    if (!ack) {
      strike(socket, ctx, "command without ack");
      return;
    }
    if (payloadSize(args[0]) > maxBytes) {
      strike(socket, ctx, "payload too large");
      ack(errorAck("PAYLOAD_TOO_LARGE", `Payload exceeds ${maxBytes} bytes`));
      return;
    }
    const parsed = schema.safeParse(args[0]);
    if (!parsed.success) {
      strike(socket, ctx, "bad payload");
      ack(errorAck("BAD_REQUEST", describeIssues(parsed.error)));
      return;
    }
    if (!ctx.limits.commands.take(actorKey(socket))) {
      ack(errorAck("RATE_LIMITED", "Too many requests; wait a moment"));
      return;
    }
    try {
      ack(await handler(parsed.data));
    } catch (err) {
      ctx.deps.logger.error("command failed", { command: name, error: (err as Error).message });
      ack(errorAck("INTERNAL", "Something went wrong on the server"));
    }
  });
}
