import { useTranslations } from "next-intl";
import { AGE_BANDS, SEXES } from "@/lib/domain/events";
import type { Cell, PublishedBreakdown, PublishedImpact, PublishedResult } from "@/lib/domain/impact";
import type { Locale } from "@/lib/domain/locales";
import { localize } from "@/lib/domain/plan";

const SEX_COLUMNS = [...SEXES, "not-answered"] as const;
const AGE_COLUMNS = [...AGE_BANDS, "not-answered"] as const;
const card = "rounded-2xl bg-white p-5 shadow-sm";
const th = "border-b border-slate-200 px-2 py-1 text-left font-semibold";
const td = "border-b border-slate-100 px-2 py-1 tabular-nums";

/** A published count: the number, or "<5" where it is suppressed. */
export function CellText({ value }: { value: Cell }) {
  const t = useTranslations("impact");
  return value === null ? <span title={t("suppressed")}>{t("suppressed")}</span> : <>{value}</>;
}

/** A breakdown's cell: 0 when nobody is in it, null when suppressed. */
function cellOf(cells: Record<string, Cell>, k: string): Cell {
  return Object.hasOwn(cells, k) ? cells[k] : 0;
}

function pct(value: number | null, none: string): string {
  return value === null ? none : `${value}%`;
}

/**
 * A session's impact on its report page (for organisers and the session's
 * trainer): the indicator table, the knowledge check before and after with
 * the paired change, the feedback, and every poll and quiz. Every figure is
 * already published (cells under 5 people suppressed). Question texts in the
 * session's language. Renders on the server or the client.
 */
export function SessionImpact({ impact, language }: { impact: PublishedImpact; language: Locale }) {
  const t = useTranslations("impact");
  return (
    <section className="flex flex-col gap-5" aria-labelledby="impact-heading" data-testid="session-impact">
      <h2 id="impact-heading" className="text-xl font-bold">
        {t("reportTitle")}
      </h2>
      <Indicators impact={impact} />
      <Checks impact={impact} language={language} />
      <div className={card} data-testid="impact-feedback">
        <h3 className="mb-2 text-lg font-semibold">{t("feedbackTitle")}</h3>
        {impact.feedback.length ? <Results results={impact.feedback} language={language} /> : <p className="text-slate-600">{t("noFeedback")}</p>}
      </div>
      <div className={card} data-testid="impact-results">
        <h3 className="mb-2 text-lg font-semibold">{t("pollsTitle")}</h3>
        {impact.results.length ? <Results results={impact.results} language={language} /> : <p className="text-slate-600">{t("noPolls")}</p>}
      </div>
    </section>
  );
}

