import { io } from 'socket.io-client';
import { appendBests } from '../../client/bests.ts';
import { Mirror } from '../../client/mirror.ts';
import { attachMirror } from '../../client/mirror-binding.ts';
import { pendingLogs } from '../../client/pending-logs.ts';
import { RelaySession } from '../../client/session.ts';
import type { RelaySocket, SocketFactory } from '../../client/session.ts';
import { WolfpackError } from '../../core/errors.ts';
import type { BeatenBest } from '../../core/progress-types.ts';
import type { JoinResponse } from '../../core/protocol.ts';
import type { ChallengeView, Cheer } from '../../core/types.ts';
import { forgetProblem } from '../app/logic/unsent.ts';
import type { AppView } from '../app/services.ts';
import type { KeyValueStore } from './key-value.ts';
import { LocalOutbox } from './local-outbox.ts';
import {
  forgetMembership,
  loadMembership,
  loadSnapshot,
  localResultLedger,
  outboxKey,
  renameRecentLogs,
  saveMembership,
  saveSnapshot,
} from './membership.ts';
import type { Membership } from './membership.ts';

const CHEERS_KEPT = 100;
const RESULTS_KEPT = 20;

export interface WebClientOptions {
  /** The relay that served this page: http(s)://host:port. */
  origin: string;
  store: KeyValueStore;
  /** Tests hand in their own socket factory; the page uses socket.io-client. */
  connect?: SocketFactory;
}

/**
 * One browser's membership and live connection: the relay session with its outbox in local
 * storage, the mirror the screens read, and the cheers and results the mirror does not keep.
 */
export class WebClient {
  readonly origin: string;
  readonly store: KeyValueStore;
  mirror: Mirror;
  session: RelaySession | null = null;
  outbox: LocalOutbox | null = null;
  /** The session's current socket, to know when a request can go out. */
  #socket: RelaySocket | null = null;
  #connect: SocketFactory;
  #membership: Membership | null;
  #cheers: Cheer[] = [];
  #results: ChallengeView[] = [];
  #bests: BeatenBest[] = [];
  #problem: string | null = null;
  #listeners = new Set<(state: AppView) => void>();
  /** Unsubscribes the current session's listeners. */
  #detach: (() => void)[] = [];
  #notifyQueued = false;

  constructor(options: WebClientOptions) {
    this.origin = options.origin;
    this.store = options.store;
    this.#connect = options.connect ?? ((url, opts) => io(url, opts) as RelaySocket);
    this.#membership = loadMembership(options.store);
    this.mirror = this.#newMirror();
  }

  #newMirror(): Mirror {
    const mirror = new Mirror();
    mirror.on('change', () => this.#notify());
    return mirror;
  }

  get membership(): Membership | null {
    return this.#membership;
  }

