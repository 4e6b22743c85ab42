/**
 * The participant's signed token, kept in localStorage per join code, so a
 * reload or a locked phone comes back as the same person.
 */
export interface ParticipantPass {
  token: string;
  sessionId: string;
  participantId: string;
  code: string;
}

const KEY = "ortaq.passes.v1";

function readAll(): Record<string, ParticipantPass> {
  try {
    const raw = window.localStorage.getItem(KEY);
    const parsed = raw ? JSON.parse(raw) : {};
    return parsed && typeof parsed === "object" ? parsed : {};
  } catch {
    return {};
  }
}

export function loadPass(code: string): ParticipantPass | null {
  const p = readAll()[code];
  return p && typeof p.token === "string" ? p : null;
}

export function savePass(pass: ParticipantPass): void {
  const all = readAll();
  all[pass.code] = pass;
  try {
    window.localStorage.setItem(KEY, JSON.stringify(all));
  } catch {
    // Private mode or a full disk: the phone still works, it just won't survive a reload.
  }
}

export function forgetPass(code: string): void {
  const all = readAll();
  delete all[code];
  try {
    window.localStorage.setItem(KEY, JSON.stringify(all));
  } catch {
    /* see savePass */
  }
}

/**
 * Join codes this phone was removed from, with when: a reload of /s/<code>
 * shows "removed" again rather than a join form (the server would refuse the
 * device anyway). Codes are reused once a session is long over, so a mark
 * only holds for a day.
 */
const REMOVED_KEY = "ortaq.removed.v1";
const REMOVED_FOR_MS = 24 * 60 * 60 * 1000;

function readRemoved(): Record<string, number> {
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(REMOVED_KEY) ?? "{}");
    return parsed && typeof parsed === "object" ? (parsed as Record<string, number>) : {};
  } catch {
    return {};
  }
}

export function markRemoved(code: string, now = Date.now()): void {
  if (!code) return;
  const all = readRemoved();
  for (const [c, at] of Object.entries(all)) if (typeof at !== "number" || now - at > REMOVED_FOR_MS) delete all[c];
  all[code] = now;
  try {
    window.localStorage.setItem(REMOVED_KEY, JSON.stringify(all));
  } catch {
    /* see savePass */
  }
}

export function wasRemoved(code: string, now = Date.now()): boolean {
  if (!code) return false;
  const all = readRemoved();
  const at = Object.hasOwn(all, code) ? all[code] : undefined;
  return typeof at === "number" && now - at <= REMOVED_FOR_MS;
}
