"use client";

import { useTranslations } from "next-intl";
import type { ComponentType } from "react";
import { Button } from "@/components/ui/Button";
import { MAX_OPTIONS, QUESTION_TYPES, type LocalizedText, type PlanStep, type Question } from "@/lib/domain/plan";

/** The plan editor's three-language text fields, passed in so both editors look and behave the same. */
export type TextFieldsComponent = ComponentType<{ label: string; value: LocalizedText | undefined; onChange: (v: LocalizedText | undefined) => void; multiline?: boolean }>;

const blankOption = () => ({ text: { en: "" } });

function newQuestion(taken: readonly string[]): Question {
  let n = taken.length + 1;
  while (taken.includes(`q${n}`)) n++;
  return { id: `q${n}`, type: "single", text: { en: "" }, options: [blankOption(), blankOption()] };
}

/** A question's fields when its type changes: options only for choice questions, end labels only for a scale. */
function retyped(q: Question, type: Question["type"]): Question {
  const choice = type === "single" || type === "multiple";
  const { options, low, high, explanation, ...rest } = q;
  return {
    ...rest,
    type,
    ...(choice ? { options: options?.length ? (type === "single" ? options.map((o, i) => (i === options.findIndex((x) => x.correct) ? o : { text: o.text })) : options) : [blankOption(), blankOption()] } : {}),
    ...(type === "scale" ? { ...(low ? { low } : {}), ...(high ? { high } : {}) } : {}),
    ...(choice && explanation ? { explanation } : {}),
  };
}

/**
 * Edits a list of questions (a poll, quiz or wrap-up step's own, or the
 * plan's knowledge check): type, text in three languages, options with the
 * right ones ticked, a scale's end labels, and the explanation shown with
 * the right answer. The server checks the whole plan on save.
 */
export function QuestionsEditor({ title, help, value, onChange, Field }: { title: string; help?: string; value: Question[] | undefined; onChange: (v: Question[] | undefined) => void; Field: TextFieldsComponent }) {
  const t = useTranslations("polls.editor");
  const list = value ?? [];
  const set = (i: number, q: Question) => onChange(list.map((x, n) => (n === i ? q : x)));
  return (
    <fieldset className="flex flex-col gap-3 rounded-xl border border-slate-200 p-3" data-testid="edit-questions">
      <legend className="px-1 font-semibold">{title}</legend>
      {help && <p className="text-sm text-slate-600">{help}</p>}
      {list.map((q, i) => (
        <div key={i} className="flex flex-col gap-2 rounded-lg bg-slate-50 p-3" data-testid="edit-question">
          <div className="flex flex-wrap items-end gap-3">
            <label className="flex flex-col text-sm">
              {t("questionId")}
              <input value={q.id} onChange={(e) => set(i, { ...q, id: e.target.value })} className="rounded-lg border border-slate-300 px-2 py-1.5 font-mono" />
            </label>
            <label className="flex flex-col text-sm">
              {t("questionType")}
              <select value={q.type} onChange={(e) => set(i, retyped(q, e.target.value as Question["type"]))} className="rounded-lg border border-slate-300 bg-white px-2 py-1.5">
                {QUESTION_TYPES.map((k) => (
                  <option key={k} value={k}>
                    {t(`types.${k}`)}
                  </option>
                ))}
              </select>
            </label>
            <Button variant="danger" className="ml-auto" onClick={() => onChange(list.length > 1 ? list.filter((_, n) => n !== i) : undefined)}>
              {t("removeQuestion")}
            </Button>
          </div>
          <Field label={`${t("text")} ${i + 1}`} value={q.text} onChange={(v) => set(i, { ...q, text: v ?? { en: "" } })} />
          {(q.type === "single" || q.type === "multiple") && (
            <>
              {(q.options ?? []).map((o, n) => (
                <div key={n} className="flex flex-wrap items-end gap-2">
                  <div className="min-w-64 flex-1">
                    <Field label={t("option", { n: n + 1 })} value={o.text} onChange={(v) => set(i, { ...q, options: q.options!.map((x, m) => (m === n ? { ...x, text: v ?? { en: "" } } : x)) })} />
                  </div>
                  <label className="flex min-h-11 items-center gap-2 text-sm">
                    <input
                      type="checkbox"
                      checked={!!o.correct}
                      onChange={(e) =>
                        set(i, {
                          ...q,
                          // A single-choice question has one right option: ticking one unticks the others.
                          options: q.options!.map((x, m) => (m === n ? (e.target.checked ? { ...x, correct: true } : { text: x.text }) : q.type === "single" && e.target.checked ? { text: x.text } : x)),
                        })
                      }
                    />
                    {t("correct")}
                  </label>
                  <Button variant="secondary" onClick={() => set(i, { ...q, options: q.options!.filter((_, m) => m !== n) })} disabled={(q.options?.length ?? 0) <= 2}>
                    {t("removeOption")}
                  </Button>
                </div>
              ))}
              <div>
                <Button variant="secondary" onClick={() => set(i, { ...q, options: [...(q.options ?? []), blankOption()] })} disabled={(q.options?.length ?? 0) >= MAX_OPTIONS}>
                  {t("addOption")}
                </Button>
              </div>
              <Field label={t("explanation")} value={q.explanation} onChange={(v) => set(i, { ...q, explanation: v })} multiline />
            </>
          )}
          {q.type === "scale" && (
            <>
              <Field label={t("low")} value={q.low} onChange={(v) => set(i, { ...q, low: v })} />
              <Field label={t("high")} value={q.high} onChange={(v) => set(i, { ...q, high: v })} />
            </>
          )}
        </div>
      ))}
      <div>
        <Button variant="secondary" onClick={() => onChange([...list, newQuestion(list.map((q) => q.id))])}>
          {t("addQuestion")}
        </Button>
      </div>
    </fieldset>
  );
}

/** A step's knowledge-check setting: none, before or after the training, and the "before today" question with the after check. */
export function StepCheckFields({ step, onChange }: { step: PlanStep; onChange: (patch: Partial<PlanStep>) => void }) {
  const t = useTranslations("polls.editor");
  return (
    <div className="flex flex-wrap items-end gap-3">
      <label className="flex flex-col text-sm">
        {t("check")}
        <select
          value={step.check ?? ""}
          onChange={(e) => {
            const check = e.target.value === "pre" || e.target.value === "post" ? e.target.value : undefined;
            onChange({ check, retrospective: check === "post" ? step.retrospective : undefined });
          }}
          className="rounded-lg border border-slate-300 bg-white px-2 py-1.5"
        >
          <option value="">{t("checkNone")}</option>
          <option value="pre">{t("checkPre")}</option>
          <option value="post">{t("checkPost")}</option>
        </select>
      </label>
      {step.check === "post" && (
        <label className="flex min-h-11 items-center gap-2 text-sm">
          <input type="checkbox" checked={!!step.retrospective} onChange={(e) => onChange({ retrospective: e.target.checked || undefined })} />
          {t("retrospective")}
        </label>
      )}
    </div>
  );
}
