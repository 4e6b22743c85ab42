import type { Locale } from "./locales";

export interface Participant {
  id: string;
  nickname: string;
  joinedAt: number;
}

/** The record of one live session, as a fold of its events. */
export interface SessionState {
  id: string;
  code: string;
  title: string;
  language: Locale;
  trainerId: string;
  status: "live" | "ended";
  createdAt: number;
  endedAt: number | null;
  /** Seq of the last event folded in. */
  seq: number;
  participants: Record<string, Participant>;
  /** Participant ids in joining order. */
  participantOrder: string[];
}

export function emptySessionState(id: string): SessionState {
  return {
    id,
    code: "",
    title: "",
    language: "en",
    trainerId: "",
    status: "live",
    createdAt: 0,
    endedAt: null,
    seq: 0,
    participants: {},
    participantOrder: [],
  };
}

export function participantCount(state: SessionState): number {
  return state.participantOrder.length;
}
