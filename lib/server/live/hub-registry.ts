import { createFold } from "@/lib/domain/apply-event";
import type { SessionEvent } from "@/lib/domain/events";
import { generateJoinCode } from "@/lib/domain/join-code";
import type { HelpInfo } from "@/lib/domain/help-contacts";
import type { WordFilter } from "@/lib/domain/word-filter";
import type { Locale } from "@/lib/domain/locales";
import type { Plan } from "@/lib/domain/plan";
import { emptySessionState, type SessionState } from "@/lib/domain/session-state";
import type { EventStore } from "../store/event-store";
import { SessionHub, type SessionWriter } from "./session-hub";

export interface RegistryDeps {
  store: EventStore;
  clock: () => number;
  newId: () => string;
  randomInt: (n: number) => number;
  filter?: WordFilter;
  concern?: WordFilter;
  /** See HubDeps.commitWindowMs (default 0: commands of the same turn share a write). */
  commitWindowMs?: number;
  /** See HubDeps.forwardDeadlineMs. */
  forwardDeadlineMs?: number;
  /** See HubDeps.onCatchUpError. */
  onCatchUpError?: (err: unknown) => void;
}

export type EventListener = (event: SessionEvent, after: SessionState, before: SessionState) => void;

/** Holds one SessionHub per live session, loading it from the store on first use. */
export class HubRegistry {
  private hubs = new Map<string, Promise<SessionHub | null>>();
  /** The hubs done loading, for callers that must not wait a turn (live drawing points). */
  private ready = new Map<string, SessionHub>();
  private listeners = new Set<EventListener>();
  private loadListeners = new Set<(hub: SessionHub) => void>();
  /** With other instances: who writes each session (set once the cluster link is up). */
  private writer: SessionWriter | null = null;

  constructor(private readonly deps: RegistryDeps) {}

  /** From now on, each hub sends its clients' commands to the session's writer (see SessionWriter). */
  setWriter(writer: SessionWriter | null): void {
    this.writer = writer;
  }

  /** Called with every stored event, in order per session. */
  onEvent(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called with each hub once it is loaded from the store (not for a session this instance creates). */
  onLoad(listener: (hub: SessionHub) => void): () => void {
    this.loadListeners.add(listener);
    return () => this.loadListeners.delete(listener);
  }

  /**
   * Another instance stored events of this session up to `lastSeq`: the hub,
   * if this instance holds it, reads them. "*" (the store's feed was cut and
   * is back): every hub held checks the store.
   */
  appended(sessionId: string, lastSeq: number, events?: readonly SessionEvent[]): void {
    if (sessionId === "*") for (const hub of this.ready.values()) hub.catchUp();
    else this.ready.get(sessionId)?.catchUp(lastSeq, events);
  }

  get(sessionId: string): Promise<SessionHub | null> {
    let hub = this.hubs.get(sessionId);
    if (!hub) {
      hub = this.load(sessionId);
      this.hubs.set(sessionId, hub);
      const loading = hub;
      hub.then(
        (h) => {
          if (this.hubs.get(sessionId) !== loading) return;
          if (!h) return void this.hubs.delete(sessionId);
          this.ready.set(sessionId, h);
          // Events another instance stored while the log was being read.
          h.catchUp();
          this.loadListeners.forEach((l) => l(h));
        },
        () => this.hubs.get(sessionId) === loading && this.hubs.delete(sessionId),
      );
    }
    // Dropped while it loaded (an idle sweep, a deletion): that copy would never hear of new events, so
    // the caller gets the session's current hub instead (or null when the session is gone).
    const asked = hub;
    return asked.then((h) => (h && this.hubs.get(sessionId) !== asked ? this.get(sessionId) : h));
  }

  /** The session's hub if it is in memory and loaded, else null (then use `get`). */
  peek(sessionId: string): SessionHub | null {
    return this.ready.get(sessionId) ?? null;
  }

  async create(input: {
    title: string;
    language: Locale;
    trainerId: string;
    commandId: string;
    plan: Plan | null;
    help: HelpInfo;
    askProfile?: boolean;
  }): Promise<SessionHub> {
    const id = this.deps.newId();
    for (let attempt = 0; ; attempt++) {
      const code = generateJoinCode(this.deps.randomInt);
      const at = this.deps.clock();
      const first = await this.deps.store.createSession(
          { id, code, title: input.title, language: input.language, trainerId: input.trainerId, status: "live", createdAt: at, endedAt: null },
          {
            body: { type: "session:created", payload: { title: input.title, language: input.language, code, trainerId: input.trainerId, plan: input.plan, help: input.help, askProfile: input.askProfile ?? false } },
            seq: 1,
            at,
            actor: { kind: "user", id: input.trainerId },
            commandId: input.commandId,
          },
        );
      if (first.ok) {
        const hub = this.makeHub(id, [first.event]);
        this.hubs.set(id, Promise.resolve(hub));
        this.ready.set(id, hub);
        return hub;
      }
      // Another live session holds the code: draw again.
      if (first.conflict !== "join-code" || attempt >= 20) throw new Error(`could not create the session: ${first.conflict}`);
    }
  }

  /** Drops a hub from memory (the log stays); the next use reloads it. */
  evict(sessionId: string): void {
    this.hubs.delete(sessionId);
    this.ready.delete(sessionId);
  }

  /** Ids of the sessions held in memory. */
  loaded(): string[] {
    return [...this.hubs.keys()];
  }

  private async load(sessionId: string): Promise<SessionHub | null> {
    const events = await this.deps.store.readSince(sessionId, 0);
    if (events.length === 0) return null;
    return this.makeHub(sessionId, events);
  }

  private makeHub(sessionId: string, events: SessionEvent[]): SessionHub {
    // The hub keeps folding with the fold that loaded it: it already owns the collections it writes in place.
    const fold = createFold("everything");
    const state = fold.applyAll(emptySessionState(sessionId), events);
    return new SessionHub(
      {
        store: this.deps.store,
        clock: this.deps.clock,
        newId: this.deps.newId,
        random: () => this.deps.randomInt(2 ** 31) / 2 ** 31,
        filter: this.deps.filter,
        concern: this.deps.concern,
        commitWindowMs: this.deps.commitWindowMs,
        forwardDeadlineMs: this.deps.forwardDeadlineMs,
        onCatchUpError: this.deps.onCatchUpError,
        writer: {
          writerFor: (id) => this.writer?.writerFor(id) ?? null,
          forward: (instance, id, commands) => (this.writer ? this.writer.forward(instance, id, commands) : Promise.reject(new Error("no other instances"))),
        },
        onEvent: (e, after, before) => this.listeners.forEach((l) => l(e, after, before)),
      },
      state,
      events,
      fold,
    );
  }
}
