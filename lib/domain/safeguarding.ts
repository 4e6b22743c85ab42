/**
 * Safeguarding in a live session: discreet help requests (a phone asks to
 * talk to someone; only the trainer's console hears of it), and "forget me"
 * (a participant's notes, sketches, answers and profile deleted everywhere).
 */

/** The longest message a phone may add to a help request, and the longest reply. */
export const HELP_MESSAGE_MAX = 500;
export const HELP_REPLY_MAX = 500;
/** At most this many requests per participant within HELP_WINDOW_MS. */
export const HELP_REQUESTS_PER_WINDOW = 3;
export const HELP_WINDOW_MS = 10 * 60_000;
/** Replies the trainer may send to one request. */
export const HELP_REPLIES_MAX = 10;

export interface HelpReply {
  id: string;
  text: string;
  at: number;
}

/** A request to talk to someone, as the viewer may hold it. */
export interface HelpRequest {
  id: string;
  /**
   * The requester, on the server only: the reply is routed by it. Every
   * client copy holds null (a phone knows its own requests are its own;
   * the trainer never learns who asked unless they shared their name).
   */
  participantId: string | null;
  message: string;
  /** The nickname, when the participant chose to share it; null: anonymous, to the trainer as well. */
  nickname: string | null;
  at: number;
  acknowledged: boolean;
  replies: HelpReply[];
}

/** Events about help requests: the trainer's and the requester's only, never in exports or reports. */
export const HELP_EVENT_TYPES: ReadonlySet<string> = new Set(["help:requested", "help:acknowledged", "help:replied", "help:purged"]);

/** Requests the participant sent within the rate window ending at `now` (the server's record). */
export function recentHelpRequests(requests: Readonly<Record<string, HelpRequest>>, order: readonly string[], participantId: string, now: number): number {
  let n = 0;
  for (const id of order) {
    const r = requests[id];
    if (r && r.participantId === participantId && now - r.at < HELP_WINDOW_MS) n++;
  }
  return n;
}
