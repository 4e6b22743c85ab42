import type { Plan, PlanStep, Question } from "@/lib/domain/plan";

/** Two knowledge-check questions (myth or fact), with right answers and explanations. */
export const CHECK: Question[] = [
  {
    id: "abroad",
    type: "single",
    text: { en: "Trafficking only happens when people cross a border.", ru: "Торговля людьми бывает только при пересечении границы.", kk: "Адам саудасы тек шекарадан өткенде болады." },
    options: [{ text: { en: "Myth", ru: "Миф", kk: "Миф" }, correct: true }, { text: { en: "Fact", ru: "Факт", kk: "Факт" } }],
    explanation: { en: "It happens inside a country too." },
  },
  {
    id: "signs",
    type: "multiple",
    text: { en: "Which are warning signs?" },
    options: [{ text: { en: "Someone keeps your passport" }, correct: true }, { text: { en: "A written contract" } }, { text: { en: "A debt you must work off" }, correct: true }],
  },
];

const step = (id: string, kind: PlanStep["kind"], extra: Partial<PlanStep> = {}): PlanStep => ({ id, kind, title: { en: id }, groups: false, ...extra });

/** A plan that asks everything: a pre check, a poll of every type, a quiz, and a post check with its retrospective and feedback. */
export const POLL_PLAN: Plan = {
  id: "poll-plan",
  version: 1,
  title: { en: "Poll plan" },
  knowledgeCheck: { questions: CHECK },
  steps: [
    step("welcome", "intro", { check: "pre" }),
    step("vote", "poll", {
      questions: [
        { id: "pick", type: "single", text: { en: "Pick one" }, options: [{ text: { en: "Red" } }, { text: { en: "Blue" } }, { text: { en: "Green" } }] },
        { id: "many", type: "multiple", text: { en: "Pick any" }, options: [{ text: { en: "Bus" } }, { text: { en: "Train" } }, { text: { en: "Car" } }] },
        { id: "rate", type: "scale", text: { en: "How safe do you feel?" }, low: { en: "Not at all" }, high: { en: "Very" } },
        { id: "word", type: "open", text: { en: "One word for safety" } },
      ],
    }),
    step("quiz", "quiz", {
      questions: [{ id: "law", type: "single", text: { en: "Is it legal to keep a worker's passport?" }, options: [{ text: { en: "Yes" } }, { text: { en: "No" }, correct: true }], explanation: { en: "Nobody may keep your documents." } }],
    }),
    step("talk", "discussion"),
    step("wrap", "wrapup", {
      check: "post",
      retrospective: true,
      questions: [
        { id: "useful", type: "scale", text: { en: "How useful was today?" } },
        { id: "help", type: "single", text: { en: "I know where to get help" }, options: [{ text: { en: "Yes" } }, { text: { en: "No" } }, { text: { en: "Not sure" } }] },
      ],
    }),
  ],
};
export const POLL_STEP = { welcome: 0, vote: 1, quiz: 2, talk: 3, wrap: 4 } as const;
