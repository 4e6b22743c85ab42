import { generateJoinCode, isJoinCode, JOIN_CODE_ALPHABET, normalizeJoinCode } from "@/lib/domain/join-code";

describe("join codes", () => {
  it("leave out look-alike characters", () => {
    for (const c of ["0", "O", "1", "I", "L"]) expect(JOIN_CODE_ALPHABET).not.toContain(c);
  });

  it("are 6 characters from the alphabet, whatever the random source gives", () => {
    const edges = [() => 0, (n: number) => n - 1, (n: number) => Math.floor(n / 2)];
    for (const rnd of edges) {
      const code = generateJoinCode(rnd);
      expect(code).toHaveLength(6);
      expect(isJoinCode(code)).toBe(true);
    }
  });

  it("spread over the alphabet with a uniform source", () => {
    let seed = 42;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) for (const ch of generateJoinCode(rnd)) seen.add(ch);
    expect(seen.size).toBe(JOIN_CODE_ALPHABET.length);
  });

  it.each([
    ["abc def", "ABCDEF"],
    ["ABC-DEF", "ABCDEF"],
    [" x7k9mq ", "X7K9MQ"],
    ["", ""],
  ])("normalise %p to %p", (input, out) => {
    expect(normalizeJoinCode(input)).toBe(out);
  });

  it.each([
    ["ABCDEF", true],
    ["ABCDE", false],
    ["ABCDEFG", false],
    ["ABCDE0", false],
    ["ABCDEL", false],
    ["abcdef", false],
  ])("isJoinCode(%p) is %p", (code, ok) => {
    expect(isJoinCode(code)).toBe(ok);
  });
});
