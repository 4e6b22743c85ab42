// public/: the web app manifest's icons exist at the sizes it declares; robots.txt keeps crawlers out.
import fs from "node:fs";
import path from "node:path";
import { PNG } from "pngjs";

const pub = path.join(__dirname, "..", "..", "public");

describe("web app manifest", () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(pub, "manifest.webmanifest"), "utf8"));

  it("opens the join page, standalone, in the brand colour", () => {
    expect(manifest).toMatchObject({ name: "Ortaq", start_url: "/join", display: "standalone" });
    const css = fs.readFileSync(path.join(__dirname, "..", "..", "app", "globals.css"), "utf8");
    expect(css).toContain(`--color-brand: ${manifest.theme_color};`);
  });

  it("has 192 and 512 icons and a maskable one, each a PNG of its declared size", () => {
    const icons = manifest.icons as { src: string; sizes: string; type: string; purpose?: string }[];
    expect(icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
    expect(icons.some((i) => i.purpose?.split(" ").includes("maskable"))).toBe(true);
    for (const icon of icons) {
      expect(icon.type).toBe("image/png");
      const png = PNG.sync.read(fs.readFileSync(path.join(pub, icon.src)));
      expect(`${png.width}x${png.height}`).toBe(icon.sizes);
    }
  });

  it("robots.txt disallows everything", () => {
    expect(fs.readFileSync(path.join(pub, "robots.txt"), "utf8")).toMatch(/User-agent: \*\s+Disallow: \/\s*$/);
  });
});
