import { accept, fail, isStaff, type CommandActor, type Decision, type DecideContext, type SessionCommand } from "./decision";
import { checkAnswer, correctOptions, currentQuestion, findQuestion, type QuestionRef } from "./polls";
import { currentStep, type SessionState } from "./session-state";

type PollCommand = SessionCommand<"poll:answer" | "poll:open" | "poll:close" | "poll:show" | "poll:reveal" | "poll:hide-answer" | "attendance:snapshot">;

/** A question of the step on now, or why not. */
function onStep(state: SessionState, key: string): { ok: true; ref: QuestionRef } | { ok: false; error: ReturnType<typeof fail>["error"] } {
  const ref = findQuestion(state.plan, key);
  if (!ref) return fail("QUESTION_NOT_FOUND", "No such question");
  if (currentStep(state)?.id !== ref.stepId) return fail("QUESTION_NOT_FOUND", "This question belongs to another step");
  return { ok: true, ref };
}

/**
 * Polls, quizzes and knowledge checks: the trainer opens, closes, shows and
 * reveals the questions of the current step one at a time; a phone answers
 * the open question and may change its answer until it closes.
 */
export function decidePolls(state: SessionState, command: PollCommand, actor: CommandActor, ctx: DecideContext): Decision {
  if (command.type === "attendance:snapshot") {
    if (actor.kind !== "system") return fail("FORBIDDEN", "Recorded by the server");
    if (state.status === "ended") return fail("SESSION_ENDED", "This session has ended");
    return accept({ type: "attendance:step", payload: { index: command.index, online: command.online } });
  }
  if (state.status === "ended") return fail("SESSION_ENDED", "This session has ended");

  if (command.type === "poll:answer") {
    if (actor.kind !== "participant") return fail("FORBIDDEN", "Only participants answer");
    if (!Object.hasOwn(state.participants, actor.id)) return fail("PARTICIPANT_NOT_FOUND", "Not a participant of this session");
    const ref = findQuestion(state.plan, command.key);
    if (!ref) return fail("QUESTION_NOT_FOUND", "No such question");
    const q = state.polls.questions[ref.key];
    // Open, and the question the room is on now (a question left open on an earlier step takes no more answers).
    const live = q?.status === "open" && currentQuestion(state.plan, currentStep(state)?.id ?? null, state.polls)?.key === ref.key;
    if (!live) return fail("QUESTION_CLOSED", "This question is closed; answers are no longer taken");
    const checked = checkAnswer(ref.question, command.choice, command.text);
    if (!checked.ok) return fail("ANSWER_INVALID", checked.reason);
    const before = Object.hasOwn(q.answers, actor.id) ? q.answers[actor.id] : null;
    return accept({
      type: "poll:answered",
      payload: {
        key: ref.key,
        participantId: actor.id,
        answerId: before?.answerId ?? ctx.newId(),
        choice: checked.choice,
        text: checked.text,
        previous: before ? { choice: before.choice, text: before.text } : null,
      },
    });
  }

  if (!isStaff(actor, state)) return fail("FORBIDDEN", "Only the session's trainer or an organiser runs questions");
  const found = onStep(state, command.key);
  if (!found.ok) return found;
  const { ref } = found;
  const q = state.polls.questions[ref.key];
  switch (command.type) {
    case "poll:open": {
      const open = state.polls.current && state.polls.current !== ref.key && state.polls.questions[state.polls.current]?.status === "open" ? state.polls.current : null;
      if (q?.status === "open" && state.polls.current === ref.key) return fail("BAD_REQUEST", "This question is already open");
      // Once the right answer is out, nobody may change theirs to it.
      if (q?.revealed) return fail("QUESTION_CLOSED", "The answer was revealed; this question stays closed");
      return accept({ type: "poll:opened", payload: { key: ref.key, closed: open } });
    }
    case "poll:close":
      if (q?.status !== "open") return fail("QUESTION_CLOSED", "This question is not open");
      return accept({ type: "poll:closed", payload: { key: ref.key } });
    case "poll:show":
      if (!q) return fail("QUESTION_NOT_FOUND", "Open the question first");
      return accept({ type: "poll:shown", payload: { key: ref.key, screen: command.screen ?? q.results.screen, phones: command.phones ?? q.results.phones } });
    case "poll:reveal": {
      const correct = correctOptions(ref.question);
      if (!correct.length) return fail("BAD_REQUEST", "This question has no right answer to reveal");
      if (!q) return fail("QUESTION_NOT_FOUND", "Open the question first");
      return accept({ type: "poll:revealed", payload: { key: ref.key, correct, explanation: ref.question.explanation ?? null } });
    }
    case "poll:hide-answer":
      if (!q || !Object.hasOwn(q.texts, command.answerId)) return fail("ANSWER_NOT_FOUND", "No such answer");
      return accept({ type: "poll:answer-hidden", payload: { key: ref.key, answerId: command.answerId, hidden: command.hidden } });
  }
}
