import type { OrtaqSocket } from "./socket-types";

/**
 * The size of each message as it came off the wire, counted from engine.io's
 * packets before socket.io parses them, so that a command's size check reads
 * it instead of walking (or serialising) the parsed payload again. Returns a
 * function that gives the size of the message being handled, once: socket.io
 * hands a message to its handlers in the same call that received its last
 * packet, so the count belongs to that message.
 */
export function meterFrames(socket: OrtaqSocket): () => number | null {
  let bytes: number | null = null;
  socket.conn.on("packet", (packet: { type: string; data?: unknown }) => {
    if (packet.type !== "message") return;
    const d = packet.data;
    if (typeof d === "string") {
      // socket.io packet types "2" (event) and "5" (event with binary parts) start a message for the handlers.
      const type = d.charCodeAt(0);
      bytes = type === 50 || type === 53 ? d.length : null;
    } else if (bytes !== null && typeof d === "object" && d !== null && "byteLength" in d && typeof d.byteLength === "number") {
      bytes += d.byteLength;
    }
  });
  return () => {
    const b = bytes;
    bytes = null;
    return b;
  };
}
