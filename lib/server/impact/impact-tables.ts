import { AGE_BANDS, SEXES } from "@/lib/domain/events";
import type { Cell, PublishedImpact, PublishedTotals } from "@/lib/domain/impact";
import type { Locale } from "@/lib/domain/locales";
import { localize } from "@/lib/domain/plan";
import en from "@/lib/i18n/messages/en.json";
import kk from "@/lib/i18n/messages/kk.json";
import ru from "@/lib/i18n/messages/ru.json";
import type { ImpactSummary } from "./impact-data";

type Catalogue = typeof en;
type Texts = { impact: Catalogue["impact"]; profile: Catalogue["profile"]; phase: Catalogue["polls"]["controls"]["phase"] };
const CATALOGUES: Record<Locale, Partial<Catalogue>> = { en, ru: ru as Partial<Catalogue>, kk: kk as Partial<Catalogue> };

/** Texts for exports, straight from the catalogues (no request context), English where a key is missing. */
export function impactText(locale: Locale): Texts {
  const own = CATALOGUES[locale];
  return {
    impact: { ...en.impact, ...own.impact },
    profile: { ...en.profile, ...own.profile },
    phase: { ...en.polls.controls.phase, ...own.polls?.controls?.phase },
  };
}

/** One table of an impact export: a name (sheet, section), a header and rows of already published values. */
export interface ImpactTable {
  name: string;
  header: string[];
  rows: (string | number)[][];
}

const SEX_COLUMNS = [...SEXES, "not-answered"];
/** A breakdown's cell: 0 when nobody is in it, null (kept!) when it is suppressed. */
const at = (cells: Record<string, Cell>, k: string): Cell => (Object.hasOwn(cells, k) ? cells[k] : 0);
const AGE_COLUMNS = [...AGE_BANDS, "not-answered"];

function cells(x: Texts) {
  return {
    cell: (v: Cell): string | number => (v === null ? x.impact.suppressed : v),
    pct: (v: number | null): string => (v === null ? x.impact.none : `${v}%`),
    // A number, not "+12": a leading plus is a formula to a spreadsheet.
    change: (v: number | null): string | number => (v === null ? x.impact.none : v),
    label: (k: string): string => (k === "not-answered" ? x.impact.notAnswered : (x.profile as Record<string, string>)[k] ?? k),
  };
}

function totalsRow(name: string, t: PublishedTotals, c: ReturnType<typeof cells>): (string | number)[] {
  return [name, t.sessions, c.cell(t.trained), c.cell(t.completed), c.pct(t.completedPercent), c.cell(t.pairedPeople), c.pct(t.prePercent), c.pct(t.postPercent), c.change(t.change)];
}

/**
 * The organiser's dashboard as tables: totals, by plan, by trainer, people
 * by sex and age band, and the knowledge check per question. Every figure is
 * already published (suppressed under 5 people), so any format may show it.
 */
export function summaryTables(s: ImpactSummary, opts: { locale: Locale; planName: (id: string | null) => string; trainerName: (id: string | null) => string }): ImpactTable[] {
  const x = impactText(opts.locale);
  const i = x.impact;
  const c = cells(x);
  const head = (first: string) => [first, i.sessionsHeld, i.peopleReached, i.completed, i.share, i.paired, i.rightBefore, i.rightAfter, i.change];
  const breakdown = (key: "trainedBySex" | "trainedByAge" | "completedBySex" | "completedByAge") => s.totals[key];
  return [
    { name: i.title, header: head(""), rows: [totalsRow(i.total, s.totals, c)] },
    { name: i.byPlan, header: head(i.plan), rows: s.byPlan.map((g) => totalsRow(opts.planName(g.id), g.totals, c)) },
    { name: i.byTrainer, header: head(i.trainer), rows: s.byTrainer.map((g) => totalsRow(opts.trainerName(g.id), g.totals, c)) },
    {
      name: i.bySex,
      header: [i.indicator, ...SEX_COLUMNS.map(c.label)],
      rows: [
        [i.trained, ...SEX_COLUMNS.map((k) => c.cell(at(breakdown("trainedBySex"), k)))],
        [i.completedPeople, ...SEX_COLUMNS.map((k) => c.cell(at(breakdown("completedBySex"), k)))],
      ],
    },
    {
      name: i.byAge,
      header: [i.indicator, ...AGE_COLUMNS.map(c.label)],
      rows: [
        [i.trained, ...AGE_COLUMNS.map((k) => c.cell(at(breakdown("trainedByAge"), k)))],
        [i.completedPeople, ...AGE_COLUMNS.map((k) => c.cell(at(breakdown("completedByAge"), k)))],
      ],
    },
    {
      name: i.checkTitle,
      header: [i.plan, i.question, i.paired, i.rightBefore, i.rightAfter],
      rows: s.checks.map((q) => [opts.planName(q.planId), localize(q.text, opts.locale), c.cell(q.pairedN), c.pct(q.prePercent), c.pct(q.postPercent)]),
    },
  ];
}

