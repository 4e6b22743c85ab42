import { createFold, type Fold } from "@/lib/domain/apply-event";
import { decide } from "@/lib/domain/commands";
import type { CommandActor, SystemCommand, WireCommand } from "@/lib/domain/decision";
import type { SessionCommandName } from "@/lib/protocol/commands";
import { domainError, type DomainError } from "@/lib/domain/errors";
import type { Actor, EventBody, SessionEvent } from "@/lib/domain/events";
import type { SessionState } from "@/lib/domain/session-state";
import type { WordFilter } from "@/lib/domain/word-filter";
import { embedsCurrentState, eventForViewer, stateForViewer, type Viewer } from "@/lib/domain/visibility";
import type { Sync } from "@/lib/protocol/events";
import { purgeFor, type Redaction } from "@/lib/domain/redaction";
import type { BatchWrite, EventStore, NewEvent } from "../store/event-store";

/** How many recent events a hub keeps for quick resyncs. */
const RECENT_LIMIT = 2000;
/** Past this many missed events a reconnecting client gets a snapshot instead. */
const SNAPSHOT_THRESHOLD = 300;
/** Commands written in one transaction at most (a backlog goes in several, each in its own turn). */
const MAX_BATCH = 256;
/** Command ids a hub remembers for replays; an older one is found through the store (its unique index). */
const COMMAND_MEMORY = 100_000;
/**
 * Counts for benchmarks and tests: batches written, batches another instance beat to their seq, reads
 * of the log, batches sent to the session's writer, and those it did not answer in time.
 */
export const hubCounters = { batches: 0, seqConflicts: 0, storeReads: 0, forwarded: 0, forwardTimeouts: 0 };

/** Times a batch is decided again after another instance took its seq, before it fails. */
const MAX_SEQ_RETRIES = 32;
/** Reading other instances' events failed this many times in a row: the waiting commands are refused (clients send again). */
const MAX_CATCH_UP_FAILURES = 5;

export type ExecuteResult = { ok: true; event: SessionEvent; replayed: boolean } | { ok: false; error: DomainError };

/** A command sent to the instance that writes the session (JSON: it crosses the adapter). */
export interface ForwardedCommand {
  commandId: string;
  actor: CommandActor;
  command: WireCommand<SessionCommandName> | SystemCommand;
}

/** What the writing instance made of a forwarded command. */
export type ForwardedResult =
  | { kind: "stored"; seq: number; replayed: boolean }
  | { kind: "refused"; error: DomainError }
  /** It failed there (a fault, a failed write): the sending instance writes it itself. */
  | { kind: "failed"; message: string }
  /** That instance is stopping: the sending instance writes it itself. */
  | { kind: "not-writer" };

/**
 * One writer per session across instances. Every instance that holds a
 * session sends its clients' commands to one instance, chosen the same way
 * by all, and applies the events from the log's notices like any other
 * instance's. Only an optimisation: the log's unique seq keeps the events
 * right whoever writes (a join, the writer gone quiet, instances that
 * disagree for a moment), at the cost of a retry when two collide.
 */
export interface SessionWriter {
  /** The instance that writes this session, or null when it is this one. */
  writerFor(sessionId: string): string | null;
  /** Runs the commands on that instance, in order; rejects when it does not answer in time. */
  forward(instance: string, sessionId: string, commands: ForwardedCommand[]): Promise<ForwardedResult[]>;
}

export interface HubDeps {
  store: EventStore;
  clock: () => number;
  newId: () => string;
  random: () => number;
  filter?: WordFilter;
  concern?: WordFilter;
  /**
   * Told of every stored event with the state after and before it, in seq
   * order. The hub writes its growing collections in place (see `createFold`):
   * `before` shares them with `after`, so compare only what an event replaces
   * (membership, groups, ...).
   */
  onEvent: (event: SessionEvent, after: SessionState, before: SessionState) => void;
  /**
   * How long the first command of a batch waits for others, in ms (0-2). 0:
   * commands that arrived in the same turn of the event loop share a write.
   */
  commitWindowMs?: number;
  /** A failure while reading other instances' events or telling listeners of them (logged; the hub goes on). */
  onCatchUpError?: (err: unknown) => void;
  /** With other instances: who writes this session (see SessionWriter). */
  writer?: SessionWriter | null;
  /** How long a command the writer stored may wait for its event here before it fails (the client sends again). */
  forwardDeadlineMs?: number;
}

