import { describe, expect, it } from "@jest/globals";
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { PHONE_NAMESPACES } from "@/lib/i18n/client-messages";

/**
 * What the browser loads, read from the source's imports (type-only imports
 * are erased and do not count): the phone's pages stay light
 * (bench/page-weight.ts measures the build itself).
 */

const ROOT = path.resolve(__dirname, "../..");
const EXTENSIONS = ["", ".ts", ".tsx", "/index.ts", "/index.tsx"];
/** The phone's pages: the server files Next renders for /join and /s/<code>. */
const PHONE_ROUTES = ["app/layout.tsx", "app/join/layout.tsx", "app/join/page.tsx", "app/s/layout.tsx", "app/s/[code]/page.tsx"];

type Edge = { to: string; lazy: boolean };

function resolve(spec: string, from: string): string {
  let base: string;
  if (spec.startsWith("@/")) base = path.join(ROOT, spec.slice(2));
  else if (spec.startsWith(".")) base = path.resolve(path.dirname(from), spec);
  else return `pkg:${spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]}`;
  for (const ext of EXTENSIONS) {
    const file = base + ext;
    if (fs.existsSync(file) && fs.statSync(file).isFile()) return file;
  }
  throw new Error(`cannot resolve ${spec} from ${from}`);
}

const parsed = new Map<string, { client: boolean; edges: Edge[]; source: string }>();

function read(file: string) {
  const known = parsed.get(file);
  if (known) return known;
  const source = fs.readFileSync(file, "utf8");
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, false, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const first = sf.statements[0];
  const client = !!first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) && first.expression.text === "use client";
  const edges: Edge[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : null;
      // `import type {…}` and `import { type A, type B }` are erased; a bare `import "x"` runs x.
      const typeOnly = !!clause && (clause.isTypeOnly || (!clause.name && !!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
      if (!typeOnly) edges.push({ to: resolve(node.moduleSpecifier.text, file), lazy: false });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier) && !node.isTypeOnly) {
      edges.push({ to: resolve(node.moduleSpecifier.text, file), lazy: false });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      edges.push({ to: resolve(node.arguments[0].text, file), lazy: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  const entry = { client, edges, source };
  parsed.set(file, entry);
  return entry;
}

const isSource = (f: string) => !f.startsWith("pkg:") && /\.tsx?$/.test(f);

/** Every module reachable from `entries` (packages as `pkg:name`); `lazy` follows dynamic imports too. */
function reach(entries: string[], lazy: boolean): Set<string> {
  const seen = new Set<string>();
  const todo = [...entries];
  while (todo.length) {
    const f = todo.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    if (!isSource(f)) continue;
    for (const e of read(f).edges) if (lazy || !e.lazy) todo.push(e.to);
  }
  return seen;
}

/** The client components a set of server files renders: where the browser's code starts. */
function clientEntries(serverFiles: string[]): string[] {
  const out = new Set<string>();
  const seen = new Set<string>();
  const todo = serverFiles.map((f) => path.join(ROOT, f));
  while (todo.length) {
    const f = todo.pop()!;
    if (seen.has(f) || !isSource(f)) continue;
    seen.add(f);
    const m = read(f);
    if (m.client) {
      out.add(f);
      continue;
    }
    for (const e of m.edges) todo.push(e.to);
  }
  return [...out];
}

function allClientModules(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, d.name);
      if (d.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(d.name) && read(p).client) out.push(p);
    }
  };
  for (const dir of ["app", "components", "lib"]) walk(path.join(ROOT, dir));
  return out;
}

const rel = (f: string) => (f.startsWith("pkg:") ? f : path.relative(ROOT, f));

describe("browser bundles", () => {
  it("load no zod and no server code, on any page", () => {
    // zod builds its parsers with eval when it can, which the CSP forbids (no 'unsafe-eval').
    // A page that needs zod in the browser must call z.config({ jitless: true }) first, in a
    // client module its layout mounts before anything else; and it weighs ~30 kB gzipped.
    const offending: string[] = [];
    for (const entry of allClientModules()) {
      for (const f of reach([entry], true)) {
        if (f === "pkg:zod" || rel(f).startsWith("lib/server/") || f.startsWith("pkg:node:") || f === "pkg:better-sqlite3") offending.push(`${rel(entry)} -> ${rel(f)}`);
      }
    }
    expect(offending).toEqual([]);
  });

  it("give the phone's pages their client code, without the drawing code until a sketch shows", () => {
    const entries = clientEntries(PHONE_ROUTES);
    expect(entries.map(rel)).toEqual(expect.arrayContaining(["components/phone/PhoneApp.tsx"]));
    const initial = [...reach(entries, false)].map(rel);
    expect(initial).not.toContain("pkg:perfect-freehand");
    expect(initial).not.toContain("components/sketch/SketchPad.tsx");
    // …which the phone loads when a sketch step or "My sketch" shows.
    const all = [...reach(entries, true)].map(rel);
    expect(all).toContain("components/sketch/SketchPad.tsx");
    expect(all).toContain("pkg:perfect-freehand");
  });

  it("give the phone only message namespaces it uses, and every one it uses", () => {
    const used = new Set<string>();
    const unnamed: string[] = [];
    for (const f of reach(clientEntries(PHONE_ROUTES), true)) {
      if (!isSource(f)) continue;
      const { source } = read(f);
      for (const m of source.matchAll(/useTranslations\(\s*(?:"([^"]*)"|'([^']*)')?\s*\)/g)) {
        const ns = m[1] ?? m[2];
        if (ns) used.add(ns.split(".")[0]);
        else unnamed.push(rel(f));
      }
    }
    // useTranslations() without a namespace could read any of them: name one.
    expect(unnamed).toEqual([]);
    expect([...used].filter((ns) => !(PHONE_NAMESPACES as readonly string[]).includes(ns))).toEqual([]);
    expect(used.size).toBeGreaterThan(5);
  });
});
