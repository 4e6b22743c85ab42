import fc from "fast-check";
import { COMMANDS, COMMAND_NAMES, MAX_COMMAND_BYTES } from "@/lib/protocol/commands";
import { payloadSize } from "@/lib/server/live/command-dispatch";

/** Every character of every string and key in a value: what a size bound must never undercount. */
function textLength(v: unknown): number {
  if (typeof v === "string") return v.length;
  if (Array.isArray(v)) return v.reduce((n: number, x) => n + textLength(x), 0);
  if (v && typeof v === "object") return Object.entries(v).reduce((n, [k, x]) => n + k.length + textLength(x), 0);
  return 0;
}

describe("payloadSize", () => {
  const cases: [string, unknown, number][] = [
    ["empty string", "", 2],
    ["a string: its characters and quotes", "abc", 5],
    ["a number: its digits", 123456789, 9],
    ["a negative fraction: its characters", -1.5, 4],
    ["a boolean", false, 5],
    ["null", null, 4],
    ["undefined", undefined, 4],
    ["an empty array", [], 2],
    ["an array: brackets, separators and items", [1, "ab"], 2 + 2 + 1 + 4],
    ["an empty object", {}, 0],
    ["an object: each key, its quotes, colon and comma, and value", { ab: "cd" }, 2 + 4 + 4],
    ["nesting", { a: [{ b: null }] }, 1 + 4 + (2 + 1) + (1 + 4 + 4)],
    ['a key named "__proto__" (as JSON.parse makes it) counts like any other', JSON.parse('{"__proto__":"xyz"}'), 9 + 4 + 5],
  ];

  it.each(cases)("%s", (_name, value, size) => {
    expect(payloadSize(value)).toBe(size);
  });

  it.each([
    ["a function", () => 1],
    ["a symbol", Symbol("x")],
    ["a bigint", BigInt(1)],
    ["a function deep inside", { a: [{ b: () => 1 }] }],
  ])("calls %s too large to measure", (_name, value) => {
    expect(payloadSize(value)).toBe(Infinity);
  });

  it("never counts less than the text a payload carries", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(payloadSize(v)).toBeGreaterThanOrEqual(textLength(v));
      }),
      { numRuns: 300 },
    );
  });

  it("is exact under the limit and above the limit past it, for any limit", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.nat({ max: 2000 }), (v, limit) => {
        const full = payloadSize(v);
        const bounded = payloadSize(v, limit);
        if (full <= limit) expect(bounded).toBe(full);
        else expect(bounded).toBeGreaterThan(limit);
      }),
      { numRuns: 500 },
    );
  });

  it("stops early on a payload far past the limit, even one that refers to itself", () => {
    const cyclic: Record<string, unknown> = { text: "x".repeat(100) };
    cyclic.self = cyclic;
    cyclic.list = [cyclic, cyclic];
    expect(payloadSize(cyclic, 10_000)).toBeGreaterThan(10_000);
  });

  it("does not let a prototype-named key hide a huge value", () => {
    for (const key of ["__proto__", "constructor", "prototype", "toString"]) {
      const v = JSON.parse(`{"id":"abcdefgh","${key}":{"text":"${"x".repeat(MAX_COMMAND_BYTES)}"}}`);
      expect({ key, over: payloadSize(v, MAX_COMMAND_BYTES) > MAX_COMMAND_BYTES }).toEqual({ key, over: true });
    }
  });

  it("leaves room in every command's bound for the largest text its schema allows", () => {
    // The longest free-text fields in the table: a note (4,000), a broadcast (2,000), a screen key or token (2,000).
    const largestText = { id: "x".repeat(64), sessionId: "s".repeat(64), text: "x".repeat(4000), screenKey: "k".repeat(2000), token: "t".repeat(2000) };
    for (const name of COMMAND_NAMES) expect({ name, fits: payloadSize(largestText) <= COMMANDS[name].maxBytes }).toEqual({ name, fits: true });
  });
});
