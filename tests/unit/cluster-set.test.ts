import { pickWriter, systemCommandId } from "@/lib/server/live/cluster-link";
import { commandIdSchema } from "@/lib/protocol/commands";
import { ClusterSet, type SetChange } from "@/lib/server/live/cluster-set";

/** Who is online (or away) across instances: a member is in while any instance has it. */
describe("ClusterSet", () => {
  it("counts this instance's holds: two tabs keep a phone online until both close, and each flip is told to the others", () => {
    const told: SetChange[] = [];
    const set = new ClusterSet((c) => told.push(c));
    expect(set.add("s", "p1")).toBe(true);
    expect(set.add("s", "p1")).toBe(false);
    expect(set.remove("s", "p1")).toBe(false);
    expect(set.members("s")).toEqual(["p1"]);
    expect(set.remove("s", "p1")).toBe(true);
    expect(set.members("s")).toEqual([]);
    expect(told).toEqual([
      { sessionId: "s", id: "p1", present: true },
      { sessionId: "s", id: "p1", present: false },
    ]);
  });

  it("joins the other instances' members, and a member on two instances leaves only when both let go", () => {
    const set = new ClusterSet();
    expect(set.applyChange("B", { sessionId: "s", id: "p1", present: true }, 0)).toEqual({ sessionId: "s", id: "p1", present: true });
    expect(set.add("s", "p1")).toBe(false);
    expect(set.size("s")).toBe(1);
    expect(set.applyChange("B", { sessionId: "s", id: "p1", present: false }, 1)).toBeNull();
    expect(set.remove("s", "p1")).toBe(true);
    expect(set.size("s")).toBe(0);
  });

  it("a heartbeat replaces an instance's share and names only real changes", () => {
    const set = new ClusterSet();
    set.add("s", "p1");
    expect(set.applySnapshot("B", { s: ["p1", "p2"], t: ["p3"] }, 0)).toEqual([
      { sessionId: "s", id: "p2", present: true },
      { sessionId: "t", id: "p3", present: true },
    ]);
    expect(set.applySnapshot("B", { s: ["p1"] }, 1)).toEqual([
      { sessionId: "s", id: "p2", present: false },
      { sessionId: "t", id: "p3", present: false },
    ]);
    expect(set.members("s")).toEqual(["p1"]);
  });

  it("an instance not heard from is gone: its members leave, unless another instance has them", () => {
    const set = new ClusterSet();
    set.applySnapshot("B", { s: ["p1", "p2"] }, 1000);
    set.applySnapshot("C", { s: ["p2"] }, 20_000);
    expect(set.expire(5_000, 20_000)).toEqual([{ sessionId: "s", id: "p1", present: false }]);
    expect(set.members("s")).toEqual(["p2"]);
    expect(set.snapshot()).toEqual({});
  });
});

describe("systemCommandId", () => {
  it("is the same on every instance, and no client may send it as its own command id", () => {
    const id = systemCommandId("help-purge", "session-1");
    expect(id).toBe(systemCommandId("help-purge", "session-1"));
    expect(commandIdSchema.safeParse(id).success).toBe(false);
    expect(commandIdSchema.safeParse("sys-help-purge-session-1").success).toBe(true);
  });
});

describe("pickWriter", () => {
  const sessions = Array.from({ length: 400 }, (_, i) => `session-${i}`);

  it("every instance picks the same writer for a session, whatever order it heard the others in", () => {
    for (const s of sessions.slice(0, 50)) {
      expect(pickWriter(s, ["a", "b", "c"])).toBe(pickWriter(s, ["c", "a", "b"]));
      expect(["a", "b", "c"]).toContain(pickWriter(s, ["b", "c", "a"]));
    }
  });

  it("spreads sessions over the instances, and one leaving moves only its own sessions", () => {
    const before = new Map(sessions.map((s) => [s, pickWriter(s, ["a", "b", "c"])]));
    const share = (x: string) => [...before.values()].filter((w) => w === x).length;
    for (const x of ["a", "b", "c"]) expect(share(x)).toBeGreaterThan(100);
    for (const s of sessions) {
      const after = pickWriter(s, ["a", "c"]);
      if (before.get(s) !== "b") expect(after).toBe(before.get(s));
      else expect(["a", "c"]).toContain(after);
    }
  });
});
