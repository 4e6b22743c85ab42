"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useMemo, useState } from "react";
import { Button } from "@/components/ui/Button";
import { ErrorText } from "@/components/ui/ErrorText";
import type { LiveConnection } from "@/lib/client/live-connection";
import type { OutboxEntry } from "@/lib/client/outbox";
import { queuedBody } from "@/lib/client/pending-changes";
import type { Locale } from "@/lib/domain/locales";
import { localize } from "@/lib/domain/plan";
import type { PollResults } from "@/lib/domain/poll-results";
import { currentQuestion, isCorrect, OPEN_ANSWER_MAX, optionTexts, stepQuestions, type QuestionRef } from "@/lib/domain/polls";
import { currentStep, type SessionState } from "@/lib/domain/session-state";
import { ResultBars } from "./ResultBars";

type Outbox = Pick<LiveConnection, "queue" | "onOutboxResult">;

/** The answer this phone has queued for a question and not yet had acknowledged (the last one wins). */
function queuedAnswer(pending: readonly OutboxEntry[], key: string): { choice: number[]; text: string | null } | null {
  let found: { choice: number[]; text: string | null } | null = null;
  for (const e of pending) {
    const body = queuedBody(e, "poll:answer");
    if (body?.key === key) found = { choice: body.choice, text: body.text ?? null };
  }
  return found;
}

/**
 * The question the trainer has opened, on a phone: big options to tap, the
 * button "Answer", and the answer kept until the question closes (it may be
 * changed until then). Answers go through the outbox, so one given offline
 * is sent once the phone is back. After the trainer reveals a quiz answer
 * the phone shows whether it was right and why; results show only when the
 * trainer shows them.
 */
export function PhoneQuestion({
  session,
  me,
  connection,
  pending,
  results,
  offline,
  locale,
}: {
  session: SessionState;
  me: string;
  connection: Outbox;
  pending: OutboxEntry[];
  /** The results feed (`pollResults` of the live store). */
  results: Record<string, PollResults>;
  offline: boolean;
  locale: Locale;
}) {
  const step = currentStep(session);
  const ref = currentQuestion(session.plan, step?.id ?? null, session.polls);
  if (!ref || !step) return null;
  const all = stepQuestions(session.plan, step);
  return (
    <QuestionCard
      key={ref.key}
      refQ={ref}
      n={all.findIndex((r) => r.key === ref.key) + 1}
      total={all.length}
      session={session}
      me={me}
      connection={connection}
      pending={pending}
      results={results[ref.key]}
      offline={offline}
      locale={locale}
    />
  );
}

