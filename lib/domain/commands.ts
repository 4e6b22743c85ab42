import { decideAgenda } from "./agenda-commands";
import type { SessionCommandName } from "@/lib/protocol/commands";
import { fail, isStaff, isSystemCommand, type CommandActor, type Decider, type Deciders, type Decision, type DecideContext, type SystemCommand, type WireCommand } from "./decision";
import { decideGroups } from "./group-commands";
import { decideForget, decideHelp } from "./help-commands";
import { decideNotes } from "./note-commands";
import { decidePolls } from "./poll-commands";
import { decideRoom, participantMayAct } from "./room-commands";
import { decideSession } from "./session-commands";
import { decideSketches } from "./sketch-commands";
import type { SessionState } from "./session-state";
import { decideVideo } from "./video-commands";

/**
 * Every command type and the rules that decide it. A type-checked record:
 * a command added to the protocol table without a decider does not compile.
 */
const DECIDERS: Deciders = {
  "session:end": decideSession,
  "participant:profile": decideSession,
  "agenda:goto": decideAgenda,
  "timer:start": decideAgenda,
  "timer:pause": decideAgenda,
  "timer:extend": decideAgenda,
  "timer:reset": decideAgenda,
  "timer:configure": decideAgenda,
  "groups:form": decideGroups,
  "participant:move": decideGroups,
  "group:choose": decideGroups,
  "groups:merge": decideGroups,
  "group:split": decideGroups,
  "group:rename": decideGroups,
  "group:remove": decideGroups,
  "groups:dissolve": decideGroups,
  "group:mark": decideGroups,
  "broadcast:send": decideGroups,
  "note:add": decideNotes,
  "note:edit": decideNotes,
  "note:delete": decideNotes,
  "note:vote": decideNotes,
  "note:hide": decideNotes,
  "note:restore": decideNotes,
  "note:cluster": decideNotes,
  "cluster:create": decideNotes,
  "cluster:rename": decideNotes,
  "cluster:remove": decideNotes,
  "board:configure": decideNotes,
  "stroke:commit": decideSketches,
  "stroke:undo": decideSketches,
  "sketch:clear": decideSketches,
  "sketch:mark": decideSketches,
  "sketch:hide": decideSketches,
  "sketch:restore": decideSketches,
  "sketch:spotlight": decideSketches,
  "sketch:configure": decideSketches,
  "video:play": decideVideo,
  "video:pause": decideVideo,
  "video:seek": decideVideo,
  "video:configure": decideVideo,
  "video:confirm-warning": decideVideo,
  "room:configure": decideRoom,
  "participant:remove": decideRoom,
  "participant:rename": decideRoom,
  "participant:admit": decideRoom,
  "poll:answer": decidePolls,
  "poll:open": decidePolls,
  "poll:close": decidePolls,
  "poll:show": decidePolls,
  "poll:reveal": decidePolls,
  "poll:hide-answer": decidePolls,
  "help:request": decideHelp,
  "help:ack": decideHelp,
  "help:reply": decideHelp,
  "participant:forget": decideForget,
};

/**
 * Decides whether a command may run against the state and which event it
 * becomes. Pure; authorisation and every rule of the session live in the deciders.
 */
export function decide<N extends SessionCommandName>(state: SessionState, command: WireCommand<N> | SystemCommand, actor: CommandActor, ctx: DecideContext): Decision {
  if (isSystemCommand(command)) return decideSystem(state, command, actor, ctx);
  // A signed-in account that does not run this session learns nothing about it, whatever it asks.
  if (actor.kind === "user" && !isStaff(actor, state)) return fail("FORBIDDEN", "This session belongs to another trainer");
  if (actor.kind === "system") return fail("FORBIDDEN", "Not a command the server issues");
  if (actor.kind === "participant") {
    const refused = participantMayAct(state, actor.id);
    if (refused) return refused;
  }
  // Looked up by the command's own type, so the compiler pairs each command with its decider.
  const decider: Decider<N> = DECIDERS[command.type];
  return decider(state, command, actor, ctx);
}

function decideSystem(state: SessionState, command: SystemCommand, actor: CommandActor, ctx: DecideContext): Decision {
  switch (command.type) {
    case "video:reach-pause-point":
      return decideVideo(state, command, actor, ctx);
    case "participant:join":
    case "attendance:record":
      return decideSession(state, command, actor, ctx);
    case "attendance:snapshot":
      return decidePolls(state, command, actor, ctx);
    case "help:purge":
      return decideHelp(state, command, actor, ctx);
  }
}
