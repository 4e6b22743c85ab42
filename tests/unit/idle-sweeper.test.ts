import { createIdleSweeper } from "@/lib/server/live/idle-sweeper";

/**
 * A registry and a room count the sweeper reads, changed between sweeps;
 * eviction drops the session from what is loaded, as the real registry does.
 */
function world(initial: Record<string, number>) {
  const online = new Map(Object.entries(initial));
  const evicted: string[] = [];
  const sweeper = createIdleSweeper({
    loaded: () => [...online.keys()],
    connected: (id) => online.get(id) ?? 0,
    evict: (id) => {
      evicted.push(id);
      online.delete(id);
    },
  });
  return { online, evicted, sweeper };
}

describe("idle sweeper", () => {
  // Each row: the connections per loaded session before each sweep (absent: not loaded), and what each sweep evicts.
  type Sweep = { online: Record<string, number>; evicts: string[] };
  const cases: [string, Sweep[]][] = [
    [
      "evicts a session quiet for two sweeps in a row, not after one",
      [
        { online: { a: 0 }, evicts: [] },
        { online: { a: 0 }, evicts: ["a"] },
      ],
    ],
    [
      "never evicts a session someone is connected to",
      [
        { online: { a: 2 }, evicts: [] },
        { online: { a: 1 }, evicts: [] },
        { online: { a: 1 }, evicts: [] },
      ],
    ],
    [
      "starts counting again when someone connects between sweeps",
      [
        { online: { a: 0 }, evicts: [] },
        { online: { a: 1 }, evicts: [] },
        { online: { a: 0 }, evicts: [] },
        { online: { a: 0 }, evicts: ["a"] },
      ],
    ],
    [
      "a session first loaded after a sweep needs two sweeps of its own",
      [
        { online: { a: 0 }, evicts: [] },
        { online: { a: 0, b: 0 }, evicts: ["a"] },
        { online: { b: 0 }, evicts: ["b"] },
      ],
    ],
    [
      "treats each session on its own",
      [
        { online: { a: 0, b: 3, c: 0 }, evicts: [] },
        { online: { a: 0, b: 0, c: 1 }, evicts: ["a"] },
        { online: { b: 0, c: 0 }, evicts: ["b"] },
        { online: { c: 0 }, evicts: ["c"] },
      ],
    ],
    [
      "a session loaded again after eviction gets two fresh sweeps",
      [
        { online: { a: 0 }, evicts: [] },
        { online: { a: 0 }, evicts: ["a"] },
        { online: {}, evicts: [] },
        { online: { a: 0 }, evicts: [] },
        { online: { a: 0 }, evicts: ["a"] },
      ],
    ],
    ["does nothing with nothing loaded", [{ online: {}, evicts: [] }, { online: {}, evicts: [] }]],
  ];

  it.each(cases)("%s", (_name, sweeps) => {
    const w = world({});
    for (const [i, { online, evicts }] of sweeps.entries()) {
      w.online.clear();
      for (const [id, n] of Object.entries(online)) w.online.set(id, n);
      const before = w.evicted.length;
      expect({ sweep: i, evicted: w.sweeper.sweep().sort() }).toEqual({ sweep: i, evicted: [...evicts].sort() });
      // sweep() returns exactly what it evicted.
      expect(w.evicted.slice(before).sort()).toEqual([...evicts].sort());
    }
  });

  it("asks for the connection count of loaded sessions only and evicts each session once", () => {
    const connected = jest.fn((_id: string) => 0);
    const evict = jest.fn((_id: string) => undefined);
    let loaded = ["a", "b"];
    const sweeper = createIdleSweeper({ loaded: () => loaded, connected, evict });
    sweeper.sweep();
    expect(connected.mock.calls.map(([id]) => id).sort()).toEqual(["a", "b"]);
    // "b" was evicted by someone else meanwhile (an ended session's TTL): it is no longer loaded.
    loaded = ["a"];
    expect(sweeper.sweep()).toEqual(["a"]);
    expect(evict.mock.calls).toEqual([["a"]]);
  });
});