/** A forwarded command's event not yet read from the log after this long: the hub reads the log. */
const FORWARD_NOTICE_GRACE_MS = 50;
const FORWARD_DEADLINE_MS = 10_000;

type Matcher = (previous: SessionEvent) => boolean;

interface Waiting {
  commandId: string;
  actor: CommandActor;
  command: WireCommand<SessionCommandName> | SystemCommand;
  matchReplay: Matcher;
  /** May be sent to the session's writer (its replay rule is the plain one, and it was not forwarded here). */
  forward: boolean;
  resolve: (result: ExecuteResult) => void;
  reject: (err: unknown) => void;
}

/** What the draft made of one waiting command. */
type Planned =
  | { kind: "event"; w: Waiting; event: NewEvent }
  | { kind: "refused"; w: Waiting; error: DomainError }
  | { kind: "replay"; w: Waiting; seq: number }
  /** Its id is already in this batch (a resend before the answer): it runs after, as a replay. */
  | { kind: "again"; w: Waiting }
  /** Deciding it threw (a fault): it alone fails. */
  | { kind: "fault"; w: Waiting; err: unknown };

function toLogActor(actor: CommandActor): Actor {
  if (actor.kind === "system") return { kind: "system" };
  return actor.kind === "user" ? { kind: "user", id: actor.id } : { kind: "participant", id: actor.id };
}

function sameActor(a: Actor, b: Actor): boolean {
  return a.kind === b.kind && (a.kind === "system" || (b.kind !== "system" && a.id === b.id));
}

const duplicate = (): ExecuteResult => ({ ok: false, error: domainError("DUPLICATE_ID", "This command id was already used") });

/** Collections the hub writes in place: a snapshot must not share them (it is encoded later). */
const IN_PLACE = ["notes", "noteOrder", "participants", "participantOrder", "sketches", "sketchOrder", "votesBy", "devices"] as const;

/**
 * The authoritative in-memory state of one live session, with group commit.
 *
 * Commands wait for the next turn of the event loop (or `commitWindowMs`);
 * then all that are waiting are decided one after another on a draft of the
 * state, their events are stored in one transaction (one flush to disk), and
 * only then does the state move on, in seq order, and each command is told
 * and its event broadcast. Nothing is acknowledged or sent before it is on
 * disk, and a failed write leaves the state as it was.
 */
export class SessionHub {
  private waiting: Waiting[] = [];
  private scheduled = false;
  private writing = false;
  /** Another instance appended past what this hub holds: read the log before the next write. */
  private behind = false;
  /** Events other instances sent along with their notices, by seq, until applied. */
  private readonly incoming = new Map<number, SessionEvent>();
  /** The highest seq another instance said it stored. */
  private notifiedSeq = 0;
  /** The log must be read (a notice came without its events, the feed was cut, a seq was taken). */
  private readStore = false;
  /** Seq conflicts in a row (another instance kept writing first). */
  private seqRetries = 0;
  /** Failed reads of the log in a row; the next try waits longer each time. */
  private catchUpFailures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  /** Callers of `refresh`, told once the hub has read the log. */
  private refreshed: (() => void)[] = [];
  private recent: SessionEvent[];
  /** Command id -> seq of the event it made, for this session's latest COMMAND_MEMORY commands. */
  private readonly commands = new Map<string, number>();
  /**
   * Forwarded commands, answered in order once this hub has applied the log
   * up to `seq`: the command's own event, or (for one the writer refused) the
   * events of the commands sent before it.
   */
  private awaiting: { seq: number; w: Waiting; answer: { replayed: boolean } | { ok: false; error: DomainError }; since: number; until: number }[] = [];
  private settling = false;
  /** A batch is with the writer: the next waits for its answer (so one client's commands keep their order). */
  private forwarding = false;
  private graceTimer: ReturnType<typeof setTimeout> | null = null;

  /** `log`: the session's events so far (the recent ones are kept; every command id is remembered). */
  constructor(
    private readonly deps: HubDeps,
    private current: SessionState,
    log: SessionEvent[],
    private readonly fold: Fold = createFold("everything"),
  ) {
    for (const e of log) this.remember(e);
    this.recent = log.slice(-RECENT_LIMIT);
    // A purge whose rewrite of the store was cut short (its writer died) or is still under way on
    // another instance: the copies kept here are purged all the same.
    for (const e of log) {
      const redactor = purgeFor(e);
      if (redactor) this.redactRecent(this.recent.map(redactor).filter((r): r is Redaction => r !== null));
    }
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
    matchReplay?: Matcher,
    opts: { here?: boolean } = {},
  ): Promise<ExecuteResult> {
    return new Promise<ExecuteResult>((resolve, reject) => {
      this.waiting.push({
        commandId,
        actor,
        command,
        matchReplay: matchReplay ?? ((prev) => sameActor(prev.actor, toLogActor(actor))),
        forward: !matchReplay && !opts.here,
        resolve,
        reject,
      });
      this.schedule();
    });
  }

