/** Ids of the notes this phone wrote, so it can edit and delete them even when they are anonymous. */
const key = (sessionId: string) => `ortaq.mynotes.v1.${sessionId}`;

export function loadMyNotes(sessionId: string): string[] {
  try {
    const v = JSON.parse(window.localStorage.getItem(key(sessionId)) ?? "[]");
    return Array.isArray(v) ? v.filter((x) => typeof x === "string") : [];
  } catch {
    return [];
  }
}

export function rememberMyNote(sessionId: string, noteId: string): void {
  const all = loadMyNotes(sessionId);
  if (all.includes(noteId)) return;
  try {
    window.localStorage.setItem(key(sessionId), JSON.stringify([...all, noteId].slice(-500)));
  } catch {
    /* storage blocked: edit rights last for this page only */
  }
}

/** Forgets which notes this phone wrote in a session (after "Delete my data"). */
export function forgetMyNotes(sessionId: string): void {
  try {
    window.localStorage.removeItem(key(sessionId));
  } catch {
    /* storage blocked: nothing kept */
  }
}
