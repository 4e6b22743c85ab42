import { applyEvent } from "@/lib/domain/apply-event";
import { decide } from "@/lib/domain/commands";
import type { CommandActor, SystemCommand, WireCommand } from "@/lib/domain/decision";
import type { SessionCommandName } from "@/lib/protocol/commands";
import { domainError, type DomainError } from "@/lib/domain/errors";
import type { Actor, SessionEvent } from "@/lib/domain/events";
import type { SessionState } from "@/lib/domain/session-state";
import type { WordFilter } from "@/lib/domain/word-filter";
import { embedsCurrentState, eventForViewer, stateForViewer, type Viewer } from "@/lib/domain/visibility";
import type { Sync } from "@/lib/protocol/events";
import type { EventStore } from "../store/event-store";

/** How many recent events a hub keeps for quick resyncs. */
const RECENT_LIMIT = 2000;
/** Past this many missed events a reconnecting client gets a snapshot instead. */
const SNAPSHOT_THRESHOLD = 300;

export type ExecuteResult = { ok: true; event: SessionEvent; replayed: boolean } | { ok: false; error: DomainError };

export interface HubDeps {
  store: EventStore;
  clock: () => number;
  newId: () => string;
  random: () => number;
  filter?: WordFilter;
  /** Told of every stored event with the state after and before it. */
  onEvent: (event: SessionEvent, after: SessionState, before: SessionState) => void;
}

function toLogActor(actor: CommandActor): Actor {
  if (actor.kind === "system") return { kind: "system" };
  return actor.kind === "user" ? { kind: "user", id: actor.id } : { kind: "participant", id: actor.id };
}

function sameActor(a: Actor, b: Actor): boolean {
  return a.kind === b.kind && (a.kind === "system" || (b.kind !== "system" && a.id === b.id));
}

/**
 * The authoritative in-memory state of one live session. Commands run one at
 * a time; each becomes an event that is stored before the state moves on and
 * before anyone is told.
 */
export class SessionHub {
  private queue: Promise<unknown> = Promise.resolve();
  private recent: SessionEvent[];

  constructor(
    private readonly deps: HubDeps,
    private current: SessionState,
    recent: SessionEvent[],
  ) {
    this.recent = recent.slice(-RECENT_LIMIT);
  }

  get state(): SessionState {
    return this.current;
  }

  get id(): string {
    return this.current.id;
  }

  /**
   * Runs a command once per command id. A repeated id from the same actor gets
   * the event it produced the first time; from anyone else, an error.
   * `matchReplay` lets a command whose actor is made at run time (a join) accept its own replay.
   */
  execute<N extends SessionCommandName>(
    commandId: string,
    actor: CommandActor,
    command: WireCommand<N> | SystemCommand,
    matchReplay: (previous: SessionEvent) => boolean = (prev) => sameActor(prev.actor, toLogActor(actor)),
  ): Promise<ExecuteResult> {
    const run = async (): Promise<ExecuteResult> => {
      const previous = await this.findCommand(commandId);
      if (previous) {
        if (previous.sessionId === this.id && matchReplay(previous)) return { ok: true, event: previous, replayed: true };
        return { ok: false, error: domainError("DUPLICATE_ID", "This command id was already used") };
      }
      const now = this.deps.clock();
      const decision = decide(this.current, command, actor, { now, newId: this.deps.newId, random: this.deps.random, filter: this.deps.filter });
      if (!decision.ok) return decision;
      const written = await this.deps.store.append(this.id, {
        body: decision.event,
        seq: this.current.seq + 1,
        at: now,
        actor: toLogActor(actor),
        commandId,
      });
      if (!written.ok) {
        if (written.conflict === "command-id") return { ok: false, error: domainError("DUPLICATE_ID", "This command id was already used") };
        // One writer per session: another writer taking our seq is a fault, not a rule.
        throw new Error(`event store conflict: ${written.conflict}`);
      }
      this.accept(written.event);
      return { ok: true, event: written.event, replayed: false };
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /**
   * What a client that has seen up to `lastSeq` needs now. Synchronous on
   * purpose: the caller joins the socket to its rooms in the same tick, so no
   * event can fall between this answer and the next broadcast.
   */
  sync(viewer: Viewer, lastSeq: number): Sync {
    const state = this.current;
    const missed = state.seq - lastSeq;
    const oldestKept = this.recent.length ? this.recent[0].seq : state.seq + 1;
    if (lastSeq > 0 && missed >= 0 && missed <= SNAPSHOT_THRESHOLD && lastSeq + 1 >= oldestKept) {
      const events = this.recent
        .filter((e) => e.seq > lastSeq)
        .map((e) => eventForViewer(e, viewer, state))
        .filter((e) => e !== null);
      if (!events.some(embedsCurrentState)) return { kind: "events", events };
    }
    return { kind: "snapshot", state: stateForViewer(state, viewer) };
  }

  private async findCommand(commandId: string): Promise<SessionEvent | null> {
    for (let i = this.recent.length - 1; i >= 0; i--) {
      if (this.recent[i].commandId === commandId) return this.recent[i];
    }
    return this.deps.store.findByCommandId(commandId);
  }

  private accept(event: SessionEvent): void {
    const before = this.current;
    this.current = applyEvent(before, event);
    this.recent.push(event);
    if (this.recent.length > RECENT_LIMIT) this.recent.splice(0, this.recent.length - RECENT_LIMIT);
    this.deps.onEvent(event, this.current, before);
  }
}
