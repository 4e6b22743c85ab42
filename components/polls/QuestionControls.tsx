"use client";

import { useTranslations } from "next-intl";
import type { StaffAction } from "@/lib/client/live-connection";
import { localize } from "@/lib/domain/plan";
import { correctOptions, currentQuestion, optionTexts, stepQuestions, type QuestionRef, type QuestionState } from "@/lib/domain/polls";
import { currentStep, type SessionState } from "@/lib/domain/session-state";
import { Button } from "@/components/ui/Button";
import { ResultBars } from "./ResultBars";

export type PollAction = StaffAction<"poll:open" | "poll:close" | "poll:show" | "poll:reveal" | "poll:hide-answer">;

function statusOf(q: QuestionState | undefined): "notAsked" | "open" | "closed" | "revealed" {
  if (!q) return "notAsked";
  if (q.revealed) return "revealed";
  return q.status;
}

/**
 * The trainer's questions for the current step: open, close and move to the
 * next one; show or hide the results on the projector and on phones; reveal
 * a quiz answer; hide an open answer the room should not see. Live tallies
 * come from the answers as they arrive (never who gave them). Renders
 * nothing on a step without questions.
 */
export function QuestionControls({ session, onAction, busy }: { session: SessionState; onAction: (a: PollAction) => unknown; busy: boolean }) {
  const t = useTranslations("polls");
  const tc = useTranslations("polls.controls");
  const step = currentStep(session);
  const refs = stepQuestions(session.plan, step);
  if (!step || refs.length === 0) return null;
  const lang = session.language;
  const ended = session.status === "ended";
  const on = currentQuestion(session.plan, step.id, session.polls);
  const selected = on ?? refs.find((r) => !session.polls.questions[r.key]) ?? refs[0];
  const index = refs.findIndex((r) => r.key === selected.key);
  const next = refs[index + 1] ?? null;
  const q = session.polls.questions[selected.key];
  const isOpen = q?.status === "open";
  const quiz = correctOptions(selected.question).length > 0;

  return (
    <section className="flex flex-col gap-4 rounded-2xl bg-white p-6 shadow-sm" aria-labelledby="questions-heading" data-testid="question-controls">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="questions-heading" className="text-lg font-semibold">
          {tc("title")}
        </h2>
        <span className="text-sm text-slate-600" data-testid="question-position">
          {t("questionOf", { n: index + 1, total: refs.length })}
        </span>
      </div>

      <div className="flex flex-col gap-3 rounded-xl border-2 border-brand p-4" data-testid="question-current" data-key={selected.key} data-status={statusOf(q)}>
        <p className="text-xs font-bold text-slate-600 uppercase">
          {selected.phase && <span className="mr-2 rounded bg-slate-100 px-1.5 py-0.5">{tc(`phase.${selected.phase}`)}</span>}
          {tc(`status.${statusOf(q)}`)} · {t("answeredCount", { count: q?.total ?? 0 })}
        </p>
        <p className="text-lg font-semibold">{localize(selected.question.text, lang)}</p>
        <Tally refQ={selected} state={q} lang={lang} />
        <div className="flex flex-wrap gap-2">
          {isOpen ? (
            <Button onClick={() => onAction({ type: "poll:close", key: selected.key })} disabled={busy || ended}>
              {tc("close")}
            </Button>
          ) : (
            !q?.revealed && (
              <Button onClick={() => onAction({ type: "poll:open", key: selected.key })} disabled={busy || ended}>
                {tc("open")}
              </Button>
            )
          )}
          {next && (
            <Button variant="secondary" onClick={() => onAction({ type: "poll:open", key: next.key })} disabled={busy || ended || !!session.polls.questions[next.key]?.revealed}>
              {tc("next")}
            </Button>
          )}
          {quiz && q && !q.revealed && (
            <Button variant="secondary" onClick={() => onAction({ type: "poll:reveal", key: selected.key })} disabled={busy || ended}>
              {tc("reveal")}
            </Button>
          )}
          {q && (
            <>
              <Button variant="secondary" onClick={() => onAction({ type: "poll:show", key: selected.key, screen: !q.results.screen })} disabled={busy || ended}>
                {q.results.screen ? tc("hideScreen") : tc("showScreen")}
              </Button>
              <Button variant="secondary" onClick={() => onAction({ type: "poll:show", key: selected.key, phones: !q.results.phones })} disabled={busy || ended}>
                {q.results.phones ? tc("hidePhones") : tc("showPhones")}
              </Button>
            </>
          )}
        </div>
        {q && selected.question.type === "open" && <OpenAnswers refQ={selected} state={q} onAction={onAction} busy={busy || ended} />}
      </div>

      <ol className="flex flex-col gap-1" data-testid="question-list">
        {refs.map((r, n) => {
          const s = session.polls.questions[r.key];
          const current = r.key === selected.key;
          return (
            <li key={r.key}>
              <button
                type="button"
                onClick={() => onAction({ type: "poll:open", key: r.key })}
                disabled={busy || ended || (s?.status === "open" && session.polls.current === r.key) || !!s?.revealed}
                aria-label={tc("ask", { n: n + 1, text: localize(r.question.text, lang) })}
                aria-current={current ? "step" : undefined}
                className={`flex w-full items-center gap-3 rounded-lg px-3 py-2 text-left disabled:cursor-default ${current ? "bg-cyan-50 ring-2 ring-brand" : "hover:bg-slate-100"}`}
              >
                <span className="w-6 text-right tabular-nums opacity-70">{n + 1}</span>
                <span className="flex-1 truncate">{localize(r.question.text, lang)}</span>
                <span className="text-xs opacity-70">
                  {r.phase ? `${tc(`phase.${r.phase}`)} · ` : ""}
                  {tc(`status.${statusOf(s)}`)}
                  {s ? ` · ${s.total}` : ""}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function Tally({ refQ, state, lang }: { refQ: QuestionRef; state: QuestionState | undefined; lang: SessionState["language"] }) {
  if (!state || refQ.question.type === "open") return null;
  const correct = correctOptions(refQ.question);
  return <ResultBars labels={optionTexts(refQ.question).map((o) => localize(o, lang))} counts={state.counts} total={state.total} correct={correct} size="console" />;
}

/** Open answers, newest first, each with a button to keep it off the projector (or bring it back). */
function OpenAnswers({ refQ, state, onAction, busy }: { refQ: QuestionRef; state: QuestionState; onAction: (a: PollAction) => unknown; busy: boolean }) {
  const tc = useTranslations("polls.controls");
  if (state.textOrder.length === 0) return null;
  return (
    <div>
      <h3 className="mb-1 text-sm font-semibold">{tc("openAnswers")}</h3>
      <ul className="flex max-h-72 flex-col gap-1 overflow-y-auto" data-testid="open-answers">
        {[...state.textOrder].reverse().map((id) => {
          const a = state.texts[id];
          return (
            <li key={id} className="flex items-center gap-2 rounded-lg border border-slate-200 px-2 py-1" data-testid="open-answer" data-hidden={a.hidden}>
              <span className={`flex-1 break-words ${a.hidden ? "text-slate-400 line-through" : ""}`}>{a.text}</span>
              {a.hidden && <span className="text-xs text-slate-500">{tc("hidden")}</span>}
              <Button variant="secondary" className="min-h-9 px-2 py-1 text-sm" onClick={() => onAction({ type: "poll:hide-answer", key: refQ.key, answerId: id, hidden: !a.hidden })} disabled={busy}>
                {a.hidden ? tc("showAnswer") : tc("hideAnswer")}
              </Button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