  /** A command another instance forwarded here, this instance being the session's writer: run here, never sent on. */
  async executeForwarded(f: ForwardedCommand): Promise<ForwardedResult> {
    try {
      const result = await this.execute(f.commandId, f.actor, f.command, undefined, { here: true });
      return result.ok ? { kind: "stored", seq: result.event.seq, replayed: result.replayed } : { kind: "refused", error: result.error };
    } catch (err) {
      return { kind: "failed", message: err instanceof Error ? err.message : String(err) };
    }
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
    return { kind: "snapshot", state: detached(stateForViewer(state, viewer), state) };
  }

  /**
   * Another instance (sharing the store) appended to this session up to
   * `lastSeq`: the hub reads what it misses, in its own turn between writes,
   * and applies it as if it had written it (listeners send it to this
   * instance's clients). Without `lastSeq`, it checks the store anyway.
   */
  catchUp(lastSeq = Infinity, events?: readonly SessionEvent[]): void {
    if (lastSeq <= this.current.seq) return;
    if (events?.length && Number.isFinite(lastSeq)) {
      for (const e of events) if (e.seq > this.current.seq && e.sessionId === this.id) this.incoming.set(e.seq, e);
      this.notifiedSeq = Math.max(this.notifiedSeq, lastSeq);
    } else this.readStore = true;
    this.behind = true;
    this.schedule();
  }