/**
 * One session's impact as tables, for the session's XLSX and PDF exports:
 * indicators, the knowledge check, the feedback and every poll and quiz.
 * Texts in `locale`; question texts in the session's `language`.
 */
export function sessionTables(p: PublishedImpact, language: Locale, locale: Locale = language): ImpactTable[] {
  const x = impactText(locale);
  const i = x.impact;
  const c = cells(x);
  const indicatorRows = (cols: string[], part: "bySex" | "byAge") => [
    [i.trained, c.cell(p.trained.total), ...cols.map((k) => c.cell(at(p.trained[part], k)))],
    [i.completedPeople, c.cell(p.completed.total), ...cols.map((k) => c.cell(at(p.completed[part], k)))],
  ];
  const results = (list: PublishedImpact["results"]) =>
    list.flatMap((r) => {
      const q = `${r.phase ? `[${x.phase[r.phase]}] ` : ""}${localize(r.text, language)}`;
      if (r.type === "open") return [[q, i.answered, c.cell(r.total), ""], ...r.words.slice(0, 15).map((w) => [q, w.word, w.count, ""])];
      return r.options.map((o, n) => [q, `${localize(o, language)}${r.correct.includes(n) ? ` ✓ ${i.correctMark}` : ""}`, c.cell(r.counts[n]), c.pct(r.percents[n])]);
    });
  return [
    {
      name: i.indicatorsTitle,
      header: [i.indicator, i.total, ...(p.askedProfile ? SEX_COLUMNS.map(c.label) : [])],
      rows: [
        ...(p.askedProfile ? indicatorRows(SEX_COLUMNS, "bySex") : indicatorRows([], "bySex")),
        [i.completed, c.pct(p.completed.percent)],
        [i.ruleShare, Math.round(p.rule.minStepShare * 100)],
        [i.rulePost, p.rule.requirePost && p.planHasPost ? "✓" : "—"],
      ],
    },
    ...(p.askedProfile ? [{ name: i.byAge, header: [i.indicator, i.total, ...AGE_COLUMNS.map(c.label)], rows: indicatorRows(AGE_COLUMNS, "byAge") }] : []),
    {
      name: i.checkTitle,
      header: [i.question, i.rightBefore, i.rightAfter, i.paired, `${i.paired}: ${i.rightBefore}`, `${i.paired}: ${i.rightAfter}`, i.change, i.improved, i.declined, i.retroRight],
      rows: p.checks.map((k) => [
        localize(k.text, language),
        `${c.pct(k.pre.percent)} (n=${c.cell(k.pre.n)})`,
        `${c.pct(k.post.percent)} (n=${c.cell(k.post.n)})`,
        c.cell(k.paired.n),
        c.pct(k.paired.prePercent),
        c.pct(k.paired.postPercent),
        c.change(k.paired.change),
        c.cell(k.paired.improved),
        c.cell(k.paired.declined),
        `${c.pct(k.retroPaired.retroPercent)} → ${c.pct(k.retroPaired.postPercent)} (n=${c.cell(k.retroPaired.n)})`,
      ]),
    },
    { name: i.feedbackTitle, header: [i.question, i.option, i.count, i.share], rows: results(p.feedback) },
    { name: i.pollsTitle, header: [i.question, i.option, i.count, i.share], rows: results(p.results) },
  ];
}
