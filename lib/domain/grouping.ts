/**
 * Splitting a room into small groups. Pure and seeded: the same people, options
 * and seed always give the same groups, so a split can be replayed and tested.
 */

/** A small fast PRNG (mulberry32) returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export interface SplitOptions {
  /** Split into `n` groups, or into groups of `n` people. */
  by: "count" | "size";
  n: number;
  /** Sizes differ by at most one. Otherwise groups fill up to size in turn and the last may be smaller. */
  balanced: boolean;
  seed: number;
  /** Pairs ("a|b", a < b) who were together before; the split tries to keep them apart. */
  avoid?: ReadonlySet<string>;
}

export const MAX_GROUPS = 100;

export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/** How many groups a split makes for `people` participants. */
export function groupCount(people: number, by: "count" | "size", n: number): number {
  const size = Math.max(1, Math.floor(n));
  const count = by === "count" ? size : Math.ceil(people / size);
  return Math.max(1, Math.min(count, MAX_GROUPS, Math.max(people, 1)));
}

/** Splits participants into groups; every participant lands in exactly one group. */
export function splitIntoGroups(participants: readonly string[], opts: SplitOptions): string[][] {
  const random = seededRandom(opts.seed);
  const people = shuffle(participants, random);
  const count = groupCount(people.length, opts.by, opts.n);
  const groups: string[][] = Array.from({ length: count }, () => []);
  if (opts.balanced || opts.by === "count") {
    people.forEach((p, i) => groups[i % count].push(p));
  } else {
    const size = Math.max(1, Math.floor(opts.n));
    people.forEach((p, i) => groups[Math.min(Math.floor(i / size), count - 1)].push(p));
  }
  if (opts.avoid && opts.avoid.size > 0) reduceRepeats(groups, opts.avoid, random);
  return groups;
}

/** Number of pairs in the groups that were together before. */
export function repeatedPairs(groups: readonly string[][], avoid: ReadonlySet<string>): number {
  let n = 0;
  for (const g of groups) for (let i = 0; i < g.length; i++) for (let j = i + 1; j < g.length; j++) if (avoid.has(pairKey(g[i], g[j]))) n++;
  return n;
}

/**
 * Swaps members between groups while that lowers the number of repeated
 * pairs; sizes never change. Works on integer indices: it runs on every
 * "mix with new people" for up to 500 people, so it must stay cheap.
 */
function reduceRepeats(groups: string[][], avoid: ReadonlySet<string>, random: () => number): void {
  if (groups.length < 2) return;
  const ids = groups.flat();
  const index = new Map(ids.map((id, i) => [id, i]));
  const n = ids.length;
  const seen = new Set<number>();
  for (const key of avoid) {
    const bar = key.indexOf("|");
    const a = index.get(key.slice(0, bar));
    const b = index.get(key.slice(bar + 1));
    if (a !== undefined && b !== undefined) {
      seen.add(a * n + b);
      seen.add(b * n + a);
    }
  }
  if (seen.size === 0) return;
  const g = groups.map((list) => list.map((id) => index.get(id)!));
  const clash = (m: number, group: number[], skip: number) => {
    let c = 0;
    for (const o of group) if (o !== m && o !== skip && seen.has(m * n + o)) c++;
    return c;
  };
  const budget = Math.min(30_000, 60 * n);
  for (let step = 0; step < budget; step++) {
    const gi = Math.floor(random() * g.length);
    const gj = Math.floor(random() * g.length);
    if (gi === gj || !g[gi].length || !g[gj].length) continue;
    const a = Math.floor(random() * g[gi].length);
    const pa = g[gi][a];
    const ca = clash(pa, g[gi], -1);
    if (ca === 0) continue;
    const b = Math.floor(random() * g[gj].length);
    const pb = g[gj][b];
    const before = ca + clash(pb, g[gj], -1);
    const after = clash(pa, g[gj], pb) + clash(pb, g[gi], pa);
    if (after < before) {
      g[gi][a] = pb;
      g[gj][b] = pa;
    }
  }
  g.forEach((list, i) => (groups[i] = list.map((k) => ids[k])));
}

/** Every pair that shares a group, for "mix with new people" next time. */
export function pairsOf(groups: readonly (readonly string[])[]): Set<string> {
  const out = new Set<string>();
  for (const g of groups) for (let i = 0; i < g.length; i++) for (let j = i + 1; j < g.length; j++) out.add(pairKey(g[i], g[j]));
  return out;
}

/** The group with the fewest members; ties go to the earliest group. Null when there are none. */
export function smallestGroup(order: readonly string[], sizeOf: (groupId: string) => number, isOpen: (groupId: string) => boolean = () => true): string | null {
  let best: string | null = null;
  let bestSize = Infinity;
  for (const id of order) {
    if (!isOpen(id)) continue;
    const s = sizeOf(id);
    if (s < bestSize) {
      best = id;
      bestSize = s;
    }
  }
  return best;
}

/** Group names that read well on a projector, per language; past the list, numbers follow. */
export const GROUP_NAMES = {
  en: ["Fox", "Owl", "Bear", "Wolf", "Eagle", "Deer", "Lynx", "Hare", "Swan", "Falcon", "Camel", "Horse", "Tiger", "Otter", "Heron", "Seal"],
  ru: ["Лиса", "Сова", "Медведь", "Волк", "Орёл", "Олень", "Рысь", "Заяц", "Лебедь", "Сокол", "Верблюд", "Конь", "Тигр", "Выдра", "Цапля", "Тюлень"],
  kk: ["Түлкі", "Үкі", "Аю", "Қасқыр", "Бүркіт", "Бұғы", "Сілеусін", "Қоян", "Аққу", "Сұңқар", "Түйе", "Тұлпар", "Жолбарыс", "Құндыз", "Құтан", "Итбалық"],
} as const;

/** High-contrast colours for group cards, in the same order as the names. */
export const GROUP_COLOURS = ["#f97316", "#8b5cf6", "#0ea5e9", "#22c55e", "#eab308", "#ec4899", "#14b8a6", "#ef4444", "#6366f1", "#84cc16", "#a855f7", "#06b6d4", "#f59e0b", "#10b981", "#3b82f6", "#e11d48"];

export function groupName(index: number, naming: "animals" | "numbers", locale: keyof typeof GROUP_NAMES, numberWord: string): string {
  if (naming === "animals") {
    const list = GROUP_NAMES[locale];
    const base = list[index % list.length];
    return index < list.length ? base : `${base} ${Math.floor(index / list.length) + 1}`;
  }
  return `${numberWord} ${index + 1}`;
}

/** "Group" in each language, for numbered group names. */
export const GROUP_WORD = { en: "Group", ru: "Группа", kk: "Топ" } as const;
