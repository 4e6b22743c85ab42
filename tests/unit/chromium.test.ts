// scripts/chromium.cjs: how `npm test` finds (or installs) the Chromium Playwright drives.
type Result = { path: string; installed: boolean } | { error: string };
type Deps = {
  env: Record<string, string | undefined>;
  exists: (file: string) => boolean;
  isRoot: boolean;
  hasAptGet: boolean;
  install: () => boolean;
  log: (message: string) => void;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { findChromium } = require("../../scripts/chromium.cjs") as { findChromium: (deps: Deps) => Result };

function machine(over: Partial<Deps> & { files?: string[]; installs?: string[] } = {}) {
  const files = new Set(over.files ?? []);
  const logs: string[] = [];
  const installs: number[] = [];
  const deps: Deps = {
    env: {},
    exists: (f) => files.has(f),
    isRoot: false,
    hasAptGet: true,
    install: () => {
      installs.push(1);
      for (const f of over.installs ?? []) files.add(f);
      return (over.installs ?? []).length > 0;
    },
    log: (m) => logs.push(m),
    ...over,
  };
  return { result: () => findChromium(deps), logs, installs };
}

describe("findChromium", () => {
  it("uses CHROMIUM_PATH first, then /usr/bin/chromium, then /usr/bin/chromium-browser", () => {
    expect(machine({ env: { CHROMIUM_PATH: "/opt/c/chrome" }, files: ["/opt/c/chrome", "/usr/bin/chromium"] }).result()).toEqual({ path: "/opt/c/chrome", installed: false });
    expect(machine({ files: ["/usr/bin/chromium", "/usr/bin/chromium-browser"] }).result()).toEqual({ path: "/usr/bin/chromium", installed: false });
    expect(machine({ files: ["/usr/bin/chromium-browser"] }).result()).toEqual({ path: "/usr/bin/chromium-browser", installed: false });
  });

  it("says so when CHROMIUM_PATH is missing and another Chromium is used", () => {
    const m = machine({ env: { CHROMIUM_PATH: "/nope" }, files: ["/usr/bin/chromium"] });
    expect(m.result()).toEqual({ path: "/usr/bin/chromium", installed: false });
    expect(m.logs.join("\n")).toContain("CHROMIUM_PATH=/nope");
  });

  it("fails with one sentence when it is missing and this is not root", () => {
    const m = machine({ env: { CHROMIUM_PATH: "/nope" }, isRoot: false });
    expect(m.result()).toEqual({
      error:
        "Chromium not found at /nope, /usr/bin/chromium or /usr/bin/chromium-browser and cannot install it (not root): run `sudo apt-get install -y chromium` or set CHROMIUM_PATH.",
    });
    expect(m.installs).toHaveLength(0);
  });

  it("fails with one sentence when there is no apt-get", () => {
    const m = machine({ isRoot: true, hasAptGet: false });
    const r = m.result();
    expect("error" in r && r.error).toMatch(/^Chromium not found at \/usr\/bin\/chromium or \/usr\/bin\/chromium-browser and cannot install it \(no apt-get\)/);
    expect(m.installs).toHaveLength(0);
  });

  it("installs it as root with apt-get, then uses it", () => {
    const m = machine({ isRoot: true, installs: ["/usr/bin/chromium"] });
    expect(m.result()).toEqual({ path: "/usr/bin/chromium", installed: true });
    expect(m.installs).toHaveLength(1);
  });

  it("fails with one sentence when the install does not work", () => {
    const m = machine({ isRoot: true, installs: [] });
    const r = m.result();
    expect("error" in r && r.error).toBe(
      "Chromium not found at /usr/bin/chromium or /usr/bin/chromium-browser and `apt-get install -y chromium` failed: run `sudo apt-get install -y chromium` or set CHROMIUM_PATH.",
    );
  });
});
