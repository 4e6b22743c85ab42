import { io, type Socket } from "socket.io-client";
import { normalizeJoinCode } from "@/lib/domain/join-code";
import type { CommandBodyInput, CommandInput, CommandName, CommandsInScope, StrokeProgress } from "@/lib/protocol/commands";
import { isQueueableCommand } from "@/lib/protocol/queueable-commands";
import type { Ack } from "@/lib/protocol/result";
import type { AckOf, ClientToServerEvents, ServerToClientEvents } from "@/lib/protocol/events";
import { PROTOCOL_VERSION } from "@/lib/protocol/version";
import { newCommandId } from "./ids";
import type { LiveStore } from "./live-store";
import { Outbox, outboxKey, type OutboxEntry } from "./outbox";
import { forgetPass, loadPass, savePass } from "./participant-pass";

/** Errors after which a queued command is tried again later rather than dropped. */
const RETRY_LATER = new Set(["INTERNAL", "RATE_LIMITED"]);

export type OutboxResult = { entry: OutboxEntry; ack: Ack };

type OrtaqClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const ACK_TIMEOUT_MS = 10_000;

/** A command's payload as a caller gives it: the command id is made here unless given (a retry reuses it). */
export type SendInput<N extends CommandName> = Omit<CommandInput<N>, "id"> & { id?: string };
/** Commands a phone may queue in its outbox: they act on its own session and survive reloads and lost links. */
export type QueueableCommand = CommandsInScope<"member" | "session">;
type StaffCommand = CommandsInScope<"staff">;
/** What a console asks of its session: any staff command, as `{type, ...body}`; derived from the command table. */
export type StaffAction<N extends StaffCommand = StaffCommand> = { [K in N]: { type: K } & CommandBodyInput<K> }[N];

/** Reconnect soon after the server is back (a restart takes a second or two), with jitter so a hall does not stampede. */
const RECONNECT = { reconnectionDelay: 250, reconnectionDelayMax: 1000, randomizationFactor: 0.5 } as const;

export type ConnectionRole =
  | { kind: "staff"; sessionId: string }
  | { kind: "screen"; sessionId: string; screenKey?: string }
  | { kind: "participant"; code: string }
  /** Commands only, no session to follow (e.g. the "new session" form). */
  | { kind: "lobby" };

/**
 * The one owner of a tab's socket. Components never touch the socket: they
 * read the store and call these methods. On every (re)connect it tells the
 * server the last seq it has and folds in what it missed.
 */
export class LiveConnection {
  private socket: OrtaqClientSocket | null = null;
  private readonly onNetworkChange = () => this.updateNetworkState();
  private outbox: Outbox | null = null;
  private unsubscribeOutbox: (() => void) | null = null;
  private flushing = false;
  private flushAgain = false;
  private synced = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private resultListeners = new Set<(r: OutboxResult) => void>();
  private pendingJoin: { key: string; id: string } | null = null;
  private away = false;

  constructor(
    private readonly store: LiveStore,
    private role: ConnectionRole,
    private readonly url?: string,
  ) {}

  start(): void {
    if (this.socket) return;
    // Own manager per owner: a remounted screen must not inherit a closed one.
    const opts = { forceNew: true, auth: { v: PROTOCOL_VERSION }, ...RECONNECT };
    const socket: OrtaqClientSocket = this.url ? io(this.url, opts) : io(opts);
    this.socket = socket;
    socket.on("connect", () => void this.resync());
    socket.on("disconnect", () => {
      this.synced = false;
      this.updateNetworkState();
    });
    socket.on("connect_error", (err) => {
      if (err.message === "PROTOCOL_MISMATCH") this.store.getState().setSyncError("PROTOCOL_MISMATCH");
      this.updateNetworkState();
    });
    socket.io.on("reconnect_attempt", () => this.updateNetworkState());
    socket.on("session:event", (e) => this.store.getState().receive(e));
    socket.on("presence:changed", (p) => this.store.getState().applyPresence(p));
    socket.on("breaks:changed", (p) => this.store.getState().setBreaks(p.count));
    socket.on("poll:results", (p) => this.store.getState().applyPollResults(p));
    socket.on("stroke:progress", (p) => this.store.getState().addProgress(p));
    window.addEventListener("online", this.onNetworkChange);
    window.addEventListener("offline", this.onNetworkChange);
  }

