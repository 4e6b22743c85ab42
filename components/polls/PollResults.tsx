"use client";

import { useTranslations } from "next-intl";
import { WordCloud } from "@/components/board/WordCloud";
import { localize } from "@/lib/domain/plan";
import type { PollResults as Results } from "@/lib/domain/poll-results";
import { currentQuestion, optionTexts } from "@/lib/domain/polls";
import { currentStep, type SessionState } from "@/lib/domain/session-state";
import { ResultBars } from "./ResultBars";

/**
 * The projector's view of the question on now, read from the back of a hall:
 * the question, live bars with counts and percentages (or, for an open
 * question, a word cloud and the latest answers), and after a quiz reveal
 * the right answer and why. Results arrive coalesced from the server; the
 * bars glide to each new value. Renders nothing when no question is on.
 */
export function PollResults({ session, results }: { session: SessionState; results: Record<string, Results> }) {
  const t = useTranslations("polls");
  const ref = currentQuestion(session.plan, currentStep(session)?.id ?? null, session.polls);
  if (!ref) return null;
  const lang = session.language;
  const state = session.polls.questions[ref.key];
  const r = results[ref.key];
  const revealed = state?.revealed ?? null;
  const q = ref.question;
  const total = r?.total ?? 0;
  const shown = r?.shown ?? false;
  return (
    <section
      className="flex h-full min-h-0 flex-col gap-[0.6em] text-[max(1.8vw,3vh)] leading-snug"
      data-testid="poll-results"
      data-key={ref.key}
      data-status={state?.status ?? "closed"}
      data-shown={shown}
      data-total={total}
      lang={lang}
    >
      {ref.phase === "retro" && <p className="text-[0.9em] font-semibold text-cyan-300">{t("retroLead")}</p>}
      <h2 className="text-[1.5em] leading-tight font-bold" data-testid="poll-question">
        {localize(q.text, lang)}
      </h2>
      <p className="text-[0.9em] text-slate-300" aria-live="polite">
        <span data-testid="poll-total">{t("answeredCount", { count: total })}</span>
        {state?.status === "open" && <> · {t("answerOnPhone")}</>}
      </p>
      {!shown ? (
        <p className="text-[0.9em] text-slate-400">{t("resultsHidden")}</p>
      ) : q.type === "open" ? (
        <div className="flex min-h-0 flex-1 gap-[1em]">
          <div className="min-h-0 min-w-0 flex-[2]">
            <WordCloud words={r?.words ?? []} emptyText={t("noAnswersYet")} />
          </div>
          {(r?.texts.length ?? 0) > 0 && (
            <aside className="flex min-h-0 flex-1 flex-col gap-[0.3em] overflow-hidden" data-testid="poll-answer-list">
              <h3 className="text-[0.9em] font-semibold text-slate-300 uppercase">{t("latestAnswers")}</h3>
              <ul className="flex flex-col gap-[0.3em] overflow-hidden">
                {r!.texts.map((a) => (
                  <li key={a.id} className="rounded-lg bg-slate-900 px-[0.5em] py-[0.2em] text-[0.9em] break-words" data-testid="poll-answer">
                    {a.text}
                  </li>
                ))}
              </ul>
            </aside>
          )}
        </div>
      ) : (
        <ResultBars labels={optionTexts(q).map((o) => localize(o, lang))} counts={r?.counts ?? []} total={total} correct={revealed?.correct ?? []} size="screen" />
      )}
      {revealed?.explanation && (
        <div className="rounded-xl border-2 border-emerald-500 p-[0.5em]" data-testid="poll-explanation">
          <p className="text-[0.9em] font-semibold uppercase">{t("explanation")}</p>
          <p>{localize(revealed.explanation, lang)}</p>
        </div>
      )}
    </section>
  );
}
