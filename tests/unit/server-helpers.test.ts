import type { IncomingMessage } from "node:http";
import { parseEnv } from "@/lib/env";
import { joinBaseUrl } from "@/lib/server/lan";
import { isOriginAllowed } from "@/lib/server/live/origin";
import { createRateLimiter } from "@/lib/server/live/rate-limit";

describe("rate limiter", () => {
  it("allows a burst, then refills over time, per key", () => {
    let now = 0;
    const rl = createRateLimiter({ capacity: 3, refillPerSecond: 1, clock: () => now });
    expect([rl.take("a"), rl.take("a"), rl.take("a"), rl.take("a")]).toEqual([true, true, true, false]);
    expect(rl.take("b")).toBe(true);
    now = 1000;
    expect([rl.take("a"), rl.take("a")]).toEqual([true, false]);
  });

  it("forgets the oldest keys beyond its bound", () => {
    const rl = createRateLimiter({ capacity: 1, refillPerSecond: 0, clock: () => 0, maxKeys: 2 });
    rl.take("a");
    rl.take("b");
    rl.take("c");
    expect(rl.take("a")).toBe(true);
  });
});

describe("origin check", () => {
  const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;
  it.each([
    [{ host: "192.168.1.5:3000" }, true],
    [{ host: "192.168.1.5:3000", origin: "http://192.168.1.5:3000" }, true],
    [{ host: "192.168.1.5:3000", origin: "http://evil.example" }, false],
    [{ host: "192.168.1.5:3000", origin: "http://192.168.1.5:3001" }, false],
    [{ host: "localhost:3000", origin: "null" }, false],
    [{ host: "a:1", origin: "https://extra.example" }, true],
  ])("%p -> %p", (headers, ok) => {
    expect(isOriginAllowed(req(headers), ["https://extra.example"])).toBe(ok);
  });
});

describe("join address", () => {
  it("prefers PUBLIC_URL", () => {
    expect(joinBaseUrl({ publicUrl: "https://ortaq.example.org/", requestHost: "localhost:3000", port: 3000 })).toBe("https://ortaq.example.org");
  });
  it("keeps a LAN host the page was opened with", () => {
    expect(joinBaseUrl({ requestHost: "192.168.1.5:3000", port: 3000 })).toBe("http://192.168.1.5:3000");
  });
  it("gives phones the LAN address instead of 'localhost'", () => {
    expect(joinBaseUrl({ requestHost: "localhost:3000", port: 3000, lan: ["192.168.1.20"] })).toBe("http://192.168.1.20:3000");
    expect(joinBaseUrl({ requestHost: "127.0.0.1:3000", port: 3000, lan: ["10.0.0.7", "192.168.1.20"] })).toBe("http://10.0.0.7:3000");
  });

  it("keeps localhost only when the machine has no network at all", () => {
    expect(joinBaseUrl({ requestHost: "localhost:3000", port: 3000, lan: [] })).toBe("http://localhost:3000");
  });
});

describe("configuration", () => {
  it("has defaults for a laptop install", () => {
    expect(parseEnv({})).toMatchObject({ PORT: 3000, HOST: "0.0.0.0", DATABASE_PATH: "./data/ortaq.db" });
  });
  it("names the bad setting", () => {
    expect(() => parseEnv({ PORT: "eighty" })).toThrow(/PORT/);
    expect(() => parseEnv({ SESSION_SECRET: "short" })).toThrow(/SESSION_SECRET/);
  });
  it("takes PostgreSQL only as a postgres:// URL, and a plain schema name", () => {
    expect(parseEnv({})).not.toHaveProperty("DATABASE_URL");
    expect(parseEnv({ DATABASE_URL: "postgres://u@db:5432/ortaq", DATABASE_SCHEMA: "ortaq_2" })).toMatchObject({ DATABASE_URL: "postgres://u@db:5432/ortaq", DATABASE_SCHEMA: "ortaq_2" });
    expect(parseEnv({ DATABASE_URL: "postgresql://db/ortaq" }).DATABASE_URL).toBe("postgresql://db/ortaq");
    expect(() => parseEnv({ DATABASE_URL: "mysql://db/ortaq" })).toThrow(/DATABASE_URL: must be a PostgreSQL URL/);
    expect(() => parseEnv({ DATABASE_URL: "./data/ortaq.db" })).toThrow(/DATABASE_URL/);
    expect(() => parseEnv({ DATABASE_SCHEMA: "Ortaq; DROP" })).toThrow(/DATABASE_SCHEMA/);
    expect(() => parseEnv({ DATABASE_SCHEMA: "1st" })).toThrow(/DATABASE_SCHEMA/);
  });
});