  stop(): void {
    window.removeEventListener("online", this.onNetworkChange);
    window.removeEventListener("offline", this.onNetworkChange);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.unsubscribeOutbox?.();
    this.socket?.disconnect();
    this.socket = null;
  }

  /**
   * Queues a participant command: kept in localStorage until the server
   * acknowledges it, sent at once when online, resent by id after a drop
   * or a reload. Returns the command id.
   */
  queue<N extends QueueableCommand>(name: N, payload: Omit<CommandInput<N>, "id">): string | null {
    if (!this.outbox) return null;
    const id = newCommandId();
    this.outbox.add({ name, payload: { ...payload, id }, createdAt: Date.now() });
    void this.flush();
    return id;
  }

  /**
   * The phone stepped out for a break, or is back. Only the trainer's count
   * changes (nothing is stored); said again after every reconnect while away.
   */
  setBreak(away: boolean): void {
    this.away = away;
    if (this.socket?.connected && this.synced) this.socket.emit("break:set", { away });
  }

  /** Fire-and-forget (live drawing points): dropped when offline, never queued. */
  sendVolatile(name: "stroke:progress", payload: StrokeProgress): void {
    if (this.socket?.connected && this.synced) this.socket.volatile.emit(name, payload);
  }

  /** Told when a queued command is acknowledged or refused for good. */
  onOutboxResult(listener: (r: OutboxResult) => void): () => void {
    this.resultListeners.add(listener);
    return () => this.resultListeners.delete(listener);
  }

  private useOutbox(sessionId: string, participantId: string): void {
    const key = outboxKey(sessionId, participantId);
    if (this.outbox?.key === key) return;
    this.unsubscribeOutbox?.();
    this.outbox = new Outbox(key);
    this.store.getState().setPending(this.outbox.list());
    this.unsubscribeOutbox = this.outbox.subscribe((entries) => this.store.getState().setPending(entries));
  }

  private async flush(): Promise<void> {
    if (!this.outbox) return;
    if (this.flushing) {
      // Sending already: take another pass when it is done.
      this.flushAgain = true;
      return;
    }
    this.flushing = true;
    try {
      do {
        this.flushAgain = false;
        for (const entry of this.outbox.list()) {
          const online = typeof navigator === "undefined" || navigator.onLine;
          if (!this.synced || !online || !this.socket?.connected) return;
          // Entries come back from localStorage: an unknown name (an older app version) is refused, not sent.
          const ack: Ack = isQueueableCommand(entry.name)
            ? await this.emit(entry.name, entry.payload)
            : { ok: false, error: { code: "UNKNOWN_EVENT", message: "Unknown command" } };
          if (!ack.ok && RETRY_LATER.has(ack.error.code)) {
            // A rate limit refills; a lost answer is resent with the same id (the server applies it once).
            this.scheduleRetry(ack.error.code === "RATE_LIMITED" ? 4000 : 3000);
            return;
          }
          this.outbox.remove(entry.payload.id);
          this.resultListeners.forEach((l) => l({ entry, ack }));
        }
      } while (this.flushAgain);
    } finally {
      this.flushing = false;
    }
  }

