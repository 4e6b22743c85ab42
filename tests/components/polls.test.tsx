import { describe, expect, it, jest } from "@jest/globals";
import { act, fireEvent, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { PhoneQuestion } from "@/components/polls/PhoneQuestion";
import { PollResults } from "@/components/polls/PollResults";
import { QuestionControls, type PollAction } from "@/components/polls/QuestionControls";
import type { OutboxResult } from "@/lib/client/live-connection";
import type { OutboxEntry } from "@/lib/client/outbox";
import type { CommandActor, SessionCommand } from "@/lib/domain/decision";
import { pollResults, type PollResults as Results } from "@/lib/domain/poll-results";
import { stateForViewer } from "@/lib/domain/visibility";
import { ctx } from "../unit/ctx";
import { POLL_PLAN, POLL_STEP } from "../unit/support/poll-fixtures";
import { History, liveSession, phone, trainer } from "../unit/support/session-fixtures";
import { NextIntlClientProvider } from "next-intl";
import { QuestionsEditor } from "@/components/polls/QuestionsEditor";
import { QuestionsPreview } from "@/components/polls/QuestionsPreview";
import { SessionImpact } from "@/components/polls/SessionImpact";
import { buildImpact, publishImpact } from "@/lib/domain/impact";
import type { Question } from "@/lib/domain/plan";
import en from "@/lib/i18n/messages/en.json";
import { renderIntl } from "./render";

const ids = ctx(5000);
const run = (h: History, command: SessionCommand, actor: CommandActor) => h.run(command, actor, ids);
const on = (step: number, key: string) => run(liveSession({ plan: POLL_PLAN, participants: 4, step }), { type: "poll:open", key }, trainer);
const phoneView = (h: History, who = "p1") => stateForViewer(h.state, { kind: "participant", participantId: who });

/** A stand-in for the phone's connection: records what goes into the outbox and lets a test answer it. */
function fakeOutbox() {
  const queued: { name: string; payload: Record<string, unknown> }[] = [];
  const listeners = new Set<(r: OutboxResult) => void>();
  return {
    queued,
    queue: jest.fn((name: string, payload: Record<string, unknown>) => {
      queued.push({ name, payload });
      return `cmd-${queued.length}`;
    }) as never,
    onOutboxResult: (l: (r: OutboxResult) => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    refuse(key: string, code: string) {
      const entry = { name: "poll:answer", payload: { id: "cmd-x", key, choice: [0] }, createdAt: 1 } as OutboxEntry;
      listeners.forEach((l) => l({ entry, ack: { ok: false, error: { code, message: code } } } as OutboxResult));
    },
  };
}

function renderPhone(h: History, opts: { who?: string; pending?: OutboxEntry[]; results?: Record<string, Results>; offline?: boolean; locale?: "en" | "ru" | "kk" } = {}) {
  const box = fakeOutbox();
  const locale = opts.locale ?? "en";
  renderIntl(
    <PhoneQuestion session={phoneView(h, opts.who)} me={opts.who ?? "p1"} connection={box} pending={opts.pending ?? []} results={opts.results ?? {}} offline={opts.offline ?? false} locale={locale} />,
    locale,
  );
  return box;
}

describe("PhoneQuestion", () => {
  it("a single-choice question: options as radio buttons labelled with their text, and the button Answer queues the choice", async () => {
    const box = renderPhone(on(POLL_STEP.vote, "vote:pick"));
    expect(screen.getByText("Question 1 of 4")).toBeInTheDocument();
    expect(screen.getAllByRole("radio")).toHaveLength(3);
    await userEvent.click(screen.getByLabelText("Blue"));
    await userEvent.click(screen.getByRole("button", { name: "Answer" }));
    expect(box.queued).toEqual([{ name: "poll:answer", payload: { key: "vote:pick", choice: [1] } }]);
  });

  it("a multiple-choice question takes several checkboxes", async () => {
    const box = renderPhone(on(POLL_STEP.vote, "vote:many"));
    expect(screen.getByText("Choose all that apply.")).toBeInTheDocument();
    await userEvent.click(screen.getByLabelText("Car"));
    await userEvent.click(screen.getByLabelText("Bus"));
    await userEvent.click(screen.getByRole("button", { name: "Answer" }));
    expect(box.queued[0].payload).toEqual({ key: "vote:many", choice: [0, 2] });
  });

  it("a scale offers the points 1 to 5 with what the ends mean", async () => {
    const box = renderPhone(on(POLL_STEP.vote, "vote:rate"));
    expect(screen.getAllByRole("radio").map((r) => r.closest("label")!.textContent)).toEqual(["1", "2", "3", "4", "5"]);
    expect(screen.getByText("1 = Not at all")).toBeInTheDocument();
    await userEvent.click(screen.getByLabelText("4"));
    await userEvent.click(screen.getByRole("button", { name: "Answer" }));
    expect(box.queued[0].payload).toEqual({ key: "vote:rate", choice: [3] });
  });

  it("an open question takes a short text, with a counter, and refuses an empty one on the phone", async () => {
    const box = renderPhone(on(POLL_STEP.vote, "vote:word"));
    await userEvent.click(screen.getByRole("button", { name: "Answer" }));
    expect(screen.getByRole("alert")).toHaveAttribute("data-code", "ANSWER_INVALID");
    await userEvent.type(screen.getByLabelText("Your answer"), "  Trust  ");
    expect(screen.getByText("5 / 200")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Answer" }));
    expect(box.queued[0].payload).toEqual({ key: "vote:word", choice: [], text: "Trust" });
  });

  it("says an answer waits on the phone while offline, and that it is in once the server has it", () => {
    const h = on(POLL_STEP.vote, "vote:pick");
    const entry = { name: "poll:answer", payload: { id: "cmd-12345678", key: "vote:pick", choice: [2] }, createdAt: 1 } as OutboxEntry;
    renderPhone(h, { pending: [entry], offline: true });
    expect(screen.getByRole("status")).toHaveTextContent("saved on this phone");
    expect(screen.getByLabelText("Green")).toBeChecked();
  });

  it("shows the answer it gave, and that it may still change it", () => {
    const h = run(on(POLL_STEP.vote, "vote:pick"), { type: "poll:answer", key: "vote:pick", choice: [0] }, phone("p1"));
    renderPhone(h);
    expect(screen.getByLabelText("Red")).toBeChecked();
    expect(screen.getByRole("status")).toHaveTextContent("You can change it until the question closes");
  });

  it("a closed question can no longer be answered", () => {
    const h = run(run(on(POLL_STEP.vote, "vote:pick"), { type: "poll:answer", key: "vote:pick", choice: [0] }, phone("p1")), { type: "poll:close", key: "vote:pick" }, trainer);
    renderPhone(h);
    expect(screen.queryByRole("button", { name: "Answer" })).toBeNull();
    expect(screen.getByLabelText("Red")).toBeDisabled();
    expect(screen.getByRole("status")).toHaveTextContent("closed. Your answer is counted");
  });

  it("a refused answer is explained", () => {
    const box = renderPhone(on(POLL_STEP.vote, "vote:pick"));
    act(() => box.refuse("vote:pick", "QUESTION_CLOSED"));
    expect(screen.getByRole("alert")).toHaveTextContent("This question is closed");
  });

  it("after the reveal: right or not, the right answer marked, and why", () => {
    let h = run(on(POLL_STEP.quiz, "quiz:law"), { type: "poll:answer", key: "quiz:law", choice: [0] }, phone("p1"));
    h = run(h, { type: "poll:reveal", key: "quiz:law" }, trainer);
    renderPhone(h);
    expect(screen.getByTestId("answer-verdict")).toHaveTextContent("Not quite.");
    expect(screen.getByLabelText("No").closest("[data-testid=answer-option]")).toHaveAttribute("data-correct", "true");
    expect(screen.getByTestId("answer-explanation")).toHaveTextContent("Nobody may keep your documents.");
  });

  it("shows results only when the results feed says they are shown", () => {
    let h = on(POLL_STEP.vote, "vote:pick");
    h = run(h, { type: "poll:answer", key: "vote:pick", choice: [1] }, phone("p2"));
    renderPhone(h, { results: { "vote:pick": pollResults(h.state, "vote:pick", "phones") } });
    expect(screen.queryByTestId("phone-results")).toBeNull();
    h = run(h, { type: "poll:show", key: "vote:pick", phones: true }, trainer);
    renderPhone(h, { results: { "vote:pick": pollResults(h.state, "vote:pick", "phones") } });
    const bars = within(screen.getByTestId("phone-results")).getAllByTestId("poll-option");
    expect(bars.map((b) => b.getAttribute("data-count"))).toEqual(["0", "1", "0"]);
  });

  it("the retrospective question says so, in Kazakh", () => {
    renderPhone(on(POLL_STEP.wrap, "wrap:abroad:retro"), { locale: "kk" });
    expect(screen.getByTestId("retro-lead")).toHaveTextContent("Бүгінге дейін мен былай жауап берер едім…");
    expect(screen.getByText("Адам саудасы тек шекарадан өткенде болады.")).toBeInTheDocument();
    expect(screen.getByLabelText("Миф")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Жауап беру" })).toBeInTheDocument();
  });

  it("shows nothing when no question is open on the current step", () => {
    renderIntl(<PhoneQuestion session={phoneView(liveSession({ plan: POLL_PLAN, step: POLL_STEP.vote }))} me="p1" connection={fakeOutbox()} pending={[]} results={{}} offline={false} locale="en" />);
    expect(screen.queryByTestId("phone-question")).toBeNull();
  });
});

describe("PollResults on the projector", () => {
  const screenView = (h: History) => stateForViewer(h.state, { kind: "screen" });

  it("live bars with counts and percentages, each option marked with its count", () => {
    let h = on(POLL_STEP.vote, "vote:pick");
    for (const [who, c] of [["p1", 0], ["p2", 1], ["p3", 1], ["p4", 1]] as const) h = run(h, { type: "poll:answer", key: "vote:pick", choice: [c] }, phone(who));
    renderIntl(<PollResults session={screenView(h)} results={{ "vote:pick": pollResults(h.state, "vote:pick", "screen") }} />);
    const results = screen.getByTestId("poll-results");
    const options = within(results).getAllByTestId("poll-option");
    expect(options.map((o) => [o.getAttribute("data-count"), o.textContent])).toEqual([
      ["1", "Red1 · 25%"],
      ["3", "Blue3 · 75%"],
      ["0", "Green0 · 0%"],
    ]);
    expect(within(results).getByTestId("poll-total")).toHaveTextContent("4 answered");
  });

  it("hidden results: the question and how many answered, no bars", () => {
    let h = on(POLL_STEP.vote, "vote:pick");
    h = run(h, { type: "poll:show", key: "vote:pick", screen: false }, trainer);
    renderIntl(<PollResults session={screenView(h)} results={{ "vote:pick": pollResults(h.state, "vote:pick", "screen") }} />);
    expect(screen.getByTestId("poll-results")).toHaveAttribute("data-shown", "false");
    expect(screen.queryAllByTestId("poll-option")).toHaveLength(0);
  });

  it("a quiz: the right answer and its explanation only after the reveal", () => {
    let h = run(on(POLL_STEP.quiz, "quiz:law"), { type: "poll:answer", key: "quiz:law", choice: [1] }, phone("p1"));
    const view = renderIntl(<PollResults session={screenView(h)} results={{ "quiz:law": pollResults(h.state, "quiz:law", "screen") }} />);
    expect(screen.queryByTestId("poll-explanation")).toBeNull();
    expect(screen.getAllByTestId("poll-option").map((o) => o.getAttribute("data-correct"))).toEqual([null, null]);
    view.unmount();
    h = run(h, { type: "poll:reveal", key: "quiz:law" }, trainer);
    renderIntl(<PollResults session={screenView(h)} results={{ "quiz:law": pollResults(h.state, "quiz:law", "screen") }} />);
    expect(screen.getAllByTestId("poll-option").map((o) => o.getAttribute("data-correct"))).toEqual(["false", "true"]);
    expect(screen.getByTestId("poll-explanation")).toHaveTextContent("Nobody may keep your documents.");
  });

  it("an open question: a word cloud in the session's language and the latest answers", () => {
    const en = liveSession({ plan: POLL_PLAN, participants: 3, step: POLL_STEP.vote });
    let h = new History(en.events, { ...en.state, language: "ru" });
    h = run(h, { type: "poll:open", key: "vote:word" }, trainer);
    for (const [who, text] of [["p1", "Доверие и ДРУЗЬЯ"], ["p2", "друзья рядом"], ["p3", "Семья"]] as const) h = run(h, { type: "poll:answer", key: "vote:word", choice: [], text }, phone(who));
    renderIntl(<PollResults session={screenView(h)} results={{ "vote:word": pollResults(h.state, "vote:word", "screen") }} />, "ru");
    const words = within(screen.getByTestId("word-cloud")).getAllByTestId("word");
    expect(Object.fromEntries(words.map((w) => [w.textContent, w.getAttribute("data-count")]))).toEqual({ друзья: "2", доверие: "1", рядом: "1", семья: "1" });
    expect(screen.getAllByTestId("poll-answer").map((a) => a.textContent)).toEqual(["Семья", "друзья рядом", "Доверие и ДРУЗЬЯ"]);
  });
});

describe("QuestionControls on the console", () => {
  function renderControls(h: History) {
    const actions: PollAction[] = [];
    renderIntl(<QuestionControls session={stateForViewer(h.state, { kind: "staff" })} onAction={(a) => actions.push(a)} busy={false} />);
    return actions;
  }

  it("opens the first question, then closes it and moves to the next", async () => {
    const before = renderControls(liveSession({ plan: POLL_PLAN, step: POLL_STEP.vote }));
    await userEvent.click(screen.getByRole("button", { name: "Open question" }));
    expect(before).toEqual([{ type: "poll:open", key: "vote:pick" }]);
    document.body.innerHTML = "";
    const actions = renderControls(on(POLL_STEP.vote, "vote:pick"));
    await userEvent.click(screen.getByRole("button", { name: "Close question" }));
    await userEvent.click(screen.getByRole("button", { name: "Following question" }));
    await userEvent.click(screen.getByRole("button", { name: "Show results on phones" }));
    expect(actions).toEqual([
      { type: "poll:close", key: "vote:pick" },
      { type: "poll:open", key: "vote:many" },
      { type: "poll:show", key: "vote:pick", phones: true },
    ]);
  });

  it("lists the step's questions, the check ones with their phase, and asks any of them", async () => {
    const actions = renderControls(liveSession({ plan: POLL_PLAN, step: POLL_STEP.wrap }));
    const rows = within(screen.getByTestId("question-list")).getAllByRole("button");
    expect(rows).toHaveLength(6);
    expect(rows[2]).toHaveTextContent("Looking back");
    fireEvent.click(screen.getByRole("button", { name: /^Ask question 5: How useful/ }));
    expect(actions).toEqual([{ type: "poll:open", key: "wrap:useful" }]);
  });

  it("tallies without names, reveals a quiz answer, and hides an open answer", async () => {
    let h = run(on(POLL_STEP.quiz, "quiz:law"), { type: "poll:answer", key: "quiz:law", choice: [1] }, phone("p1"));
    let actions = renderControls(h);
    expect(screen.getAllByTestId("poll-option").map((o) => o.getAttribute("data-count"))).toEqual(["0", "1"]);
    await userEvent.click(screen.getByRole("button", { name: "Reveal answer" }));
    expect(actions).toEqual([{ type: "poll:reveal", key: "quiz:law" }]);
    document.body.innerHTML = "";

    h = run(on(POLL_STEP.vote, "vote:word"), { type: "poll:answer", key: "vote:word", choice: [], text: "Rude words" }, phone("p2"));
    actions = renderControls(h);
    const answer = screen.getByTestId("open-answer");
    expect(answer).toHaveTextContent("Rude words");
    expect(answer).not.toHaveTextContent("nick-p2");
    await userEvent.click(within(answer).getByRole("button", { name: "Hide" }));
    expect(actions).toEqual([{ type: "poll:hide-answer", key: "vote:word", answerId: h.state.polls.questions["vote:word"].answers.p2.answerId, hidden: true }]);
  });

  it("is not there on a step without questions", () => {
    renderControls(liveSession({ plan: POLL_PLAN, step: POLL_STEP.talk }));
    expect(screen.queryByTestId("question-controls")).toBeNull();
  });
});

describe("SessionImpact on the report page", () => {
  const ids2 = ctx(7000);
  const go = (h: History, c: SessionCommand, a: CommandActor) => h.run(c, a, ids2);

  function report() {
    let h = liveSession({ plan: POLL_PLAN, participants: 6, step: POLL_STEP.welcome });
    h = go(h, { type: "poll:open", key: "welcome:abroad" }, trainer);
    for (const p of ["p1", "p2", "p3", "p4", "p5", "p6"]) h = go(h, { type: "poll:answer", key: "welcome:abroad", choice: [p === "p6" ? 0 : 1] }, phone(p));
    h = go(h, { type: "agenda:goto", index: POLL_STEP.wrap }, trainer);
    h = go(h, { type: "poll:open", key: "wrap:abroad" }, trainer);
    for (const p of ["p1", "p2", "p3", "p4", "p5", "p6"]) h = go(h, { type: "poll:answer", key: "wrap:abroad", choice: [0] }, phone(p));
    h = go(h, { type: "poll:open", key: "wrap:useful" }, trainer);
    for (const [p, c] of [["p1", 4], ["p2", 4], ["p3", 4], ["p4", 4], ["p5", 4], ["p6", 2]] as const) h = go(h, { type: "poll:answer", key: "wrap:useful", choice: [c] }, phone(p));
    return publishImpact(buildImpact(h.state, h.events));
  }

  it("shows the paired change per question, the feedback and the indicators, with small cells as <5", () => {
    renderIntl(<SessionImpact impact={report()} language="en" />);
    const row = screen.getAllByTestId("impact-check").find((r) => r.getAttribute("data-question") === "abroad")!;
    expect(row).toHaveAttribute("data-paired", "6");
    expect(row).toHaveAttribute("data-pre", "");
    expect(row).toHaveAttribute("data-post", "100");
    // 1 of 6 right before: too few to publish a share.
    expect(row).toHaveTextContent("— → 100%");
    const useful = within(screen.getByTestId("impact-feedback")).getAllByTestId("impact-option");
    expect(useful.map((o) => o.getAttribute("data-count"))).toEqual(["0", "0", "suppressed", "0", "5"]);
    expect(screen.getByTestId("indicator-trained")).toHaveAttribute("data-total", "6");
    expect(screen.getByTestId("impact-rule")).toHaveTextContent("at least 80% of the steps run and answered the after check");
  });

  it("speaks Russian", () => {
    renderIntl(<SessionImpact impact={report()} language="ru" />, "ru");
    expect(screen.getByText("Проверка знаний: до и после")).toBeInTheDocument();
    expect(within(screen.getByTestId("impact-checks")).getByText("Торговля людьми бывает только при пересечении границы.")).toBeInTheDocument();
  });
});

describe("QuestionsEditor in the plan editor", () => {
  function Field({ label, value, onChange }: { label: string; value: { en: string } | undefined; onChange: (v: { en: string } | undefined) => void }) {
    return (
      <label>
        {label}
        <input value={value?.en ?? ""} onChange={(e) => onChange(e.target.value ? { en: e.target.value } : undefined)} />
      </label>
    );
  }

  it("adds a question, ticks one right option (unticking the other), and turns it into a scale", async () => {
    let value: Question[] | undefined;
    const { rerender } = renderIntl(<QuestionsEditor title="Questions" value={value} onChange={(v) => (value = v)} Field={Field as never} />);
    await userEvent.click(screen.getByRole("button", { name: "Add question" }));
    expect(value).toEqual([{ id: "q1", type: "single", text: { en: "" }, options: [{ text: { en: "" } }, { text: { en: "" } }] }]);
    const again = (v: Question[] | undefined) => rerender(<NextIntlClientProvider locale="en" messages={en} timeZone="Asia/Almaty"><QuestionsEditor title="Questions" value={v} onChange={(x) => (value = x)} Field={Field as never} /></NextIntlClientProvider>);
    again(value);
    const ticks = screen.getAllByLabelText("Correct");
    fireEvent.click(ticks[0]);
    again(value);
    fireEvent.click(screen.getAllByLabelText("Correct")[1]);
    expect(value![0].options!.map((o) => !!o.correct)).toEqual([false, true]);
    again(value);
    fireEvent.change(screen.getByLabelText("Question type"), { target: { value: "scale" } });
    expect(value![0]).toEqual({ id: "q1", type: "scale", text: { en: "" } });
  });
});

describe("QuestionsPreview in the plan library", () => {
  it("lists a step's questions in the order they are asked, with the right answers, in the chosen language", () => {
    renderIntl(<QuestionsPreview plan={POLL_PLAN} step={POLL_PLAN.steps[POLL_STEP.wrap]} locale="ru" />, "ru");
    const items = within(screen.getByTestId("preview-questions")).getAllByRole("listitem").filter((li) => li.parentElement?.tagName === "OL");
    expect(items).toHaveLength(6);
    expect(items[0]).toHaveTextContent("Торговля людьми бывает только при пересечении границы.");
    expect(items[0]).toHaveTextContent("Миф✓ верно");
    expect(items[2]).toHaveTextContent("До сегодняшнего дня я бы ответил(а)…");
  });
});
