import { addDays, localDateOf } from '../../core/time-window.ts';
import { connect, createPack, joinPack, logEvent, ok, type TestSocket } from '../helpers/relay.ts';
import type { Resolve } from './spec.ts';

/**
 * Two packs on one relay: the attacker's, whose owner sends every fuzzed message, and the
 * victim's, which no message of the attacker may change. Each has an owner and a mate, a running
 * challenge, a scheduled one, logged, undone and cheered events and a board link, so that a
 * mutated request can aim at real ids of either pack.
 */
export interface Side {
  token: string;
  inviteCode: string;
  ids: Record<string, string>;
  socket: TestSocket;
}

const TIME_ZONE = 'Europe/Berlin';

async function buildSide(url: string, label: string, now: number): Promise<Side> {
  const owner = await createPack(url, `${label} owner`, TIME_ZONE);
  const mate = await joinPack(url, owner.inviteCode, `${label} mate`);
  const socket = await connect(url, owner.token);
  const mateSocket = await connect(url, mate.token);
  try {
    const today = localDateOf(now, TIME_ZONE);
    const running = await ok(socket, 'challenge:create', {
      metric: 'call',
      format: 'most',
      period: { kind: 'this-week' },
    });
    const scheduled = await ok(socket, 'challenge:create', {
      metric: 'call',
      format: 'race',
      target: 10,
      period: { kind: 'range', from: addDays(today, 2), to: addDays(today, 9) },
      title: `${label} race`,
    });
    const logged = logEvent('call', { count: 2, occurredAt: now, note: 'first call' });
    const undone = logEvent('call', { occurredAt: now });
    const mates = logEvent('call', { occurredAt: now });
    await ok(socket, 'activity:log', { events: [logged, undone] });
    await ok(mateSocket, 'activity:log', { events: [mates] });
    await ok(socket, 'activity:log', {
      events: [{ id: logEvent().id, type: 'undo', retracts: undone.id, occurredAt: now }],
    });
    const { cheer } = await ok(socket, 'cheer:send', {
      id: logEvent().id,
      reaction: 'cheer',
      eventId: mates.id,
    });
    const { board } = await ok(socket, 'board:create', { label: 'Floor' });
    const ids = {
      packId: owner.pack.id,
      ownerId: owner.member.id,
      mateId: mate.member.id,
      challengeId: running.challenge.id,
      scheduledId: scheduled.challenge.id,
      eventId: logged.id,
      mateEventId: mates.id,
      undoneId: undone.id,
      boardId: board.id,
      cheerId: cheer.id,
    };
    return { token: owner.token, inviteCode: owner.inviteCode, ids, socket };
  } finally {
    mateSocket.close();
  }
}

/** A pack's state as its owner's session:resume reports it; null once the owner has no session. */
async function stateOf(socket: TestSocket): Promise<string | null> {
  if (!socket.connected) return null;
  try {
    const emit = socket.timeout(5000).emitWithAck as (event: string, body: unknown) => Promise<unknown>;
    const reply = await emit.call(socket, 'session:resume', {});
    return (reply as { ok?: unknown }).ok === true ? JSON.stringify(reply) : null;
  } catch {
    return null;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The state once it has stopped moving: an acknowledged request may leave the scheduler a
 * moment of work (starting a challenge it created), and that must not be blamed on the next one.
 */
async function settledStateOf(socket: TestSocket): Promise<string | null> {
  let last = await stateOf(socket);
  for (let i = 0; i < 40; i++) {
    await sleep(10);
    const next = await stateOf(socket);
    if (next === last) return next;
    last = next;
  }
  return last;
}

export class FuzzPacks {
  attacker!: Side;
  victim!: Side;
  #url: string;
  readonly now: number;

  private constructor(url: string, now: number) {
    this.#url = url;
    this.now = now;
  }

  static async create(url: string, now: number): Promise<FuzzPacks> {
    const packs = new FuzzPacks(url, now);
    packs.victim = await buildSide(url, 'Victim', now);
    packs.attacker = await buildSide(url, 'Attacker', now);
    return packs;
  }

  get url(): string {
    return this.#url;
  }

  /** After the relay restarted on another port: the same tokens, new sockets. */
  async reconnect(url: string): Promise<void> {
    this.#url = url;
    for (const side of [this.victim, this.attacker]) {
      side.socket.close();
      side.socket = await connect(url, side.token).catch(() => side.socket);
    }
  }

  /** The attacker's socket again, with the same token, if a message made the relay close it. */
  async reattach(): Promise<boolean> {
    if (this.attacker.socket.connected) return true;
    this.attacker.socket.close();
    try {
      this.attacker.socket = await connect(this.#url, this.attacker.token);
      return true;
    } catch {
      return false;
    }
  }

  /** A fresh attacker's pack if a request that was acknowledged took the attacker out of theirs. */
  async ensureAttacker(): Promise<boolean> {
    if (this.attacker.socket.connected) return false;
    this.attacker.socket.close();
    try {
      this.attacker.socket = await connect(this.#url, this.attacker.token);
      if ((await stateOf(this.attacker.socket)) !== null) return false;
    } catch {
      // The token was revoked: the owner left the pack.
    }
    this.attacker.socket.close();
    this.attacker = await buildSide(this.#url, `Attacker ${Date.now() % 100_000}`, this.now);
    return true;
  }

  attackerState = (): Promise<string | null> => stateOf(this.attacker.socket);
  attackerSettled = (): Promise<string | null> => settledStateOf(this.attacker.socket);
  victimState = (): Promise<string | null> => stateOf(this.victim.socket);
  victimSettled = (): Promise<string | null> => settledStateOf(this.victim.socket);

  /** Names in specs: ids of both packs, the attacker's invite code and token, instants and dates. */
  resolve: Resolve = (name) => {
    const [side, key] = name.split('.');
    if ((side === 'attacker' || side === 'victim') && key !== undefined) {
      if (key === 'token' || key === 'inviteCode') {
        // Knowing the victim's invite code or token would make a change to their pack legitimate.
        if (side === 'victim') throw new Error(`a spec may not name ${name}`);
        return this.attacker[key];
      }
      const id = this[side].ids[key];
      if (id === undefined) throw new Error(`no id ${name} in the fixture`);
      return id;
    }
    // 'today+3' and 'now-60000' are relative to the frozen clock; 'date:9999-12-20+3' and
    // 'instant:0+60000' to another era.
    const dated = /^(?:today|date:(\d{4}-\d{2}-\d{2}))([+-]\d+)?$/.exec(name);
    if (dated) return addDays(dated[1] ?? localDateOf(this.now, TIME_ZONE), Number(dated[2] ?? 0));
    const instant = /^(?:now|instant:(\d+(?:\.\d+)?))([+-]\d+)?$/.exec(name);
    if (instant) return (instant[1] === undefined ? this.now : Number(instant[1])) + Number(instant[2] ?? 0);
    throw new Error(`unknown ref ${name}`);
  };

  close(): void {
    this.attacker.socket.close();
    this.victim.socket.close();
  }
}
