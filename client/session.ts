import { activityEventSchema, describeIssue } from '../core/protocol.ts';
import type { RequestName, RequestOf, ResponseMap } from '../core/protocol.ts';
import type { ActivityEvent, ChallengeView, Snapshot } from '../core/types.ts';
import { createEmitter } from './emitter.ts';
import type { Subscribable } from './emitter.ts';
import { OutboxSender, toRelayError } from './outbox-sender.ts';
import type { SessionOutbox } from './outbox-sender.ts';
import { RelayError, isTransient } from './relay-error.ts';
import { deliverResults } from './result-delivery.ts';
import type { ResultLedger } from './result-delivery.ts';
import type { ConnectionState, FlushReport, SessionEvents } from './session-events.ts';
import { socketMaker } from './session-options.ts';
import type { SessionOptions, SocketFactory } from './session-options.ts';
import { forwardPushes } from './session-pushes.ts';
import type { RelaySocket } from './session-pushes.ts';
import { requestOnSocket } from './session-request.ts';
import { waitForOnline } from './session-wait.ts';

export type { RelaySocket, ResultLedger, SessionOptions, SessionOutbox, SocketFactory };

/**
 * One member's live connection to the relay. Reconnects by itself; on every (re)connect it
 * resumes (snapshot and missed results), then sends the outbox in batches.
 */
export class RelaySession implements Subscribable<SessionEvents> {
  /** Every address of the relay, the preferred one first. */
  readonly urls: readonly string[];
  #urlIndex = 0;
  /** Failed connection attempts since the last success, across addresses. */
  #failures = 0;
  #makeSocket: (url: string) => RelaySocket;
  readonly on: Subscribable<SessionEvents>['on'];
  #emitter = createEmitter<SessionEvents>();
  #socket: RelaySocket;
  #sender: OutboxSender;
  #results: ResultLedger | null;
  #requestTimeoutMs: number;
  #retryDelayMs: number;
  #state: ConnectionState = 'connecting';
  #snapshot: Snapshot | null = null;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #closed = false;
  /** The last attempt to connect failed because the relay could not be reached. */
  #unreachable = false;
  /** A refusal that retrying cannot fix; every later wait fails with it at once. */
  #fatal: RelayError | null = null;