  private scheduleRetry(ms: number): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.flush();
    }, ms);
  }

  /** Sends a command and resolves with its ack; a timeout or a dropped link resolves as an error ack. */
  send<N extends CommandName>(name: N, payload: SendInput<N>): Promise<Ack<AckOf<N>>> {
    return this.emit(name, { id: newCommandId(), ...payload });
  }

  /** Runs a staff command on a session the console watches. */
  act(sessionId: string, action: StaffAction): Promise<Ack> {
    const { type, ...body } = action;
    const payload = { ...body, sessionId, id: newCommandId() };
    return this.emit(type, payload);
  }

  /** The one place a command leaves the tab. The server checks every payload against the table's schemas. */
  private async emit(name: CommandName, payload: { id: string }): Promise<Ack<never>> {
    const socket = this.socket;
    if (!socket || !(await this.connected(socket))) {
      return { ok: false, error: { code: "INTERNAL", message: "Not connected" } };
    }
    const untyped: Socket = socket;
    try {
      return await untyped.timeout(ACK_TIMEOUT_MS).emitWithAck(name, payload);
    } catch {
      return { ok: false, error: { code: "INTERNAL", message: "The server did not answer in time" } };
    }
  }

  private connected(socket: OrtaqClientSocket): Promise<boolean> {
    if (socket.connected) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (ok: boolean) => {
        clearTimeout(timer);
        socket.off("connect", onConnect);
        resolve(ok);
      };
      const onConnect = () => done(true);
      const timer = setTimeout(() => done(false), ACK_TIMEOUT_MS);
      socket.on("connect", onConnect);
    });
  }

  /**
   * Joins with a code and nickname (and, when the organisation asks, the
   * participant's "I agree"); keeps the token so a reload is the same person.
   */
  async join(code: string, nickname: string, consent?: boolean): Promise<Ack<AckOf<"participant:join">>> {
    // A retry after a lost answer reuses the command id, so the server hands back the same participant.
    const key = `${normalizeJoinCode(code)}|${nickname.trim()}`;
    if (this.pendingJoin?.key !== key) this.pendingJoin = { key, id: newCommandId() };
    this.store.getState().beginSync();
    const ack = await this.send("participant:join", { code, nickname, id: this.pendingJoin.id, ...(consent === undefined ? {} : { consent }) });
    if (!ack.ok) this.store.getState().abortSync();
    if (ack.ok || ack.error.code !== "INTERNAL") this.pendingJoin = null;
    if (ack.ok) {
      const canonical = normalizeJoinCode(code);
      savePass({ token: ack.token, sessionId: ack.sessionId, participantId: ack.participantId, code: canonical });
      // Later reconnects resume this session.
      this.role = { kind: "participant", code: canonical };
      this.store.getState().setParticipant(ack.participantId);
      this.store.getState().setServerNow(ack.now);
      this.store.getState().applySync(ack.sync, ack.sessionId);
      this.store.getState().setConnection("connected");
      this.useOutbox(ack.sessionId, ack.participantId);
      this.synced = true;
    }
    return ack;
  }

  private async resync(): Promise<void> {
    const state = this.store.getState();
    const lastSeq = state.session?.seq ?? 0;
    if (this.role.kind === "lobby") {
      state.setConnection("connected");
      return;
    }
    if (this.role.kind === "participant") {
      const pass = loadPass(normalizeJoinCode(this.role.code));
      if (!pass) {
        // Nothing to resume: the phone shows the join form.
        state.setConnection("connected");
        return;
      }
      const sameSession = state.session?.id === pass.sessionId;
      state.beginSync();
      const ack = await this.send("participant:resume", { token: pass.token, lastSeq: sameSession ? lastSeq : 0 });
      if (!ack.ok) state.abortSync();
      if (ack.ok) {
        state.setParticipant(ack.participantId);
        state.setServerNow(ack.now);
        state.applySync(ack.sync, ack.sessionId);
        state.setConnection("connected");
        this.useOutbox(ack.sessionId, ack.participantId);
        this.synced = true;
        // Still on a break: the trainer's count lost this phone when its link dropped.
        if (this.away) this.socket?.emit("break:set", { away: true });
        void this.flush();
      } else if (ack.error.code === "TOKEN_INVALID" || ack.error.code === "REMOVED") {
        // A removed participant's pass is dead too; the error stays so the phone can say why.
        forgetPass(pass.code);
        state.setParticipant(null);
        state.setSyncError(ack.error.code);
        state.setConnection("connected");
      } else {
        state.setSyncError(ack.error.code);
      }
      return;
    }
    state.beginSync();
    const ack = await this.send("session:watch", {
      sessionId: this.role.sessionId,
      lastSeq,
      ...(this.role.kind === "screen" && this.role.screenKey ? { screenKey: this.role.screenKey } : {}),
      // A projector gets the room's view, even in the trainer's signed-in browser.
      ...(this.role.kind === "screen" ? { as: "screen" as const } : {}),
    });
    if (ack.ok) {
      state.setServerNow(ack.now);
      state.applySync(ack.sync, ack.sessionId);
      state.setConnection("connected");
    } else {
      state.abortSync();
      state.setSyncError(ack.error.code);
    }
  }

  private updateNetworkState(): void {
    const online = typeof navigator === "undefined" || navigator.onLine;
    if (!online) {
      // The device says it is offline: drop the link ourselves so nothing is sent into the void.
      this.synced = false;
      this.store.getState().setConnection("offline");
      if (this.socket?.connected || this.socket?.active) this.socket.disconnect();
      return;
    }
    if (this.socket && !this.socket.connected) {
      this.store.getState().setConnection("reconnecting");
      if (!this.socket.active) this.socket.connect();
    }
  }
}
