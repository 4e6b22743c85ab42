import fc from "fast-check";
import { groupCount, groupName, pairsOf, repeatedPairs, smallestGroup, splitIntoGroups } from "@/lib/domain/grouping";

const people = (n: number) => Array.from({ length: n }, (_, i) => `p${i}`);

describe("splitIntoGroups", () => {
  it.each([
    // [people, by, n, balanced, expected sizes (sorted desc)]
    [8, "count", 3, true, [3, 3, 2]],
    [10, "size", 4, true, [4, 3, 3]],
    [10, "size", 4, false, [4, 4, 2]],
    [9, "size", 3, false, [3, 3, 3]],
    [3, "count", 5, true, [1, 1, 1]],
    [0, "count", 3, true, [0]],
    [500, "count", 50, true, Array(50).fill(10)],
  ] as const)("%i people by %s %i (balanced %p) -> %p", (n, by, k, balanced, sizes) => {
    const groups = splitIntoGroups(people(n), { by, n: k, balanced, seed: 7 });
    expect(groups.map((g) => g.length).sort((a, b) => b - a)).toEqual(sizes);
  });

  it("puts every participant in exactly one group, within size bounds (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.constantFrom("count", "size"), fc.integer({ min: 1, max: 60 }), fc.boolean(), fc.integer(), (n, by, k, balanced, seed) => {
        const input = people(n);
        const groups = splitIntoGroups(input, { by: by as "count" | "size", n: k, balanced, seed });
        const flat = groups.flat();
        expect(flat.sort()).toEqual([...input].sort());
        expect(groups.length).toBe(groupCount(n, by as "count" | "size", k));
        const sizes = groups.map((g) => g.length);
        if (balanced || by === "count") expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        if (by === "size" && groups.length < 100) expect(Math.max(...sizes)).toBeLessThanOrEqual(k);
      }),
      { numRuns: 300 },
    );
  });

  it("is deterministic for a seed and varies with it (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 100 }), fc.integer({ min: 1, max: 10 }), fc.integer(), (n, k, seed) => {
        const a = splitIntoGroups(people(n), { by: "count", n: k, balanced: true, seed });
        const b = splitIntoGroups(people(n), { by: "count", n: k, balanced: true, seed });
        expect(a).toEqual(b);
      }),
    );
    const a = splitIntoGroups(people(40), { by: "count", n: 4, balanced: true, seed: 1 });
    const b = splitIntoGroups(people(40), { by: "count", n: 4, balanced: true, seed: 2 });
    expect(a).not.toEqual(b);
  });

  it("mixes people with new people when asked", () => {
    const first = splitIntoGroups(people(24), { by: "count", n: 4, balanced: true, seed: 3 });
    const avoid = pairsOf(first);
    const plain = splitIntoGroups(people(24), { by: "count", n: 4, balanced: true, seed: 3 });
    const mixed = splitIntoGroups(people(24), { by: "count", n: 4, balanced: true, seed: 3, avoid });
    expect(repeatedPairs(plain, avoid)).toBe(60);
    expect(repeatedPairs(mixed, avoid)).toBeLessThan(15);
    expect(mixed.map((g) => g.length)).toEqual([6, 6, 6, 6]);
  });
});

describe("late joiners and names", () => {
  it("go to the smallest open group, the earliest on ties", () => {
    const sizes: Record<string, number> = { a: 3, b: 2, c: 2 };
    expect(smallestGroup(["a", "b", "c"], (g) => sizes[g])).toBe("b");
    expect(smallestGroup(["a", "b", "c"], (g) => sizes[g], (g) => g !== "b")).toBe("c");
    expect(smallestGroup([], () => 0)).toBeNull();
  });

  it("name groups with animals in the session's language, then numbers", () => {
    expect(groupName(0, "animals", "kk", "Топ")).toBe("Түлкі");
    expect(groupName(16, "animals", "en", "Group")).toBe("Fox 2");
    expect(groupName(2, "numbers", "ru", "Группа")).toBe("Группа 3");
  });
});
