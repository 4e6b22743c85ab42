import { accept, fail, isStaff, type CommandActor, type Decision, type DecideContext, type SessionCommand } from "./decision";
import { GROUP_COLOURS, GROUP_NAMES, GROUP_WORD, groupName, pairsOf, splitIntoGroups } from "./grouping";
import { membersOf, type SessionState } from "./session-state";
import { own } from "./records";
import { cleanLine, cleanMultiline } from "./text";

export const GROUP_NAME_MAX = 40;
export const BROADCAST_MAX = 280;

type GroupCommand = SessionCommand<"groups:form" | "participant:move" | "group:choose" | "groups:merge" | "group:split" | "group:rename" | "group:remove" | "groups:dissolve" | "group:mark" | "broadcast:send">;

export function sizeOf(state: SessionState, groupId: string): number {
  let n = 0;
  for (const id of state.participantOrder) if (state.membership[id] === groupId) n++;
  return n;
}

/** Members per active group, as the state stands. */
export function currentSizes(state: SessionState): Record<string, number> {
  const sizes: Record<string, number> = Object.fromEntries(state.groupOrder.map((g) => [g, 0]));
  for (const id of state.participantOrder) {
    const g = state.membership[id];
    if (g && g in sizes) sizes[g]++;
  }
  return sizes;
}

/** A name no active group uses yet, in the session's language. */
function freshName(state: SessionState, start: number): { name: string; colour: string } {
  const used = new Set(state.groupOrder.map((g) => state.groups[g]?.name));
  for (let i = start; ; i++) {
    const name = groupName(i, "animals", state.language, GROUP_WORD[state.language]);
    if (!used.has(name)) return { name, colour: GROUP_COLOURS[i % GROUP_COLOURS.length] };
  }
}

