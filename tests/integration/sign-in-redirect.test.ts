import { safeNext } from "@/lib/server/security/safe-next";

/**
 * Where the sign-in page sends the browser afterwards (`/login?next=…`): only
 * a path on this site. Each payload is checked the way a browser would follow
 * it: resolved against our origin, it must stay there.
 */
const ORIGIN = "http://ortaq.test:3000";
const followed = (next: unknown) => new URL(safeNext(next), ORIGIN);

describe("safeNext", () => {
  it.each([
    "/\\evil.example/x",
    "/\t/evil.example/x",
    "/\n/evil.example/x",
    "/\r\n/evil.example/x",
    "\t//evil.example/x",
    " //evil.example",
    "//evil.example",
    "///evil.example",
    "/\\/evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "/.//evil.example",
    "/%09/evil.example",
    "https://evil.example",
    "http:evil.example",
    "HTTPS://evil.example/console",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "evil.example",
    "",
    "\u0000//evil.example",
    "/\u00a0/evil.example",
    "/\u2028/evil.example",
  ])("keeps %j on this site", (payload) => {
    const url = followed(payload);
    expect(url.origin).toBe(ORIGIN);
    expect(url.protocol).toBe("http:");
  });

  it.each([
    ["/\\evil.example/x", "/console"],
    ["/\t/evil.example/x", "/console"],
    ["//evil", "/console"],
    ["https://evil", "/console"],
    ["javascript:alert(1)", "/console"],
  ])("falls back for %j", (payload, want) => {
    expect(safeNext(payload)).toBe(want);
  });

  it("decoded query payloads (%5C, %09, %2F%2F) are refused like their raw forms", () => {
    // Next hands the page the decoded value of ?next=…
    for (const raw of ["/%5Cevil.example/x", "/%09/evil.example/x", "%2F%2Fevil.example", "/%2F%2Fevil.example", "%5C%5Cevil.example"]) {
      expect(followed(decodeURIComponent(raw)).origin).toBe(ORIGIN);
      expect(safeNext(decodeURIComponent(raw))).toBe("/console");
    }
    // Still encoded (double-encoded in the address): a harmless path here.
    expect(safeNext("/%2F%2Fevil.example")).toBe("/%2F%2Fevil.example");
    expect(followed("/%2F%2Fevil.example").origin).toBe(ORIGIN);
  });

  it("keeps real paths, with query and fragment", () => {
    expect(safeNext("/screen/abc-123")).toBe("/screen/abc-123");
    expect(safeNext("/org/sessions?trainer=x&page=2#top")).toBe("/org/sessions?trainer=x&page=2#top");
    expect(safeNext("/console/../org/plans")).toBe("/org/plans");
  });

  it("ignores non-strings (repeated ?next=) and absurd lengths", () => {
    expect(safeNext(["/a", "/b"])).toBe("/console");
    expect(safeNext(undefined)).toBe("/console");
    expect(safeNext(`/${"a".repeat(3000)}`)).toBe("/console");
  });
});
