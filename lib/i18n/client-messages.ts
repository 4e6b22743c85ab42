import type { Messages } from "./messages";

export type Namespace = keyof Messages;

/**
 * The message namespaces the phone's pages (/join, /s/<code>) use in the
 * browser. Only these go to a phone, in its own language: the page carries
 * no console, report or organiser texts. A phone component that uses another
 * namespace must be listed here (tests/unit/client-bundle.test.ts checks).
 */
export const PHONE_NAMESPACES = [
  "common",
  "connection",
  "errors",
  "join",
  "phone",
  "step",
  "timer",
  "groups",
  "board",
  "sketch",
  "profile",
  "room",
  "safeguarding",
  "polls",
] as const satisfies readonly Namespace[];

/** What the root layout gives every page: the language switcher's words. Each area's layout adds its own. */
export const ROOT_NAMESPACES = ["common"] as const satisfies readonly Namespace[];

/** Only the named namespaces of a catalogue. */
export function pickMessages<M extends Record<string, unknown>>(messages: M, namespaces: readonly string[]): Partial<M> {
  const out: Record<string, unknown> = {};
  for (const ns of namespaces) if (Object.hasOwn(messages, ns)) out[ns] = messages[ns];
  return out as Partial<M>;
}
