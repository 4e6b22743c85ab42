import { EventEmitter } from "node:events";
import { meterFrames } from "@/lib/server/live/frame-size";
import type { OrtaqSocket } from "@/lib/server/live/socket-types";

/** engine.io's side of a socket: the packets as they came off the wire, before socket.io parses them. */
function wire() {
  const conn = new EventEmitter();
  const size = meterFrames({ conn } as unknown as OrtaqSocket);
  const packet = (data: string | Buffer, type = "message") => conn.emit("packet", { type, data });
  return { size, packet };
}

describe("meterFrames", () => {
  it("gives the size of the event that just came in, once", () => {
    const { size, packet } = wire();
    packet('21["note:add",{"text":"hi"}]');
    expect(size()).toBe(28);
    expect(size()).toBeNull();
  });

  it("adds an event's binary parts to its header", () => {
    const { size, packet } = wire();
    packet('51-2["note:add",{"junk":{"_placeholder":true,"num":0}}]');
    packet(Buffer.alloc(20_000));
    expect(size()).toBe(55 + 20_000);
  });

  it("counts nothing for what is not an event: a ping, an ack, or binary without a header", () => {
    const { size, packet } = wire();
    packet("", "ping");
    expect(size()).toBeNull();
    packet('30[{"ok":true}]');
    packet(Buffer.alloc(100));
    expect(size()).toBeNull();
  });

  it("starts again with each event", () => {
    const { size, packet } = wire();
    packet('2["stroke:progress",{}]');
    packet('22["note:add",{}]');
    expect(size()).toBe(17);
  });
});
