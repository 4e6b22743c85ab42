import fs from "node:fs";
import path from "node:path";
import { parseRange } from "@/lib/server/media/media-files";
import { startTestServer, type TestServer } from "../support/test-server";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.close();
});

const demo = fs.readFileSync(path.join(__dirname, "../../content/media/demo-awareness.webm"));

describe("media with range requests", () => {
  it("serves the demo video whole, with its type and range support", async () => {
    const res = await fetch(`${t.url}/media/demo-awareness.webm`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("video/webm");
    expect(res.headers.get("accept-ranges")).toBe("bytes");
    expect(Buffer.from(await res.arrayBuffer()).equals(demo)).toBe(true);
  });

  it.each([
    ["bytes=0-99", 0, 99],
    ["bytes=1000-", 1000, demo.length - 1],
    ["bytes=-500", demo.length - 500, demo.length - 1],
    ["bytes=200-9999999999", 200, demo.length - 1],
  ])("answers %s with 206 and exactly those bytes", async (range, start, end) => {
    const res = await fetch(`${t.url}/media/demo-awareness.webm`, { headers: { range } });
    expect(res.status).toBe(206);
    expect(res.headers.get("content-range")).toBe(`bytes ${start}-${end}/${demo.length}`);
    expect(Number(res.headers.get("content-length"))).toBe(end - start + 1);
    expect(Buffer.from(await res.arrayBuffer()).equals(demo.subarray(start, end + 1))).toBe(true);
  });

  it("finds a video by its bare media id", async () => {
    const res = await fetch(`${t.url}/media/demo-awareness`, { headers: { range: "bytes=0-3" } });
    expect(res.status).toBe(206);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(demo.subarray(0, 4));
  });

  it("refuses an unsatisfiable range with 416", async () => {
    const res = await fetch(`${t.url}/media/demo-awareness.webm`, { headers: { range: `bytes=${demo.length}-` } });
    expect(res.status).toBe(416);
    expect(res.headers.get("content-range")).toBe(`bytes */${demo.length}`);
  });

  it("serves captions in three languages", async () => {
    for (const l of ["en", "ru", "kk"]) {
      const res = await fetch(`${t.url}/media/demo-awareness.${l}.vtt`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("text/vtt");
      expect(await res.text()).toMatch(/^WEBVTT/);
    }
  });

  it.each(["../package.json", "..%2Fpackage.json", "%2e%2e%2fdata%2fortaq.db", "demo-awareness.exe", "missing.webm", "README.md"])("gives nothing for %s", async (name) => {
    const res = await fetch(`${t.url}/media/${name}`);
    expect([400, 404]).toContain(res.status);
  });

  it.each([
    [undefined, 100, null],
    ["bytes=0-9", 100, { start: 0, end: 9 }],
    ["bytes=-", 100, "invalid"],
    ["bytes=5-2", 100, "invalid"],
    ["items=0-1", 100, "invalid"],
    ["bytes=-0", 100, "invalid"],
  ])("parseRange(%p, %p) -> %p", (h, size, out) => {
    expect(parseRange(h, size)).toEqual(out);
  });
});
