"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Button } from "@/components/ui/Button";
import { callApi } from "@/lib/client/api";
import { LOCALE_NAMES, LOCALES } from "@/lib/domain/locales";
import { QuestionsEditor, StepCheckFields } from "@/components/polls/QuestionsEditor";
import { QUESTION_STEP_KINDS, STEP_KINDS, UNSUPPORTED_STEP_KINDS, type LocalizedText, type Plan, type PlanIssue, type PlanStep } from "@/lib/domain/plan";

type Draft = Omit<Plan, "steps"> & { steps: PlanStep[] };

/** One text in English, Russian and Kazakh; English is required, the others fall back to it. */
function TextFields({ label, value, onChange, multiline }: { label: string; value: LocalizedText | undefined; onChange: (v: LocalizedText | undefined) => void; multiline?: boolean }) {
  const id = useId();
  const set = (l: (typeof LOCALES)[number], text: string) => {
    const next = { ...(value ?? { en: "" }), [l]: text };
    if (l !== "en" && !text) delete next[l];
    const empty = !next.en && !next.ru && !next.kk;
    onChange(empty ? undefined : (next as LocalizedText));
  };
  return (
    <fieldset className="flex flex-col gap-1">
      <legend className="font-medium">{label}</legend>
      <div className="grid gap-2 md:grid-cols-3">
        {LOCALES.map((l) => {
          const props = {
            id: `${id}-${l}`,
            value: value?.[l] ?? "",
            onChange: (e: { target: { value: string } }) => set(l, e.target.value),
            lang: l,
            className: "w-full rounded-lg border border-slate-300 bg-white px-2 py-1.5",
            "aria-label": `${label} (${LOCALE_NAMES[l]})`,
          };
          return (
            <div key={l} className="flex flex-col">
              <label htmlFor={props.id} className="text-xs text-slate-500">
                {LOCALE_NAMES[l]}
              </label>
              {multiline ? <textarea rows={4} {...props} /> : <input {...props} />}
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

function newStep(n: number): PlanStep {
  return { id: `step-${n}`, kind: "discussion", title: { en: "" }, groups: false, durationMinutes: 10 };
}

/** Edits a custom plan in the browser: texts in three languages, steps added, removed and reordered. */
export function PlanEditor({ initial }: { initial: Plan }) {
  const t = useTranslations("org");
  const ta = useTranslations("agenda");
  const tp = useTranslations("polls.editor");
  const tc = useTranslations("controls");
  const [draft, setDraft] = useState<Draft>(initial);
  const [issues, setIssues] = useState<PlanIssue[] | null>(null);
  const [status, setStatus] = useState<"idle" | "saving" | "saved" | "error">("idle");
  const [error, setError] = useState<string | null>(null);

  const setStep = (i: number, patch: Partial<PlanStep>) =>
    setDraft((d) => ({ ...d, steps: d.steps.map((s, n) => (n === i ? ({ ...s, ...patch } as PlanStep) : s)) }));
  const move = (i: number, by: number) =>
    setDraft((d) => {
      const steps = [...d.steps];
      const [s] = steps.splice(i, 1);
      steps.splice(i + by, 0, s);
      return { ...d, steps };
    });

  async function save() {
    setStatus("saving");
    const r = await callApi<{ plan: Plan }>(`/api/plans/${initial.id}`, { method: "PUT", body: draft });
    if (r.ok) {
      setDraft(r.plan);
      setIssues(null);
      setError(null);
      setStatus("saved");
    } else {
      setIssues(Array.isArray(r.issues) ? (r.issues as PlanIssue[]) : null);
      setError(r.error.code);
      setStatus("error");
    }
  }

  return (
    <div className="flex flex-col gap-6">
      <section className="flex flex-col gap-3 rounded-2xl bg-white p-5 shadow-sm">
        <TextFields label={t("planTitle")} value={draft.title} onChange={(v) => setDraft({ ...draft, title: v ?? { en: "" } })} />
        <TextFields label={t("planDescription")} value={draft.description} onChange={(v) => setDraft({ ...draft, description: v })} multiline />
        <QuestionsEditor
          title={tp("checkQuestions")}
          help={tp("checkHelp")}
          value={draft.knowledgeCheck?.questions}
          onChange={(questions) => setDraft({ ...draft, knowledgeCheck: questions ? { questions } : undefined })}
          Field={TextFields}
        />
      </section>

      {draft.steps.map((s, i) => (
        <section key={i} className="flex flex-col gap-3 rounded-2xl bg-white p-5 shadow-sm" data-testid="edit-step">
          <div className="flex flex-wrap items-end gap-3">
            <h2 className="mr-auto text-lg font-semibold">{t("stepN", { n: i + 1 })}</h2>
            <label className="flex flex-col text-sm">
              {t("stepId")}
              <input value={s.id} onChange={(e) => setStep(i, { id: e.target.value })} className="rounded-lg border border-slate-300 px-2 py-1.5 font-mono" />
            </label>
            <label className="flex flex-col text-sm">
              {t("stepKind")}
              <select value={s.kind} onChange={(e) => setStep(i, { kind: e.target.value as PlanStep["kind"] })} className="rounded-lg border border-slate-300 bg-white px-2 py-1.5">
                {STEP_KINDS.filter((k) => !UNSUPPORTED_STEP_KINDS.includes(k)).map((k) => (
                  <option key={k} value={k}>
                    {ta(`kinds.${k}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className="flex flex-col text-sm">
              {t("duration")}
              <input
                type="number"
                min={1}
                max={240}
                value={s.durationMinutes ?? ""}
                onChange={(e) => setStep(i, { durationMinutes: e.target.value ? Number(e.target.value) : undefined })}
                className="w-24 rounded-lg border border-slate-300 px-2 py-1.5"
              />
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={s.groups} onChange={(e) => setStep(i, { groups: e.target.checked })} />
              {t("inGroups")}
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={!!s.autoStartTimer} onChange={(e) => setStep(i, { autoStartTimer: e.target.checked || undefined })} />
              {tc("planAutoStart")}
            </label>
          </div>
          <TextFields label={t("fieldTitle")} value={s.title} onChange={(v) => setStep(i, { title: v ?? { en: "" } })} />
          <TextFields label={t("fieldBody")} value={s.body} onChange={(v) => setStep(i, { body: v })} multiline />
          <TextFields label={t("fieldTask")} value={s.task} onChange={(v) => setStep(i, { task: v })} />
          <TextFields label={t("fieldWarning")} value={s.warning} onChange={(v) => setStep(i, { warning: v })} />
          {QUESTION_STEP_KINDS.includes(s.kind) && (
            <>
              <StepCheckFields step={s} onChange={(patch) => setStep(i, patch)} />
              <QuestionsEditor title={tp("questions")} value={s.questions} onChange={(questions) => setStep(i, { questions })} Field={TextFields} />
            </>
          )}
          {(s.prompts ?? []).map((p, n) => (
            <div key={n} className="flex items-end gap-2">
              <div className="flex-1">
                <TextFields
                  label={`${t("fieldPrompts")} ${n + 1}`}
                  value={p}
                  onChange={(v) => setStep(i, { prompts: (s.prompts ?? []).map((q, m) => (m === n ? (v ?? { en: "" }) : q)) })}
                />
              </div>
              <Button variant="secondary" onClick={() => setStep(i, { prompts: (s.prompts ?? []).filter((_, m) => m !== n) })}>
                {t("remove")}
              </Button>
            </div>
          ))}
          {s.kind === "video" && (
            <label className="flex flex-col text-sm">
              {t("fieldMedia")}
              <input value={s.media ?? ""} onChange={(e) => setStep(i, { media: e.target.value || undefined })} className="rounded-lg border border-slate-300 px-2 py-1.5 font-mono" />
            </label>
          )}
          <div className="flex flex-wrap gap-2">
            <Button variant="secondary" onClick={() => setStep(i, { prompts: [...(s.prompts ?? []), { en: "" }] })}>
              {t("addPrompt")}
            </Button>
            <Button variant="secondary" onClick={() => move(i, -1)} disabled={i === 0}>
              {t("moveUp")}
            </Button>
            <Button variant="secondary" onClick={() => move(i, 1)} disabled={i === draft.steps.length - 1}>
              {t("moveDown")}
            </Button>
            <Button variant="danger" onClick={() => setDraft((d) => ({ ...d, steps: d.steps.filter((_, n) => n !== i) }))}>
              {t("removeStep")}
            </Button>
          </div>
        </section>
      ))}

      <div className="sticky bottom-0 flex flex-wrap items-center gap-3 border-t border-slate-200 bg-slate-50/95 py-3">
        <Button variant="secondary" onClick={() => setDraft((d) => ({ ...d, steps: [...d.steps, newStep(d.steps.length + 1)] }))}>
          {t("addStep")}
        </Button>
        <Button onClick={save} disabled={status === "saving"}>
          {t("savePlan")}
        </Button>
        {status === "saved" && (
          <span role="status" className="font-semibold text-emerald-700">
            {t("planSaved")}
          </span>
        )}
      </div>
      {status === "error" && (
        <section role="alert" data-testid="plan-issues" className="rounded-2xl border border-rose-300 bg-rose-50 p-4 text-rose-950">
          <p className="font-semibold">{t("planProblems")}</p>
          {issues ? (
            <ul className="list-disc pl-5">
              {issues.map((x, n) => (
                <li key={n}>
                  {x.step ? `${x.step} › ` : ""}
                  {x.field}: {x.message}
                </li>
              ))}
            </ul>
          ) : (
            <p>{error}</p>
          )}
        </section>
      )}
    </div>
  );
}
