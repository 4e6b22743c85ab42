import { DEFAULT_BOARD, type BoardSettings, type Note } from "./board";
import type { RoomSettings, TimerSettings, TimerState } from "./events";
import type { Sketch, SketchMode } from "./sketch";
import type { HelpInfo } from "./help-contacts";
import type { HelpRequest } from "./safeguarding";
import type { Locale } from "./locales";
import type { Plan } from "./plan";
import { NO_POLLS, type PollState } from "./polls";

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
  plan: Plan | null;
  help: HelpInfo;
  /** Index of the current plan step; -1 before the trainer starts (the join screen). */
  stepIndex: number;
  stepStartedAt: number | null;
  timer: TimerState;
  /** Start each step's timer when the step opens; sound a tone on the projector when time is up. */
  timerSettings: TimerSettings;

  /** Every group this session ever had, active or not: notes keep pointing at the group they were made in. */
  groups: Record<string, Group>;
  /** Active groups, in display order. */
  groupOrder: string[];
  /** Participant id -> active group id. A participant's phone knows only its own group's members. */
  membership: Record<string, string>;
  /** Members per active group (phones learn sizes without learning who). */
  groupSizes: Record<string, number>;
  selfSelect: boolean;
  groupCap: number | null;
  /** Member lists of earlier splits, for "mix with new people". Staff only. */
  pastGroups: string[][];
  /** Extra time a trainer gave one group. */
  groupTimers: Record<string, TimerState>;
  /** Groups that said they are done with the current step. */
  groupDone: Record<string, boolean>;
  /** Latest trainer broadcasts, newest last. */
  broadcasts: Broadcast[];

  /** Brainstorm notes this viewer may see (staff: all, marked when hidden or held). */
  notes: Record<string, Note>;
  noteOrder: string[];
  /** Participant id -> note ids it voted for (a phone knows its group's votes). */
  votesBy: Record<string, string[]>;
  clusters: Record<string, { id: string; name: string }>;
  clusterOrder: string[];
  board: BoardSettings;

  /** Sketches this viewer may see, in order of first stroke. */
  sketches: Record<string, Sketch>;
  sketchOrder: string[];
  /** Set by the trainer; until then a group step draws on shared canvases and other steps individually. */
  sketchMode: SketchMode | null;
  /** The sketch the projector shows full screen, if any. */
  spotlight: string | null;

  askProfile: boolean;
  /** Optional answers for donor reports (staff; a phone knows its own). */
  profiles: Record<string, { ageBand: string; sex: string }>;
  /** Most participants online at once. */
  peakOnline: number;
  /** Polls, quizzes and knowledge checks: each question's state (tallies and answers as the viewer may see them). */
  polls: PollState;
  video: VideoState;

  /** Who may join (lock, approve joiners, cap). */
  room: RoomSettings;
  /** Participants waiting for the trainer to let them in (staff; a phone knows only itself). */
  waiting: string[];
  /** Participants the trainer removed: their passes no longer work. Staff only. */
  removed: string[];
  /** Participant id -> device hash, and devices that may not rejoin. Server only: never sent to a client. */
  devices: Record<string, string>;
  bannedDevices: string[];

  /** Requests to talk to someone: staff hold every one (never who asked, unless shared), a phone its own, the projector none. */
  helpRequests: Record<string, HelpRequest>;
  helpOrder: string[];
  /** Requests ever made in this session, kept after a purge for the report (staff only). */
  helpCount: number;
}

export interface VideoState {
  playing: boolean;
  /** Seconds into the video at server time `at`. */
  position: number;
  at: number;
  captions: "en" | "ru" | "kk" | null;
  volume: number;
  /** The step whose content warning the trainer has confirmed. */
  warningConfirmed: string | null;
  /** The pause point the video stopped at, while it waits for the trainer. */
  pausePoint: number | null;
}

export const VIDEO_START: VideoState = { playing: false, position: 0, at: 0, captions: null, volume: 1, warningConfirmed: null, pausePoint: null };

/** Where the video is now (seconds), in server time. */
export function videoPosition(v: VideoState, serverNow: number): number {
  return v.playing ? v.position + Math.max(0, serverNow - v.at) / 1000 : v.position;
}

export interface Group {
  id: string;
  name: string;
  colour: string;
  active: boolean;
}

export interface Broadcast {
  id: string;
  text: string;
  groupId: string | null;
  at: number;
}

export const BROADCASTS_KEPT = 20;

export const IDLE_TIMER: TimerState = { status: "idle", durationMs: 0, remainingMs: 0, endsAt: null };

export const TIMER_SETTINGS: TimerSettings = { autoStart: false, sound: false };

export const OPEN_ROOM: RoomSettings = { locked: false, approveJoiners: false, cap: null };

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
    plan: null,
    help: { contacts: [], examples: true },
    stepIndex: -1,
    stepStartedAt: null,
    timer: IDLE_TIMER,
    timerSettings: TIMER_SETTINGS,
    groups: {},
    groupOrder: [],
    membership: {},
    groupSizes: {},
    selfSelect: false,
    groupCap: null,
    pastGroups: [],
    groupTimers: {},
    groupDone: {},
    broadcasts: [],
    notes: {},
    noteOrder: [],
    votesBy: {},
    clusters: {},
    clusterOrder: [],
    board: DEFAULT_BOARD,
    sketches: {},
    sketchOrder: [],
    sketchMode: null,
    spotlight: null,
    askProfile: false,
    profiles: {},
    peakOnline: 0,
    polls: NO_POLLS,
    video: VIDEO_START,
    room: OPEN_ROOM,
    waiting: [],
    removed: [],
    devices: {},
    bannedDevices: [],
    helpRequests: {},
    helpOrder: [],
    helpCount: 0,
  };
}

export function participantCount(state: SessionState): number {
  return state.participantOrder.length;
}

/** The step on now, or null before the start (or with no plan). */
export function currentStep(state: SessionState) {
  return state.plan && state.stepIndex >= 0 ? (state.plan.steps[state.stepIndex] ?? null) : null;
}

/** Milliseconds left on a timer at server time `now`; never negative. */
export function timerRemaining(timer: TimerState, now: number): number {
  if (timer.status === "running" && timer.endsAt !== null) return Math.max(0, timer.endsAt - now);
  return Math.max(0, timer.remainingMs);
}

/** Member ids of an active group, in joining order (staff view: phones see only their own group). */
export function membersOf(state: SessionState, groupId: string): string[] {
  return state.participantOrder.filter((id) => state.membership[id] === groupId);
}

/** The timer a group sees: its own extra time, or the step's timer. */
export function timerForGroup(state: SessionState, groupId: string | null): TimerState {
  return (groupId && state.groupTimers[groupId]) || state.timer;
}

/** The drawing mode in force for the current step. */
export function effectiveSketchMode(state: SessionState): SketchMode {
  return state.sketchMode ?? (currentStep(state)?.groups ? "group" : "individual");
}
