import { accept, fail, isStaff, type CommandActor, type Decision, type DecideContext, type SessionCommand } from "./decision";
import { currentSizes } from "./group-commands";
import { own } from "./records";
import { HELP_MESSAGE_MAX, HELP_REPLIES_MAX, HELP_REPLY_MAX, HELP_REQUESTS_PER_WINDOW, recentHelpRequests } from "./safeguarding";
import type { SessionState } from "./session-state";
import { cleanMultiline } from "./text";

type HelpCommand = SessionCommand<"help:request" | "help:ack" | "help:reply" | "help:purge">;

/**
 * Discreet help requests. A phone asks for itself (anonymously unless it
 * shares its name); the trainer acknowledges and replies; the server purges
 * them when the session ends, if the organisation's policy says so.
 */
export function decideHelp(state: SessionState, command: HelpCommand, actor: CommandActor, ctx: DecideContext): Decision {
  switch (command.type) {
    case "help:request": {
      if (actor.kind !== "participant") return fail("FORBIDDEN", "Help requests come from participants' phones");
      if (state.status === "ended") return fail("SESSION_ENDED", "This session has ended");
      const me = own(state.participants, actor.id);
      if (!me) return fail("NOT_JOINED", "Join the session first");
      const message = cleanMultiline(command.message);
      if ([...message].length > HELP_MESSAGE_MAX) return fail("BAD_REQUEST", `A message has at most ${HELP_MESSAGE_MAX} characters`);
      if (recentHelpRequests(state.helpRequests, state.helpOrder, actor.id, ctx.now) >= HELP_REQUESTS_PER_WINDOW) {
        return fail("HELP_REQUESTS_LIMITED", `At most ${HELP_REQUESTS_PER_WINDOW} requests in 10 minutes`);
      }
      return accept({ type: "help:requested", payload: { requestId: ctx.newId(), participantId: actor.id, message, nickname: command.shareName ? me.nickname : null } });
    }
    case "help:ack":
    case "help:reply": {
      if (!isStaff(actor, state)) return fail("FORBIDDEN", "Only the trainer answers help requests");
      const request = own(state.helpRequests, command.requestId);
      if (!request?.participantId) return fail("HELP_REQUEST_NOT_FOUND", "No such request");
      if (command.type === "help:ack") {
        if (request.acknowledged) return fail("BAD_REQUEST", "This request is already acknowledged");
        return accept({ type: "help:acknowledged", payload: { requestId: request.id, participantId: request.participantId } });
      }
      const text = cleanMultiline(command.text);
      if (!text || [...text].length > HELP_REPLY_MAX) return fail("BAD_REQUEST", `A reply has 1 to ${HELP_REPLY_MAX} characters`);
      if (request.replies.length >= HELP_REPLIES_MAX) return fail("BAD_REQUEST", `At most ${HELP_REPLIES_MAX} replies to one request`);
      return accept({ type: "help:replied", payload: { requestId: request.id, participantId: request.participantId, replyId: ctx.newId(), text } });
    }
    case "help:purge": {
      if (actor.kind !== "system") return fail("FORBIDDEN", "Purged by the server");
      if (state.helpOrder.length === 0) return fail("BAD_REQUEST", "Nothing to purge");
      const participantIds = [...new Set(state.helpOrder.map((id) => state.helpRequests[id]?.participantId).filter((id): id is string => !!id))];
      return accept({ type: "help:purged", payload: { participantIds } });
    }
  }
}

type ForgetCommand = SessionCommand<"participant:forget">;

/**
 * "Forget me": a phone deletes its own data, staff (the session's trainer or
 * an organiser) anyone's, during the session and after it (until retention
 * deletes the whole session). A participant the trainer removed can still be
 * forgotten by staff: their notes may have stayed.
 */
export function decideForget(state: SessionState, command: ForgetCommand, actor: CommandActor, _ctx: DecideContext): Decision {
  let who: string;
  if (actor.kind === "participant") {
    if (command.participantId !== undefined && command.participantId !== actor.id) return fail("FORBIDDEN", "You can only delete your own data");
    who = actor.id;
  } else if (isStaff(actor, state)) {
    if (!command.participantId) return fail("BAD_REQUEST", "participantId: required");
    who = command.participantId;
  } else return fail("FORBIDDEN", "Not yours to delete");
  if (!own(state.participants, who) && !state.removed.includes(who)) return fail("PARTICIPANT_NOT_FOUND", "No such participant");

  const noteIds = state.noteOrder.filter((id) => state.notes[id]?.authorId === who);
  const sketchIds: string[] = [];
  const strokes: { sketchId: string; strokeIds: string[] }[] = [];
  for (const id of state.sketchOrder) {
    const k = state.sketches[id];
    if (!k) continue;
    if (k.ownerKind === "participant" && k.ownerId === who) sketchIds.push(id);
    else {
      const mine = k.strokes.filter((st) => st.authorId === who).map((st) => st.id);
      if (mine.length) strokes.push({ sketchId: id, strokeIds: mine });
    }
  }
  const helpRequestIds = state.helpOrder.filter((id) => state.helpRequests[id]?.participantId === who);
  const pollAnswers = Object.entries(state.polls.questions).flatMap(([key, q]) => {
    const a = own(q.answers, who);
    return a ? [{ key, answerId: a.answerId, choice: a.choice }] : [];
  });
  const sizes = currentSizes(state);
  const g = own(state.membership, who);
  if (g && g in sizes) sizes[g]--;
  return accept({ type: "participant:forgotten", payload: { participantId: who, noteIds, sketchIds, strokes, helpRequestIds, pollAnswers, sizes } });
}