function Indicators({ impact }: { impact: PublishedImpact }) {
  const t = useTranslations("impact");
  const tp = useTranslations("profile");
  const label = (k: string) => (k === "not-answered" ? t("notAnswered") : tp(k));
  const rows: [string, string, PublishedBreakdown][] = [
    ["trained", t("trained"), impact.trained],
    ["completed", t("completedPeople"), impact.completed],
  ];
  return (
    <div className={card} data-testid="impact-indicators">
      <h3 className="mb-2 text-lg font-semibold">{t("indicatorsTitle")}</h3>
      <p className="mb-3 text-sm text-slate-600" data-testid="impact-rule">
        {t("rule", { percent: Math.round(impact.rule.minStepShare * 100), post: String(impact.rule.requirePost && impact.planHasPost) })}
      </p>
      {(impact.askedProfile ? (["bySex", "byAge"] as const) : (["total"] as const)).map((part) => {
        const cols: readonly string[] = part === "bySex" ? SEX_COLUMNS : part === "byAge" ? AGE_COLUMNS : [];
        return (
          <div key={part} className="mb-4 overflow-x-auto">
            {part !== "total" && <h4 className="font-semibold">{t(part)}</h4>}
            <table className="w-full text-sm">
              <thead>
                <tr>
                  <th className={th}>{t("indicator")}</th>
                  <th className={th}>{t("total")}</th>
                  {cols.map((c) => (
                    <th key={c} className={th}>
                      {label(c)}
                    </th>
                  ))}
                  {part !== "byAge" && <th className={th}>{t("share")}</th>}
                </tr>
              </thead>
              <tbody>
                {rows.map(([id, name, b]) => (
                  <tr key={id} data-testid={`indicator-${id}`} data-total={b.total ?? "suppressed"}>
                    <th className={`${td} text-left font-normal`}>{name}</th>
                    <td className={td}>
                      <CellText value={b.total} />
                    </td>
                    {cols.map((c) => (
                      <td key={c} className={td} data-cell={c}>
                        <CellText value={cellOf(part === "bySex" ? b.bySex : b.byAge, c)} />
                      </td>
                    ))}
                    {part !== "byAge" && <td className={td}>{id === "completed" ? pct(impact.completed.percent, t("none")) : ""}</td>}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      })}
      {!impact.askedProfile && <p className="text-sm text-slate-600">{t("notAsked")}</p>}
    </div>
  );
}

function Checks({ impact, language }: { impact: PublishedImpact; language: Locale }) {
  const t = useTranslations("impact");
  const none = t("none");
  return (
    <div className={card} data-testid="impact-checks">
      <h3 className="text-lg font-semibold">{t("checkTitle")}</h3>
      <p className="mb-2 text-sm text-slate-600">{t("checkHelp")}</p>
      {impact.checks.length === 0 ? (
        <p className="text-slate-600">{t("noCheck")}</p>
      ) : (
        <>
          <p className="mb-2 font-semibold" data-testid="impact-paired-people">
            {t("pairedPeople", { count: impact.pairedPeople ?? t("suppressed") })}
          </p>
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <thead>
                <tr>
                  <th className={th}>{t("question")}</th>
                  <th className={th}>{t("rightBefore")}</th>
                  <th className={th}>{t("rightAfter")}</th>
                  <th className={th}>{t("paired")}</th>
                  <th className={th}>{t("pairedRight")}</th>
                  <th className={th}>{t("change")}</th>
                  <th className={th}>{t("improved")}</th>
                  <th className={th}>{t("declined")}</th>
                  <th className={th}>{t("retroRight")}</th>
                </tr>
              </thead>
              <tbody>
                {impact.checks.map((c) => (
                  <tr
                    key={c.questionId}
                    data-testid="impact-check"
                    data-question={c.questionId}
                    data-paired={c.paired.n ?? "suppressed"}
                    data-pre={c.paired.prePercent ?? ""}
                    data-post={c.paired.postPercent ?? ""}
                    data-change={c.paired.change ?? ""}
                  >
                    <th className={`${td} text-left font-normal`} lang={language}>
                      {localize(c.text, language)}
                    </th>
                    <td className={td}>
                      {pct(c.pre.percent, none)} (n=<CellText value={c.pre.n} />)
                    </td>
                    <td className={td}>
                      {pct(c.post.percent, none)} (n=<CellText value={c.post.n} />)
                    </td>
                    <td className={td}>
                      <CellText value={c.paired.n} />
                    </td>
                    <td className={td}>
                      {pct(c.paired.prePercent, none)} → {pct(c.paired.postPercent, none)}
                    </td>
                    <td className={td}>{c.paired.change === null ? none : t("changeValue", { value: `${c.paired.change > 0 ? "+" : ""}${c.paired.change}` })}</td>
                    <td className={td}>
                      <CellText value={c.paired.improved} />
                    </td>
                    <td className={td}>
                      <CellText value={c.paired.declined} />
                    </td>
                    <td className={td}>
                      {pct(c.retroPaired.retroPercent, none)} → {pct(c.retroPaired.postPercent, none)} (n=<CellText value={c.retroPaired.n} />)
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}

function Results({ results, language }: { results: PublishedResult[]; language: Locale }) {
  const t = useTranslations("impact");
  const tc = useTranslations("polls.controls");
  return (
    <ol className="flex flex-col gap-4">
      {results.map((r) => (
        <li key={r.key} data-testid="impact-result" data-key={r.key} data-total={r.total ?? "suppressed"}>
          <p className="font-semibold" lang={language}>
            {r.phase && <span className="mr-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs uppercase">{tc(`phase.${r.phase}`)}</span>}
            {localize(r.text, language)}
          </p>
          <p className="text-sm text-slate-600">
            {t("answered")}: <CellText value={r.total} />
          </p>
          {r.type === "open" ? (
            <div className="text-sm">
              {r.words.length > 0 && (
                <p>
                  {t("words")}: {r.words.slice(0, 15).map((w) => `${w.word} (${w.count})`).join(", ")}
                </p>
              )}
              {r.texts.length > 0 && (
                <details>
                  <summary>{t("openAnswers")}</summary>
                  <ul className="list-disc pl-5">
                    {r.texts.map((text, i) => (
                      <li key={i}>{text}</li>
                    ))}
                  </ul>
                </details>
              )}
            </div>
          ) : (
            <table className="mt-1 text-sm">
              <tbody>
                {r.options.map((o, i) => (
                  <tr key={i} data-testid="impact-option" data-count={r.counts[i] ?? "suppressed"}>
                    <th className={`${td} text-left font-normal`} lang={language}>
                      {localize(o, language)}
                      {r.correct.includes(i) && <span className="ml-1 font-semibold text-emerald-700">✓ {t("correctMark")}</span>}
                    </th>
                    <td className={td}>
                      <CellText value={r.counts[i]} />
                    </td>
                    <td className={td}>{r.percents[i] === null ? "" : `${r.percents[i]}%`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </li>
      ))}
    </ol>
  );
}