  constructor(options: SessionOptions) {
    this.urls = [options.url, ...(options.alternates ?? []).filter((u) => u !== options.url)];
    this.#sender = new OutboxSender(options.outbox ?? null, {
      send: async (events) => {
        const ack = await this.request('activity:log', { events });
        // An older relay sends no bests; the outcomes are all the outbox needs.
        if (ack.bests && ack.bests.length > 0)
          this.#emitter.emit('bests', { bests: ack.bests, at: Date.now() });
        return ack.outcomes;
      },
      canSend: () => this.#state === 'online',
      onStored: (ids) => this.#emitter.emit('stored', { ids }),
      onRejected: (rejection) => this.#emitter.emit('rejected', rejection),
      onReidentified: (changes) => this.#emitter.emit('reidentified', { changes }),
    });
    this.#results = options.results ?? null;
    this.#requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
    this.#retryDelayMs = options.retryDelayMs ?? 2_000;
    this.on = this.#emitter.on.bind(this.#emitter);
    this.#makeSocket = socketMaker(options);
    this.#socket = this.#makeSocket(options.url);
    this.#wire();
  }

  /** The address in use now. */
  get url(): string {
    return this.urls[this.#urlIndex] ?? this.urls[0] ?? '';
  }

  /**
   * The current node cannot be reached: move to the next address. Any node of the relay serves
   * any member (the database is shared), and the outbox is resent on the new connection, so
   * nothing is lost or counted twice in the move.
   */
  #failOver(): void {
    const old = this.#socket;
    old.removeAllListeners();
    old.io.removeAllListeners();
    old.disconnect();
    this.#urlIndex = (this.#urlIndex + 1) % this.urls.length;
    this.#failures += 1;
    this.#socket = this.#makeSocket(this.url);
    this.#wire();
    this.#setState('connecting');
    // Straight to the next address; once every one has failed, back off before the next round.
    const round = Math.floor(this.#failures / this.urls.length);
    const delay =
      this.#failures % this.urls.length === 0 ? Math.min(5_000, 250 * 2 ** Math.min(round, 5)) : 0;
    const socket = this.#socket;
    const timer = setTimeout(() => {
      if (!this.#closed && socket === this.#socket) socket.connect();
    }, delay);
    unrefTimer(timer);
  }

  get state(): ConnectionState {
    return this.#state;
  }

  get queued(): number {
    return this.#sender.outbox?.size ?? 0;
  }

  /** Swaps the outbox, e.g. to borrow a shared one only while sending. Null: read only. */
  useOutbox(outbox: SessionOutbox | null): void {
    this.#sender.outbox = outbox;
    this.#emitStatus();
  }

  /** What the outbox still holds, oldest first. */
  queuedEvents(): ActivityEvent[] {
    return this.#sender.outbox?.pending() ?? [];
  }

  /** The latest snapshot, kept current by nothing: use a Mirror for live state. */
  get snapshot(): Snapshot | null {
    return this.#snapshot;
  }

  start(): void {
    this.#setState('connecting');
    this.#socket.connect();
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#socket.disconnect();
    await this.#sender.running?.catch(() => undefined);
    this.#setState('offline');
  }

  /** One request and its ack. Rejects with a RelayError carrying the relay's code. */
  request<N extends RequestName>(
    name: N,
    payload: RequestOf<N>,
    timeoutMs?: number,
  ): Promise<ResponseMap[N]> {
    return requestOnSocket(this.#socket, () => this.url, name, payload, timeoutMs ?? this.#requestTimeoutMs);
  }

  /** Makes the events durable in the outbox, then sends them when connected. */
  async log(events: readonly ActivityEvent[]): Promise<void> {
    const outbox = this.#sender.outbox;
    if (!outbox) throw new Error('this session has no outbox to log into');
    for (const event of events) {
      const parsed = activityEventSchema.safeParse(event);
      if (!parsed.success) throw new RelayError('bad_request', describeIssue(parsed.error));
    }
    await outbox.append(events);
    this.#emitter.emit('queued', { events: [...events] });
    this.#emitStatus();
    void this.flush();
  }

  /** Sends what the outbox holds; resolves when it is empty or sending had to stop. */
  async flush(): Promise<FlushReport> {
    const report = await this.#sender.flush();
    this.#emitStatus();
    if (report.error) {
      const { code, message } = report.error;
      this.#emitter.emit('error', { code, message, fatal: false });
      this.#scheduleRetry(() => void this.flush());
    }
    return report;
  }

  /** Resolves with the snapshot once resumed; rejects on a refusal, on timeout, or (failFast) on the first failed attempt. */
  whenOnline(timeoutMs: number, failFast = false): Promise<Snapshot> {
    if (this.#state === 'online' && this.#snapshot) return Promise.resolve(this.#snapshot);
    if (this.#fatal) return Promise.reject(this.#fatal);
    if (failFast && this.#state === 'offline' && this.#unreachable) {
      return Promise.reject(new RelayError('unreachable', `cannot reach the relay at ${this.url}`));
    }
    return waitForOnline(
      {
        on: this.on,
        snapshot: () => this.#snapshot,
        // With several addresses, "unreachable" means every one of them has been tried.
        allTried: () => this.#failures + 1 >= this.urls.length,
        url: () => this.url,
      },
      timeoutMs,
      failFast,
    );
  }

  #wire(): void {
    const socket = this.#socket;
    socket.on('connect', () => {
      this.#unreachable = false;
      this.#failures = 0;
      void this.#resume();
    });
    socket.on('connect_error', (error) => {
      const code = (error as { data?: { code?: RelayError['code'] } }).data?.code;
      this.#unreachable = !code;
      this.#setState('offline');
      if (!code) {
        this.#emitter.emit('error', {
          code: 'unreachable',
          message: `cannot reach the relay at ${this.url}`,
          fatal: false,
        });
        if (this.urls.length > 1 && !this.#closed) this.#failOver();
        return;
      }
      // Socket.IO gives up after a refused handshake; a passing refusal is worth another try.
      const fatal = !socket.active && !isTransient(code);
      if (fatal) this.#fatal = new RelayError(code, error.message);
      else if (!socket.active) this.#scheduleRetry(() => socket.connect());
      this.#emitter.emit('error', { code, message: error.message, fatal });
    });
    socket.on('disconnect', () => this.#setState(socket.active && !this.#closed ? 'connecting' : 'offline'));
    socket.io.on('reconnect_attempt', () => this.#setState('connecting'));
    forwardPushes(socket, this.#emitter, {
      ended: (challenge) => void this.#surfaceResults([challenge]),
      revoked: (info) => {
        this.#fatal = new RelayError('unauthorized', info.reason);
        this.#emitter.emit('revoked', info);
        this.#emitter.emit('error', { code: 'unauthorized', message: info.reason, fatal: true });
        // The relay disconnects us itself, after acking the request that caused this (a leave);
        // closing here would lose that ack. Only stop retrying, and hang up if the relay does not.
        this.#closed = true;
        unrefTimer(setTimeout(() => socket.disconnect(), 1_000));
      },
    });
  }

  async #resume(): Promise<void> {
    try {
      const snapshot = await this.request('session:resume', {});
      this.#snapshot = snapshot;
      this.#emitter.emit('snapshot', snapshot);
      // Results first, so that whoever waits for 'online' has already been handed every missed one.
      await this.#surfaceResults(snapshot.unseenResults);
      this.#setState('online');
      void this.flush();
    } catch (error) {
      const relayError = toRelayError(error);
      this.#emitter.emit('error', { code: relayError.code, message: relayError.message, fatal: false });
      this.#scheduleRetry(() => {
        if (this.#socket.connected && this.#state !== 'online') void this.#resume();
      });
    }
  }

  async #surfaceResults(views: readonly ChallengeView[]): Promise<void> {
    if (!this.#results) return;
    await deliverResults(
      views,
      this.#results,
      (view) => this.#emitter.emit('result', view),
      (challengeIds) => this.request('result:ack', { challengeIds }),
    );
  }

  #scheduleRetry(task: () => void): void {
    if (this.#closed || this.#retryTimer) return;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      if (!this.#closed) task();
    }, this.#retryDelayMs);
  }

  #setState(state: ConnectionState): void {
    if (this.#state === state) return;
    this.#state = state;
    this.#emitStatus();
  }

  #emitStatus(): void {
    this.#emitter.emit('connection', { state: this.#state, queued: this.queued });
  }
}

/** unref() exists in Node only (the web app runs this file too); a browser's timer is harmless as it is. */
function unrefTimer(timer: unknown): void {
  (timer as { unref?: () => void }).unref?.();
}
