/**
 * Stable error codes shared by server and clients. The UI translates them;
 * the `message` that travels with them is English, for logs and API users.
 */
export const ERROR_CODES = [
  "BAD_REQUEST",
  "UNKNOWN_EVENT",
  "PAYLOAD_TOO_LARGE",
  "RATE_LIMITED",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_JOINED",
  "TOKEN_INVALID",
  "JOIN_CODE_UNKNOWN",
  "SESSION_NOT_FOUND",
  "SESSION_ENDED",
  "NICKNAME_INVALID",
  "NICKNAME_TAKEN",
  "DUPLICATE_ID",
  "PROTOCOL_MISMATCH",
  "PLAN_NOT_FOUND",
  "STEP_NOT_FOUND",
  "TIMER_EMPTY",
  "GROUP_NOT_FOUND",
  "GROUP_FULL",
  "GROUP_NOT_EMPTY",
  "NOT_IN_GROUP",
  "SELF_SELECT_OFF",
  "PARTICIPANT_NOT_FOUND",
  "NOTE_NOT_FOUND",
  "NOT_YOUR_NOTE",
  "NOTE_EMPTY",
  "NOTE_TOO_LONG",
  "NOTES_CLOSED",
  "POSTING_PAUSED",
  "ANONYMOUS_OFF",
  "NO_VOTES_LEFT",
  "CLUSTER_NOT_FOUND",
  "SKETCH_NOT_FOUND",
  "NOT_YOUR_SKETCH",
  "SKETCH_CLOSED",
  "STROKE_TOO_LARGE",
  "NOT_A_VIDEO_STEP",
  "WARNING_NOT_CONFIRMED",
  "INTERNAL",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface DomainError {
  code: ErrorCode;
  message: string;
}

export function domainError(code: ErrorCode, message: string): DomainError {
  return { code, message };
}