  /** Connects when this browser already belongs to a pack. */
  start(): void {
    if (this.#membership && !this.session) this.#open(this.#membership);
  }

  become(joined: JoinResponse): void {
    const membership: Membership = {
      token: joined.token,
      member: joined.member,
      pack: joined.pack,
      inviteCode: joined.inviteCode ?? null,
    };
    saveMembership(this.store, membership);
    void this.#closeSession();
    this.#membership = membership;
    this.#open(membership);
  }

  /**
   * Forgets this browser's membership. Unsent logs go with it, so it refuses (and changes
   * nothing) while more of them wait than the user agreed to lose.
   */
  async signOut(forgetUnsent = 0): Promise<void> {
    const problem = forgetProblem(this.outbox?.size ?? 0, forgetUnsent);
    if (problem) throw new WolfpackError('bad_request', problem);
    this.outbox?.clear();
    await this.#closeSession();
    this.outbox = null;
    forgetMembership(this.store);
    // The next pack starts from nothing, not from what this one showed.
    this.mirror = this.#newMirror();
    this.#membership = null;
    this.#cheers = [];
    this.#results = [];
    this.#bests = [];
    this.#problem = null;
    this.#notify();
  }

  /**
   * Resolves once a request can be sent: the socket is up. That comes before the resume's
   * snapshot, so a page opened straight onto History asks for it a round trip sooner.
   */
  async whenConnected(timeoutMs: number): Promise<void> {
    const session = this.session;
    if (!session) throw new Error('join or create a pack first');
    if (this.#socket?.connected) return;
    const socket = this.#socket;
    let onConnect = (): void => undefined;
    const connected = new Promise<void>((resolve) => {
      onConnect = () => resolve();
      socket?.once('connect', onConnect);
    });
    try {
      // whenOnline fails fast when the relay cannot be reached, and at the timeout.
      await Promise.race([connected, session.whenOnline(timeoutMs, true)]);
    } finally {
      socket?.off('connect', onConnect);
    }
  }

  onState(listener: (state: AppView) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  setInviteCode(inviteCode: string): void {
    if (!this.#membership) return;
    this.#membership = { ...this.#membership, inviteCode };
    saveMembership(this.store, this.#membership);
    this.#notify();
  }

  addCheer(cheer: Cheer): void {
    if (this.#cheers.some((c) => c.id === cheer.id)) return;
    this.#cheers = [...this.#cheers, cheer].slice(-CHEERS_KEPT);
    this.#notify();
  }

  state(): AppView {
    const m = this.#membership;
    const mirror = this.mirror;
    const you = (m && mirror.member(m.member.id)) ?? m?.member ?? null;
    return {
      connection: {
        state: this.session?.state ?? 'offline',
        queued: this.outbox?.size ?? 0,
        relayUrl: this.origin,
      },
      you,
      pack: mirror.pack() ?? m?.pack ?? null,
      members: mirror.members(),
      metrics: mirror.metrics(),
      challenges: mirror.challenges(),
      feed: mirror.feed(),
      inviteCode: you?.role === 'owner' ? (m?.inviteCode ?? null) : null,
      hotkeys: null,
      hosting: null,
      cheers: this.#cheers,
      bests: this.#bests,
      pending: pendingLogs(this.outbox?.pending() ?? []),
      results: this.#results,
      problem: this.#problem,
    };
  }

  #open(membership: Membership): void {
    const store = this.store;
    const outbox = new LocalOutbox(store, outboxKey(membership.member.id));
    this.outbox = outbox;
    const cached = loadSnapshot(store, membership.member.id);
    if (cached) {
      this.mirror.applySnapshot(cached, outbox.pending());
      this.#cheers = cached.cheers ?? [];
    }
    const session = new RelaySession({
      url: this.origin,
      token: membership.token,
      outbox,
      results: localResultLedger(store),
      connect: (url, opts) => {
        const socket = this.#connect(url, opts);
        this.#socket = socket;
        // The session forwards the member pushes it knows; cheers are the web app's own.
        socket.on('cheer:received', (cheer) => this.addCheer(cheer));
        return socket;
      },
    });
    this.session = session;
    this.#problem = null;
    this.#detach.push(
      attachMirror(session, this.mirror),
      session.on('snapshot', (snapshot) => {
        saveSnapshot(store, snapshot);
        this.#cheers = snapshot.cheers.slice(-CHEERS_KEPT);
        if (snapshot.inviteCode) this.setInviteCode(snapshot.inviteCode);
      }),
      session.on('result', (view) => {
        this.#results = [...this.#results.filter((r) => r.id !== view.id), view].slice(-RESULTS_KEPT);
        this.#notify();
      }),
      session.on('reidentified', ({ changes }) =>
        renameRecentLogs(store, new Map(changes.map(({ from, event }) => [from, event.id]))),
      ),
      session.on('bests', ({ bests, at }) => {
        this.#bests = appendBests(this.#bests, bests, at);
        this.#notify();
      }),
      session.on('connection', () => this.#notify()),
      session.on('error', (error) => {
        if (error.fatal) this.#problem = error.message;
        this.#notify();
      }),
    );
    session.start();
    this.#notify();
  }

  async #closeSession(): Promise<void> {
    for (const off of this.#detach.splice(0)) off();
    const session = this.session;
    this.session = null;
    await session?.close();
  }

  /**
   * Coalesces a burst of changes (a snapshot touches everything; a reconnect may deliver many
   * results, each after an await) into one render: a task, not a microtask, so the burst is over.
   */
  #notify(): void {
    if (this.#notifyQueued) return;
    this.#notifyQueued = true;
    setTimeout(() => {
      this.#notifyQueued = false;
      const state = this.state();
      for (const listener of this.#listeners) listener(state);
    }, 0);
  }
}