  /**
   * Resolves once the hub has read what other instances stored until now:
   * for an answer that must not come from a copy that is behind (a pass
   * this hub does not know yet, a client ahead of it).
   */
  refresh(): Promise<void> {
    return new Promise((resolve) => {
      this.refreshed.push(resolve);
      this.readStore = true;
      this.behind = true;
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.writing || this.retryTimer || (this.waiting.length === 0 && !this.behind)) return;
    // Only commands for the writer wait, behind the batch it has not answered yet: its answer schedules them.
    if (this.forwarding && !this.behind && this.waiting.every((w) => w.forward)) return;
    this.scheduled = true;
    const run = () => {
      this.scheduled = false;
      void this.flush();
    };
    const window = Math.min(2, Math.max(0, this.deps.commitWindowMs ?? 0));
    if (window > 0) setTimeout(run, window);
    else setImmediate(run);
  }

  /** Decides, stores and applies one batch of waiting commands; then the next batch, in a turn of its own. */
  private async flush(): Promise<void> {
    this.writing = true;
    if (this.behind) {
      const told = this.refreshed.splice(0);
      try {
        this.behind = false;
        await this.readOthers();
        this.catchUpFailures = 0;
        await this.settle();
      } catch (err) {
        // The store could not be read (or an event not applied): try again later, waiting longer each
        // time, and after a few tries refuse the waiting commands; their clients send them again.
        this.behind = true;
        this.readStore = true;
        this.deps.onCatchUpError?.(err);
        const failures = ++this.catchUpFailures;
        if (failures >= MAX_CATCH_UP_FAILURES) for (const w of this.waiting.splice(0)) w.reject(err);
        this.writing = false;
        this.retryTimer = setTimeout(() => {
          this.retryTimer = null;
          this.schedule();
        }, Math.min(5_000, 100 * 2 ** (failures - 1)));
        this.retryTimer.unref?.();
        return;
      } finally {
        told.forEach((resolve) => resolve());
      }
    }
    let batch: Waiting[];
    let away: Waiting[] = [];
    let writer: string | null = null;
    if (this.forwarding) {
      // A batch is with the writer: only what is written here goes now; commands for the writer wait
      // for its answer, whoever the writer is by then (one client's commands keep their order).
      batch = [];
      const kept: Waiting[] = [];
      for (const w of this.waiting) (w.forward || batch.length >= MAX_BATCH ? kept : batch).push(w);
      this.waiting = kept;
    } else {
      batch = this.waiting.splice(0, MAX_BATCH);
      writer = batch.some((w) => w.forward) ? (this.deps.writer?.writerFor(this.id) ?? null) : null;
      if (writer) {
        away = batch.filter((w) => w.forward);
        batch = batch.filter((w) => !w.forward);
      }
    }
    try {
      // What is written here was sent first (a join, a batch the writer did not answer): it goes first.
      if (batch.length) await this.commit(batch);
    } catch (err) {
      // Not stored: nobody was told anything, and the state is as it was. The clients send again.
      for (const w of batch) w.reject(err);
    } finally {
      if (away.length) {
        const requeued = new Set(batch);
        if (this.waiting.some((w) => requeued.has(w))) {
          // Those go again first (their seq was taken): the writer's batch waits behind them.
          const at = this.waiting.findIndex((w) => !requeued.has(w));
          this.waiting.splice(at < 0 ? this.waiting.length : at, 0, ...away);
        } else {
          // The hub goes on meanwhile: it applies the log's notices (the writer's events among them) and writes joins.
          this.forwarding = true;
          void this.sendAway(writer!, away).finally(() => {
            this.forwarding = false;
            this.schedule();
          });
        }
      }
      this.writing = false;
      this.schedule();
    }
  }

  /**
   * Sends commands to the instance that writes this session and waits for
   * its answer (not for the events: those come with the log's notices, and
   * each command is answered once its event is applied here). No answer in
   * time: the commands are written here instead; one the writer did store
   * after all is then found by its id and answered as a replay.
   */
  private async sendAway(writer: string, away: Waiting[]): Promise<void> {
    let results: ForwardedResult[];
    hubCounters.forwarded++;
    try {
      results = await this.deps.writer!.forward(
        writer,
        this.id,
        away.map((w) => ({ commandId: w.commandId, actor: w.actor, command: w.command })),
      );
    } catch {
      hubCounters.forwardTimeouts++;
      for (const w of away) w.forward = false;
      this.waiting.unshift(...away);
      return;
    }
    const since = this.deps.clock();
    const until = since + (this.deps.forwardDeadlineMs ?? FORWARD_DEADLINE_MS);
    // A refusal is answered after the commands sent before it (this batch's and the ones before).
    let after = this.awaiting.length ? this.awaiting[this.awaiting.length - 1].seq : 0;
    const here: Waiting[] = [];
    away.forEach((w, i) => {
      const r = results[i];
      if (r?.kind === "stored") {
        after = Math.max(after, r.seq);
        this.awaiting.push({ seq: r.seq, w, answer: { replayed: r.replayed }, since, until });
      } else if (r?.kind === "refused") this.awaiting.push({ seq: after, w, answer: { ok: false, error: r.error }, since, until });
      // Not run there (it failed, or that instance is stopping): written here, first in the queue.
      else here.push(w);
    });
    if (here.length) {
      for (const w of here) w.forward = false;
      this.waiting.unshift(...here);
    }
    this.awaiting.sort((x, y) => x.seq - y.seq);
    await this.settle();
  }

  /**
   * Answers, in order, the forwarded commands this hub has caught up with.
   * One whose event is slow to come makes the hub read the log after a
   * moment; one whose event never comes (the session was deleted) fails at
   * its deadline, and its client sends it again.
   */
  private async settle(): Promise<void> {
    if (this.settling) return;
    this.settling = true;
    try {
      while (this.awaiting.length && this.awaiting[0].seq <= this.current.seq) {
        const { seq, w, answer } = this.awaiting.shift()!;
        if ("ok" in answer) {
          w.resolve(answer);
          continue;
        }
        const first = this.recent.length ? this.recent[0].seq : Infinity;
        const kept = seq >= first ? this.recent[seq - first] : undefined;
        try {
          const event = kept?.seq === seq ? kept : await this.deps.store.findByCommandId(w.commandId);
          w.resolve(event ? { ok: true, event, replayed: answer.replayed } : duplicate());
        } catch (err) {
          w.reject(err);
        }
      }
    } finally {
      this.settling = false;
    }
    this.watchAwaiting();
  }

  /** While forwarded commands wait: the oldest waiting past the grace makes the hub read the log; past its deadline, it fails. */
  private watchAwaiting(): void {
    if (!this.awaiting.length || this.graceTimer) return;
    // The oldest is already past the grace (the log was read and still lacks it): look again a grace later.
    const left = this.awaiting[0].since + FORWARD_NOTICE_GRACE_MS - this.deps.clock();
    const wait = left > 0 ? left : FORWARD_NOTICE_GRACE_MS;
    this.graceTimer = setTimeout(() => {
      this.graceTimer = null;
      const now = this.deps.clock();
      while (this.awaiting.length && this.awaiting[0].until <= now) this.awaiting.shift()!.w.reject(new Error("the writer's event did not reach this instance"));
      if (this.awaiting.length && this.awaiting[0].since + FORWARD_NOTICE_GRACE_MS <= now) this.catchUp();
      this.watchAwaiting();
    }, wait);
    this.graceTimer.unref?.();
  }

  private async commit(batch: Waiting[]): Promise<void> {
    const planned = this.plan(batch);
    const events = planned.filter((p) => p.kind === "event");
    if (events.length) hubCounters.batches++;
    const written: BatchWrite = events.length ? await this.deps.store.appendBatch(this.id, events.map((p) => p.event)) : { ok: true, events: [] };
    if (!written.ok && written.conflict === "seq" && this.seqRetries < MAX_SEQ_RETRIES) {
      // Another instance appended to this session first: read its events, then decide the batch again.
      this.seqRetries++;
      hubCounters.seqConflicts++;
      this.waiting.unshift(...batch);
      this.readStore = true;
      this.behind = true;
      return;
    }
    this.seqRetries = 0;
    if (!written.ok) {
      if (written.conflict !== "command-id") throw new Error(`event store conflict: ${written.conflict}`);
      // A command id used before, beyond the hub's memory or in another session: that command is
      // answered from the store; the others go first in the queue and are decided again.
      const refused = events[written.index].w;
      this.waiting.unshift(...batch.filter((w) => w !== refused));
      await this.answerFromStore(refused, duplicate());
      return;
    }
    // On disk: the state moves on and each event goes out, in seq order.
    const stored = new Map<Waiting, { event: SessionEvent; failed?: unknown }>();
    written.events.forEach((event, i) => {
      const before = this.current;
      this.current = this.fold.apply(before, event);
      this.remember(event);
      this.recent.push(event);
      try {
        this.deps.onEvent(event, this.current, before);
        stored.set(events[i].w, { event });
      } catch (failed) {
        stored.set(events[i].w, { event, failed });
      }
    });
    if (this.recent.length > RECENT_LIMIT) this.recent.splice(0, this.recent.length - RECENT_LIMIT);
    for (const p of planned) {
      if (p.kind === "event") {
        const { event, failed } = stored.get(p.w)!;
        if (failed) {
          p.w.reject(failed);
          continue;
        }
        await this.purgeAfter(event);
        p.w.resolve({ ok: true, event, replayed: false });
      } else if (p.kind === "refused") await this.answerFromStore(p.w, { ok: false, error: p.error });
      else if (p.kind === "replay") await this.replay(p.w, p.seq);
      else if (p.kind === "fault") p.w.reject(p.err);
    }
    this.waiting.unshift(...planned.filter((p) => p.kind === "again").map((p) => p.w));
  }

  /**
   * Applies, in seq order, the events other instances stored since this
   * hub's last one: the state moves on and listeners hear of each, exactly as
   * for the hub's own. A purge among them is done to the hub's recent copies
   * too (the writer purged the store).
   */
  private async readOthers(): Promise<void> {
    // What came with the notices, in order; the log itself when something is missing.
    const sent: SessionEvent[] = [];
    for (let next = this.incoming.get(this.current.seq + 1); next; next = this.incoming.get(next.seq + 1)) sent.push(next);
    const last = sent.length ? sent[sent.length - 1].seq : this.current.seq;
    let events = sent;
    if (this.readStore || last < this.notifiedSeq) {
      this.readStore = false;
      hubCounters.storeReads++;
      events = await this.deps.store.readSince(this.id, this.current.seq);
    }
    for (const event of events) {
      if (event.seq !== this.current.seq + 1) break;
      const before = this.current;
      this.current = this.fold.apply(before, event);
      this.remember(event);
      this.recent.push(event);
      const redactor = purgeFor(event);
      if (redactor) this.redactRecent(this.recent.map(redactor).filter((r): r is Redaction => r !== null));
      try {
        this.deps.onEvent(event, this.current, before);
      } catch (err) {
        this.deps.onCatchUpError?.(err);
      }
    }
    if (this.recent.length > RECENT_LIMIT) this.recent.splice(0, this.recent.length - RECENT_LIMIT);
    for (const seq of this.incoming.keys()) if (seq <= this.current.seq) this.incoming.delete(seq);
  }

  /**
   * Decides each command of the batch on a draft: the state after the ones
   * before it. The draft is undone before anything is written, so what the
   * hub holds (and shows in `sync`) is only ever what is stored.
   */
  private plan(batch: Waiting[]): Planned[] {
    const ids = new Set<string>();
    return this.fold.draft(() => {
      let draft = this.current;
      return batch.map((w): Planned => {
        const seen = this.commands.get(w.commandId);
        if (seen !== undefined) return { kind: "replay", w, seq: seen };
        if (ids.has(w.commandId)) return { kind: "again", w };
        ids.add(w.commandId);
        const now = this.deps.clock();
        const ctx = { now, newId: this.deps.newId, random: this.deps.random, filter: this.deps.filter, concern: this.deps.concern };
        let decision: ReturnType<typeof decide>;
        try {
          decision = decide(draft, w.command, w.actor, ctx);
        } catch (err) {
          return { kind: "fault", w, err };
        }
        if (!decision.ok) return { kind: "refused", w, error: decision.error };
        const event: NewEvent = { body: decision.event, seq: draft.seq + 1, at: now, actor: toLogActor(w.actor), commandId: w.commandId };
        draft = this.fold.apply(draft, asStored(this.id, event));
        return { kind: "event", w, event };
      });
    });
  }

  /** A command id seen before in this session: the event it made, when the same actor sends it again. */
  private async replay(w: Waiting, seq: number): Promise<void> {
    const first = this.recent.length ? this.recent[0].seq : Infinity;
    const kept = seq >= first ? this.recent[seq - first] : undefined;
    const previous = kept?.seq === seq ? kept : await this.deps.store.findByCommandId(w.commandId);
    if (!previous) return w.resolve(duplicate());
    await this.answerReplay(w, previous);
  }

  /**
   * A command this hub does not remember: refused by the rules, or its id
   * taken in the store. If the store holds its id, the answer is the replay
   * (or DUPLICATE_ID); otherwise `otherwise`.
   */
  private async answerFromStore(w: Waiting, otherwise: ExecuteResult): Promise<void> {
    const previous = await this.deps.store.findByCommandId(w.commandId);
    if (previous) return this.answerReplay(w, previous);
    w.resolve(otherwise);
  }

  private async answerReplay(w: Waiting, previous: SessionEvent): Promise<void> {
    if (previous.sessionId !== this.id || !w.matchReplay(previous)) return w.resolve(duplicate());
    // A resent "forget me" whose purge was cut short (a restart) finishes it now; a finished one finds nothing left.
    await this.purgeAfter(previous);
    w.resolve({ ok: true, event: previous, replayed: true });
  }

  /**
   * After an event that calls for it (a participant forgotten, help requests
   * purged), rewrites the stored log and the hub's recent copies so that the
   * words are gone for good; the command is acknowledged only after this.
   */
  private async purgeAfter(event: SessionEvent): Promise<void> {
    const redactor = purgeFor(event);
    if (!redactor) return;
    const log = await this.deps.store.readSince(this.id, 0);
    const redactions = log.map(redactor).filter((r): r is Redaction => r !== null);
    await this.deps.store.redact(this.id, redactions);
    this.redactRecent(redactions);
  }

  private redactRecent(redactions: readonly Redaction[]): void {
    if (redactions.length === 0) return;
    const bySeq = new Map(redactions.map((r) => [r.seq, r]));
    this.recent = this.recent.map((e) => {
      const r = bySeq.get(e.seq);
      return r ? ({ ...e, ...r.body, actor: r.actor ?? e.actor } as SessionEvent) : e;
    });
  }

  private remember(e: SessionEvent): void {
    if (!e.commandId) return;
    this.commands.set(e.commandId, e.seq);
    if (this.commands.size > COMMAND_MEMORY) this.commands.delete(this.commands.keys().next().value!);
  }
}

/** The event a NewEvent becomes once stored, for folding into the draft. */
function asStored(sessionId: string, e: NewEvent): SessionEvent {
  const body: EventBody = e.body;
  return { ...body, sessionId, seq: e.seq, at: e.at, actor: e.actor, commandId: e.commandId } as SessionEvent;
}

/** A snapshot with its own copies of what the hub keeps writing in place. */
function detached(view: SessionState, live: SessionState): SessionState {
  const out: SessionState = { ...view };
  for (const key of IN_PLACE) {
    const v = out[key];
    if (v === live[key]) Object.assign(out, { [key]: Array.isArray(v) ? [...v] : { ...v } });
  }
  // A sketch's strokes grow in place too.
  out.sketches = Object.fromEntries(Object.entries(out.sketches).map(([id, k]) => [id, { ...k, strokes: [...k.strokes] }]));
  return out;
}
