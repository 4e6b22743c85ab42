import { forgetMyNotes } from "./my-notes";
import { outboxKey } from "./outbox";
import { forgetPass } from "./participant-pass";

const FORGOTTEN_KEY = "ortaq.forgotten.v1";

/**
 * After "Delete my data": what this phone itself kept of the participant goes
 * too (its pass, unsent commands, the ids of its notes), and the join page
 * says, once, that the deletion happened.
 */
export function forgetLocally(pass: { code: string; sessionId: string; participantId: string }): void {
  forgetPass(pass.code);
  forgetMyNotes(pass.sessionId);
  try {
    window.localStorage.removeItem(outboxKey(pass.sessionId, pass.participantId));
    window.sessionStorage.setItem(FORGOTTEN_KEY, "1");
  } catch {
    // Storage blocked: nothing was kept there either.
  }
}

/** Whether this tab just deleted a participant's data; reading it clears it. */
export function takeForgotten(): boolean {
  try {
    const was = window.sessionStorage.getItem(FORGOTTEN_KEY) === "1";
    window.sessionStorage.removeItem(FORGOTTEN_KEY);
    return was;
  } catch {
    return false;
  }
}
