import type { CommandsInScope } from "./commands";

/**
 * The commands a phone may queue in its outbox (scope `member` or `session` in
 * COMMAND_TABLE), by name only: a phone checks the entries it reads back from
 * localStorage against this list, without loading the table's zod schemas.
 * commands.ts fails to compile while a member or session command is missing here.
 */
export const QUEUEABLE_COMMANDS = [
  "group:choose",
  "group:mark",
  "note:add",
  "note:edit",
  "note:delete",
  "note:vote",
  "stroke:commit",
  "stroke:undo",
  "sketch:clear",
  "sketch:mark",
  "participant:profile",
  "poll:answer",
  "help:request",
  "participant:forget",
] as const satisfies readonly CommandsInScope<"member" | "session">[];

const QUEUEABLE = new Set<string>(QUEUEABLE_COMMANDS);

export function isQueueableCommand(name: unknown): name is (typeof QUEUEABLE_COMMANDS)[number] {
  return typeof name === "string" && QUEUEABLE.has(name);
}
