// The event loop's longest busy stretches in a V8 CPU profile (node --cpu-prof):
//   npx tsx bench/profile-stalls.ts <file.cpuprofile> [min ms, 5] [how many, 15]
// A stretch is a run of samples with no idle one between them: the loop did not
// get back to waiting for I/O, so every message that arrived meanwhile waited.
// For each, its length, when it began (s into the profile) and where its time
// went: the functions with the most self time and the app's own frames on the
// stacks (lib/, bench/) with the most time. This is what a latency tail is made
// of; profile-top.ts gives the totals.
import fs from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
}

const [file, minMs = "5", howMany = "15"] = process.argv.slice(2);
if (!file) {
  console.error("usage: tsx bench/profile-stalls.ts <file.cpuprofile> [min ms] [how many]");
  process.exit(2);
}
const prof = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
const nodes = new Map(prof.nodes.map((x) => [x.id, x]));
const parent = new Map<number, number>();
for (const x of prof.nodes) for (const c of x.children ?? []) parent.set(c, x.id);
const label = (x: ProfileNode) => `${x.callFrame.functionName || "(anonymous)"} ${x.callFrame.url.split("/").slice(-2).join("/")}`;
const isIdle = (id: number) => nodes.get(id)!.callFrame.functionName === "(idle)";
const own = (x: ProfileNode) => /\/(lib|bench)\//.test(x.callFrame.url);

interface Stretch {
  start: number;
  ms: number;
  self: Map<string, number>;
  app: Map<string, number>;
}

const stretches: Stretch[] = [];
let at = 0;
let cur: Stretch | null = null;
prof.samples.forEach((id, i) => {
  // timeDeltas[i] is the time from the previous sample to this one: it belongs to the stretch this sample is in.
  const dt = (prof.timeDeltas[i] ?? 0) / 1000;
  at += dt;
  if (isIdle(id)) {
    if (cur) stretches.push(cur);
    cur = null;
    return;
  }
  cur ??= { start: at - dt, ms: 0, self: new Map(), app: new Map() };
  cur.ms += dt;
  const l = label(nodes.get(id)!);
  cur.self.set(l, (cur.self.get(l) ?? 0) + dt);
  const seen = new Set<string>();
  for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
    const x = nodes.get(n)!;
    if (!own(x) || seen.has(label(x))) continue;
    seen.add(label(x));
    cur.app.set(label(x), (cur.app.get(label(x)) ?? 0) + dt);
  }
});
if (cur) stretches.push(cur);

const long = stretches.filter((s) => s.ms >= Number(minMs)).sort((a, b) => b.ms - a.ms);
const busy = stretches.reduce((t, s) => t + s.ms, 0);
console.log(`${stretches.length} busy stretches, ${Math.round(busy)} ms in all; ${long.length} of ${minMs} ms or more`);
const top = (m: Map<string, number>, n: number) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([l, t]) => `${t.toFixed(1)} ${l}`)
    .join("; ");
for (const s of long.slice(0, Number(howMany))) {
  console.log(`\n${s.ms.toFixed(1)} ms at ${(s.start / 1000).toFixed(2)} s`);
  console.log(`  self: ${top(s.self, 5)}`);
  console.log(`  app:  ${top(s.app, 5)}`);
}
