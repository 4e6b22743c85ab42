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
