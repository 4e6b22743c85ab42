import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import * as esbuild from "esbuild";

/**
 * The light phone page's build: the phone's own component tree (the same
 * files /join and /s/<code> render under Next) bundled by esbuild on Preact
 * (preact/compat stands in for React), with two small shims for the only Next
 * APIs it uses, and the app's stylesheet compiled by Tailwind. About 61 kB of
 * gzipped JavaScript at startup instead of Next's 185 kB (bench/phone-light.ts).
 *
 * Output, in `outDir`: content-hashed files under `assets/` (served as
 * /phone-assets/<name>, cached for good) and `manifest.json`, which names the
 * entry, the stylesheet, the chunks the entry loads at once and every file (the
 * service worker keeps them all, so a sketch step works offline too).
 */
export interface PhoneManifest {
  entry: string;
  css: string;
  /** Chunks the entry imports at startup (preloaded by the page). */
  preload: string[];
  /** Every file of the build (the service worker stores them with the page). */
  files: string[];
}

export const PHONE_ASSET_PREFIX = "/phone-assets/";

const ROOT = path.join(__dirname, "..");

export const PHONE_ALIASES: Record<string, string> = {
  "next-intl": path.join(__dirname, "shims/next-intl.ts"),
  "next/navigation": path.join(__dirname, "shims/next-navigation.ts"),
  "@": ROOT,
};

export const PREACT_ALIASES: Record<string, string> = {
  react: "preact/compat",
  "react-dom": "preact/compat",
  "react-dom/client": "preact/compat/client",
  "react/jsx-runtime": "preact/compat/jsx-runtime",
  "react/jsx-dev-runtime": "preact/compat/jsx-dev-runtime",
};

/** esbuild's options for the phone's bundle; `react` keeps React DOM (the bench's baseline). */
export function phoneBuildOptions(outdir: string, runtime: "preact" | "react" = "preact"): esbuild.BuildOptions & { metafile: true } {
  return {
    absWorkingDir: ROOT,
    entryPoints: { phone: path.join(__dirname, "entry.tsx") },
    bundle: true,
    splitting: true,
    format: "esm",
    minify: true,
    target: "es2020",
    outdir,
    metafile: true,
    jsx: "automatic",
    alias: { ...PHONE_ALIASES, ...(runtime === "preact" ? PREACT_ALIASES : {}) },
    conditions: ["browser", "production"],
    define: { "process.env.NODE_ENV": '"production"' },
    entryNames: "[name]-[hash]",
    chunkNames: "chunk-[hash]",
    legalComments: "none",
    logLevel: "warning",
  };
}

/** The app's stylesheet (app/globals.css, Tailwind scanning the project), minified. */
async function buildCss(): Promise<string> {
  // The PostCSS that @tailwindcss/postcss itself depends on (the one Next's build runs it with).
  const fromTailwind = createRequire(require.resolve("@tailwindcss/postcss"));
  const postcss = fromTailwind("postcss") as (plugins: unknown[]) => { process(css: string, opts: { from: string }): Promise<{ css: string }> };
  const tailwind = fromTailwind("@tailwindcss/postcss") as (opts: { base: string; optimize: { minify: boolean } }) => unknown;
  const from = path.join(ROOT, "app/globals.css");
  const result = await postcss([tailwind({ base: ROOT, optimize: { minify: true } })]).process(fs.readFileSync(from, "utf8"), { from });
  return result.css;
}

/** Builds the light phone page into `outDir` (replacing what was there) and returns its manifest. */
export async function buildPhone(outDir: string): Promise<PhoneManifest> {
  const assets = path.join(outDir, "assets");
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(assets, { recursive: true });
  const result = await esbuild.build({ ...phoneBuildOptions(assets), write: true });
  const css = await buildCss();
  const cssName = `phone-${crypto.createHash("sha256").update(css).digest("hex").slice(0, 10)}.css`;
  fs.writeFileSync(path.join(assets, cssName), css);

  const outputs = result.metafile.outputs;
  const url = (file: string) => PHONE_ASSET_PREFIX + path.basename(file);
  const entry = Object.keys(outputs).find((o) => outputs[o].entryPoint && o.endsWith(".js"))!;
  const startup = new Set<string>();
  const walk = (o: string) => {
    for (const i of outputs[o]?.imports ?? []) {
      if (i.kind !== "import-statement" || startup.has(i.path)) continue;
      startup.add(i.path);
      walk(i.path);
    }
  };
  walk(entry);
  const preload = [...startup].map(url);
  const manifest: PhoneManifest = {
    entry: url(entry),
    css: PHONE_ASSET_PREFIX + cssName,
    preload,
    files: [...Object.keys(outputs).filter((o) => o.endsWith(".js")).map(url), PHONE_ASSET_PREFIX + cssName],
  };
  fs.writeFileSync(path.join(outDir, "manifest.json"), JSON.stringify(manifest, null, 2));
  return manifest;
}
