import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';

/** Where nodes tell each other that some of their pushes never reached Redis. */
export const noticeChannel = (namespace: string): string => `${namespace}#lost-pushes`;

/** How often a node retries its notice while Redis refuses it. */
const RETRY_MS = 1_000;

interface Notice {
  from: string;
  rooms: string[] | '*';
}

/**
 * The pushes this node could not hand to Redis, by room. Other nodes' clients missed them, and
 * nothing on those nodes noticed: their own Redis connections never dropped. So once this
 * node's publisher works again, it tells every node which rooms lost pushes, and each closes
 * the connections of its sockets in those rooms; their clients reconnect, resume and catch up
 * from the database. A removal that never reached another node is caught the same way: the
 * removed member's reconnect is refused.
 */
export class LostPushes {
  readonly #node = randomUUID();
  readonly #namespace: string;
  readonly #publish: (notice: string) => Promise<unknown>;
  readonly #log: Logger;
  #rooms = new Set<string>();
  #all = false;
  #timer: NodeJS.Timeout | undefined;

  constructor(namespace: string, publish: (notice: string) => Promise<unknown>, log: Logger) {
    this.#namespace = namespace;
    this.#publish = publish;
    this.#log = log;
  }

  /** A publish that failed, as the Socket.IO adapter made it: (channel, message). */
  add([channel, message]: unknown[]): void {
    const rooms = roomsOf(this.#namespace, channel, message);
    if (rooms === '*') this.#all = true;
    else for (const room of rooms) this.#rooms.add(room);
    this.#schedule();
  }

  /** Sends the notice now (the publisher is back); on failure, again every second. */
  notify(): void {
    if (!this.#all && this.#rooms.size === 0) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const notice: Notice = { from: this.#node, rooms: this.#all ? '*' : [...this.#rooms] };
    const sent = { all: this.#all, rooms: this.#rooms };
    this.#all = false;
    this.#rooms = new Set();
    this.#publish(JSON.stringify(notice)).then(
      () => this.#log.info({ rooms: notice.rooms }, 'told the other nodes which pushes they missed'),
      () => {
        // Still unreachable: keep what was lost (and whatever was lost since) for the next try.
        this.#all ||= sent.all;
        for (const room of sent.rooms) this.#rooms.add(room);
        this.#schedule();
      },
    );
  }

  /** The rooms another node's notice asks this node to resync; null for its own or a bad one. */
  roomsToResync(raw: string): string[] | '*' | null {
    let notice: Partial<Notice>;
    try {
      notice = JSON.parse(raw) as Partial<Notice>;
    } catch {
      return null;
    }
    if (notice.from === this.#node) return null;
    if (notice.rooms === '*') return '*';
    if (!Array.isArray(notice.rooms)) return null;
    return notice.rooms.filter((room): room is string => typeof room === 'string');
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #schedule(): void {
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      this.notify();
    }, RETRY_MS);
    this.#timer.unref();
  }
}

/**
 * The rooms a failed publish was meant for. A broadcast to one room names it in its channel;
 * a request (a removal's disconnect) names its rooms in its JSON. Anything else may have been
 * for anyone: '*'.
 */
export function roomsOf(namespace: string, channel: unknown, message: unknown): string[] | '*' {
  if (typeof channel !== 'string') return '*';
  const broadcast = `${namespace}#/#`;
  if (channel.startsWith(broadcast)) {
    const room = channel.slice(broadcast.length, -1);
    return channel.endsWith('#') && room.length > 0 ? [room] : '*';
  }
  if (channel.startsWith(`${namespace}-request#`) && typeof message === 'string') {
    try {
      const rooms = (JSON.parse(message) as { opts?: { rooms?: unknown } }).opts?.rooms;
      if (Array.isArray(rooms) && rooms.length > 0 && rooms.every((r) => typeof r === 'string')) {
        return rooms as string[];
      }
    } catch {
      return '*';
    }
  }
  return '*';
}