/** Splits, regroups and group work: the trainer runs them; a participant only picks or marks its own group. */
export function decideGroups(state: SessionState, command: GroupCommand, actor: CommandActor, ctx: DecideContext): Decision {
  if (state.status === "ended") return fail("SESSION_ENDED", "This session has ended");
  const staff = isStaff(actor, state);
  const active = (g: string) => state.groupOrder.includes(g);

  switch (command.type) {
    case "groups:form": {
      if (!staff) return fail("FORBIDDEN", "Only the trainer can split the room");
      const seed = Math.floor(ctx.random() * 2 ** 31);
      const avoid = command.mixNew ? pairsOf([...state.pastGroups, ...state.groupOrder.map((g) => membersOf(state, g))]) : undefined;
      const lists = command.selfSelect
        ? Array.from({ length: Math.max(1, Math.min(command.n, 100)) }, () => [] as string[])
        : splitIntoGroups(state.participantOrder.filter((id) => !state.waiting.includes(id)), { by: command.by, n: command.n, balanced: command.balanced, seed, avoid });
      const groups = lists.map((members, i) => ({
        id: ctx.newId(),
        name: groupName(i, command.naming, state.language, GROUP_WORD[state.language]),
        colour: GROUP_COLOURS[i % GROUP_COLOURS.length],
        members,
      }));
      const sizes = Object.fromEntries(groups.map((g) => [g.id, g.members.length]));
      return {
        ok: true,
        event: { type: "groups:formed", payload: { groups, selfSelect: command.selfSelect, cap: command.selfSelect ? command.cap : null, sizes } },
      };
    }
    case "participant:move": {
      if (!staff) return fail("FORBIDDEN", "Only the trainer can move people between groups");
      if (!own(state.participants, command.participantId)) return fail("PARTICIPANT_NOT_FOUND", "No such participant");
      if (command.groupId && !active(command.groupId)) return fail("GROUP_NOT_FOUND", "No such group");
      const from = own(state.membership, command.participantId) ?? null;
      return moved(state, command.participantId, from, command.groupId, "trainer");
    }
    case "group:choose": {
      if (actor.kind !== "participant") return fail("FORBIDDEN", "Only participants choose their group");
      if (!state.selfSelect) return fail("SELF_SELECT_OFF", "The trainer assigns the groups");
      if (!active(command.groupId)) return fail("GROUP_NOT_FOUND", "No such group");
      const from = own(state.membership, actor.id) ?? null;
      if (from === command.groupId) return fail("BAD_REQUEST", "You are already in this group");
      if (state.groupCap !== null && sizeOf(state, command.groupId) >= state.groupCap) return fail("GROUP_FULL", "This group is full");
      return moved(state, actor.id, from, command.groupId, "self");
    }
    case "groups:merge": {
      if (!staff) return fail("FORBIDDEN", "Only the trainer can merge groups");
      if (!active(command.from) || !active(command.into) || command.from === command.into) return fail("GROUP_NOT_FOUND", "Pick two different groups");
      const sizes = currentSizes(state);
      sizes[command.into] += sizes[command.from];
      delete sizes[command.from];
      return accept({ type: "groups:merged", payload: { from: command.from, into: command.into, sizes } });
    }
    case "group:split": {
      if (!staff) return fail("FORBIDDEN", "Only the trainer can split a group");
      if (!active(command.groupId)) return fail("GROUP_NOT_FOUND", "No such group");
      const members = membersOf(state, command.groupId);
      if (members.length < 2) return fail("BAD_REQUEST", "A group needs two people to split");
      const movedIds = members.slice(Math.ceil(members.length / 2));
      const fresh = freshName(state, state.groupOrder.length);
      const newGroup = { id: ctx.newId(), ...fresh };
      const sizes = { ...currentSizes(state), [command.groupId]: members.length - movedIds.length, [newGroup.id]: movedIds.length };
      return accept({ type: "group:split", payload: { groupId: command.groupId, newGroup, moved: movedIds, sizes } });
    }
    case "group:rename": {
      if (!staff) return fail("FORBIDDEN", "Only the trainer can rename groups");
      if (!active(command.groupId)) return fail("GROUP_NOT_FOUND", "No such group");
      const name = cleanLine(command.name);
      if (!name || [...name].length > GROUP_NAME_MAX) return fail("BAD_REQUEST", `A group name has 1 to ${GROUP_NAME_MAX} characters`);
      return accept({ type: "group:renamed", payload: { groupId: command.groupId, name } });
    }
    case "group:remove": {
      if (!staff) return fail("FORBIDDEN", "Only the trainer can remove groups");
      if (!active(command.groupId)) return fail("GROUP_NOT_FOUND", "No such group");
      if (sizeOf(state, command.groupId) > 0) return fail("GROUP_NOT_EMPTY", "Move everyone out of the group first");
      return accept({ type: "group:removed", payload: { groupId: command.groupId } });
    }
    case "groups:dissolve": {
      if (!staff) return fail("FORBIDDEN", "Only the trainer can end group work");
      if (state.groupOrder.length === 0) return fail("GROUP_NOT_FOUND", "There are no groups");
      return accept({ type: "groups:dissolved", payload: {} });
    }
    case "group:mark": {
      if (!active(command.groupId)) return fail("GROUP_NOT_FOUND", "No such group");
      // The server, not the UI, keeps a participant inside its own group.
      if (!staff && (actor.kind !== "participant" || own(state.membership, actor.id) !== command.groupId)) {
        return fail("NOT_IN_GROUP", "You can only act in your own group");
      }
      return accept({ type: "group:marked", payload: { groupId: command.groupId, done: command.done } });
    }
    case "broadcast:send": {
      if (!staff) return fail("FORBIDDEN", "Only the trainer can send announcements");
      const text = cleanMultiline(command.text);
      if (!text || [...text].length > BROADCAST_MAX) return fail("BAD_REQUEST", `A message has 1 to ${BROADCAST_MAX} characters`);
      if (command.groupId && !active(command.groupId)) return fail("GROUP_NOT_FOUND", "No such group");
      return accept({ type: "broadcast:sent", payload: { messageId: ctx.newId(), text, groupId: command.groupId } });
    }
  }
}

function moved(state: SessionState, participantId: string, from: string | null, to: string | null, by: "trainer" | "self"): Decision {
  if (from === to) return fail("BAD_REQUEST", "Already in that group");
  const sizes = currentSizes(state);
  if (from && from in sizes) sizes[from]--;
  if (to) sizes[to] = (sizes[to] ?? 0) + 1;
  return accept({ type: "participant:moved", payload: { participantId, from, to, by, sizes } });
}

/** Names that read well on a projector; exported for the console's "rename" hints. */
export const GROUP_NAME_SUGGESTIONS = GROUP_NAMES;