function QuestionCard({
  refQ,
  n,
  total,
  session,
  me,
  connection,
  pending,
  results,
  offline,
  locale,
}: {
  refQ: QuestionRef;
  n: number;
  total: number;
  session: SessionState;
  me: string;
  connection: Outbox;
  pending: OutboxEntry[];
  results: PollResults | undefined;
  offline: boolean;
  locale: Locale;
}) {
  const t = useTranslations("polls");
  const id = useId();
  const { key, question: q, phase } = refQ;
  const state = session.polls.questions[key];
  const mine = state?.answers[me] ?? null;
  const queued = useMemo(() => queuedAnswer(pending, key), [pending, key]);
  const given = queued ?? mine;
  const [choice, setChoice] = useState<number[]>(given?.choice ?? []);
  const [text, setText] = useState(given?.text ?? "");
  const [error, setError] = useState<string | null>(null);
  const open = state?.status === "open";
  const revealed = state?.revealed ?? null;
  const options = optionTexts(q);
  const length = [...text.trim()].length;

  useEffect(
    () =>
      connection.onOutboxResult(({ entry, ack }) => {
        if (entry.name !== "poll:answer" || entry.payload.key !== key) return;
        setError(ack.ok ? null : ack.error.code);
      }),
    [connection, key],
  );

  function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!open) return;
    if (q.type === "open") {
      if (!length) return setError("ANSWER_INVALID");
      if (length > OPEN_ANSWER_MAX) return setError("ANSWER_INVALID");
      connection.queue("poll:answer", { key, choice: [], text: text.trim() });
    } else {
      if (!choice.length) return setError("ANSWER_INVALID");
      connection.queue("poll:answer", { key, choice });
    }
    setError(null);
  }

  const toggle = (i: number) => setChoice((c) => (q.type === "multiple" ? (c.includes(i) ? c.filter((x) => x !== i) : [...c, i].sort((a, b) => a - b)) : [i]));
  const lead = phase === "retro" ? t("retroLead") : null;
  const hint = phase === "pre" ? t("checkPre") : phase === "post" ? t("checkPost") : null;
  const status = queued ? (offline ? t("queued") : t("sending")) : !open ? (mine ? t("closedYours") : t("closedNone")) : mine ? t("saved") : null;

  return (
    <section className="flex flex-col gap-3 rounded-2xl border-2 border-brand bg-white p-4" data-testid="phone-question" data-key={key} data-status={state?.status ?? "closed"} aria-labelledby={`${id}-q`}>
      <p className="text-sm font-semibold text-slate-600">
        {t("questionOf", { n, total })}
        {hint && <span className="block font-normal">{hint}</span>}
      </p>
      {lead && (
        <p className="text-lg font-bold text-brand-dark" data-testid="retro-lead">
          {lead}
          <span className="block text-sm font-normal text-slate-600">{t("retroHint")}</span>
        </p>
      )}
      <form onSubmit={submit} className="flex flex-col gap-3">
        <fieldset className="flex flex-col gap-2" disabled={!open}>
          <legend id={`${id}-q`} className="mb-2 text-xl font-bold" lang={locale}>
            {localize(q.text, locale)}
          </legend>
          {q.type === "open" ? (
            <>
              <label htmlFor={`${id}-text`} className="font-semibold">
                {t("yourAnswer")}
              </label>
              <textarea
                id={`${id}-text`}
                value={text}
                onChange={(e) => setText(e.target.value)}
                rows={3}
                maxLength={OPEN_ANSWER_MAX * 2}
                className="rounded-lg border border-slate-300 bg-white px-3 py-2 text-lg"
              />
              <span className={`text-sm tabular-nums ${length > OPEN_ANSWER_MAX ? "font-bold text-rose-700" : "text-slate-600"}`}>{t("counter", { count: length, max: OPEN_ANSWER_MAX })}</span>
            </>
          ) : (
            <>
              <p className="text-sm text-slate-600">{q.type === "multiple" ? t("chooseAny") : q.type === "scale" ? t("scaleHint") : t("chooseOne")}</p>
              <div className={q.type === "scale" ? "grid grid-cols-5 gap-2" : "flex flex-col gap-2"}>
                {options.map((o, i) => {
                  const right = revealed?.correct.includes(i) ?? false;
                  return (
                    <div
                      key={i}
                      className={`flex min-h-12 items-center rounded-xl border-2 has-checked:border-brand has-checked:bg-cyan-50 ${right ? "border-emerald-600" : "border-slate-300"}`}
                      data-testid="answer-option"
                      data-correct={revealed ? right : undefined}
                    >
                      {/* The label is the option's text alone, so it names the input exactly; the whole row is the touch target. */}
                      <label className={`flex min-h-12 flex-1 cursor-pointer items-center gap-3 px-3 py-2 text-lg ${q.type === "scale" ? "justify-center font-bold" : ""}`}>
                        <input
                          type={q.type === "multiple" ? "checkbox" : "radio"}
                          name={`${id}-choice`}
                          value={i}
                          checked={choice.includes(i)}
                          onChange={() => toggle(i)}
                          className="size-6 shrink-0 accent-brand"
                        />
                        <span lang={locale}>{localize(o, locale)}</span>
                      </label>
                      {right && <span className="pr-3 text-sm font-bold text-emerald-700">✓ {t("correctAnswer")}</span>}
                    </div>
                  );
                })}
              </div>
              {q.type === "scale" && (q.low || q.high) && (
                <div className="flex justify-between text-sm text-slate-600" lang={locale}>
                  <span>1 = {localize(q.low, locale)}</span>
                  <span>5 = {localize(q.high, locale)}</span>
                </div>
              )}
            </>
          )}
        </fieldset>
        {open && <Button type="submit">{t("answer")}</Button>}
      </form>
      {status && (
        <p role="status" className="text-sm font-medium text-slate-700" data-testid="answer-status">
          {status}
        </p>
      )}
      <ErrorText code={error} />
      {revealed && mine && q.type !== "open" && (
        <p className={`rounded-lg p-3 text-lg font-bold ${isCorrect(q, mine.choice) ? "bg-emerald-50 text-emerald-900" : "bg-amber-50 text-amber-950"}`} data-testid="answer-verdict">
          {isCorrect(q, mine.choice) ? t("right") : t("wrong")}
        </p>
      )}
      {revealed?.explanation && (
        <div className="rounded-lg bg-slate-50 p-3" data-testid="answer-explanation" lang={locale}>
          <p className="text-sm font-semibold uppercase">{t("explanation")}</p>
          <p>{localize(revealed.explanation, locale)}</p>
        </div>
      )}
      {results?.shown && (
        <div data-testid="phone-results">
          <h3 className="mb-1 font-semibold">
            {t("results")} · {t("answers", { count: results.total })}
          </h3>
          {q.type === "open" ? (
            <ul className="flex flex-wrap gap-2">
              {results.words.slice(0, 20).map((w) => (
                <li key={w.word} className="rounded-full bg-slate-100 px-3 py-1">
                  {w.word} <span className="text-slate-500">{w.count}</span>
                </li>
              ))}
            </ul>
          ) : (
            <ResultBars labels={options.map((o) => localize(o, locale))} counts={results.counts} total={results.total} correct={revealed?.correct ?? []} size="phone" />
          )}
        </div>
      )}
    </section>
  );
}
