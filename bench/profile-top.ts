// The top costs in a V8 CPU profile (node --cpu-prof), as in bench/README.md:
//   npx tsx bench/profile-top.ts <file.cpuprofile> [how many] [regexp for the inclusive list]
// Prints busy time, then the functions with the most self time and those with
// the most inclusive time (a function and everything it called).
import fs from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, howMany = "25", filter] = process.argv.slice(2);
if (!file) {
  console.error("usage: tsx bench/profile-top.ts <file.cpuprofile> [how many] [regexp]");
  process.exit(2);
}
const prof = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
const n = Number(howMany);
const nodes = new Map(prof.nodes.map((x) => [x.id, x]));
const parent = new Map<number, number>();
for (const x of prof.nodes) for (const c of x.children ?? []) parent.set(c, x.id);
const label = (x: ProfileNode) => `${x.callFrame.functionName || "(anonymous)"} ${x.callFrame.url.split("/").slice(-2).join("/")}`;

const timeOf = new Map<number, number>();
prof.samples.forEach((id, i) => timeOf.set(id, (timeOf.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));
const self = new Map<string, number>();
const total = new Map<string, number>();
let all = 0;
let idle = 0;
for (const [id, t] of timeOf) {
  const x = nodes.get(id)!;
  all += t;
  if (x.callFrame.functionName === "(idle)") {
    idle += t;
    continue;
  }
  self.set(label(x), (self.get(label(x)) ?? 0) + t);
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const l = label(nodes.get(cur)!);
    if (seen.has(l)) continue;
    seen.add(l);
    total.set(l, (total.get(l) ?? 0) + t);
  }
}
const ms = (us: number) => `${Math.round(us / 1000)}`.padStart(7);
const top = (m: Map<string, number>, re?: RegExp) =>
  [...m]
    .filter(([l]) => !re || re.test(l))
    .sort((a, b) => b[1] - a[1])
    .slice(0, n);
console.log(`profile ${(all / 1e6).toFixed(1)} s, idle ${(idle / 1e6).toFixed(1)} s, busy ${((all - idle) / 1e6).toFixed(1)} s`);
console.log("self ms");
for (const [l, t] of top(self)) console.log(ms(t), l);
console.log("inclusive ms");
for (const [l, t] of top(total, filter ? new RegExp(filter) : undefined)) console.log(ms(t), l);
