import type { Logger } from 'pino';
import type { RateLimit } from './rate-limit.ts';
import type { Storage } from './storage/types.ts';

export interface RelayOptions {
  /** Default 7420; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1; 0.0.0.0 serves the local network. */
  host?: string;
  /** SQLite file; ignored when `storage` or `databaseUrl` is given. */
  dbPath?: string;
  /** PostgreSQL (postgres://...): the storage of a relay that runs as several nodes. */
  databaseUrl?: string;
  /** Redis (redis://...): pushes, rate limits and removals reach every node. */
  redisUrl?: string;
  /** Keeps deployments that share one Redis apart (channels and keys). Default 'wolfpack'. */
  redisNamespace?: string;
  /** After a Redis outage, this node closes its sockets over this long so they catch up. Default 2 s. */
  redisResyncSpreadMs?: number;
  /** Redis commands that may wait for an answer on one connection. Default 10,000. */
  redisCommandQueue?: number;
  /**
   * How often this node looks in the database for members who left and board links revoked,
   * and cuts off its sockets of them (whether or not Redis carried the news). Default 500 ms.
   */
  revocationSweepMs?: number;
  /** 'full' syncs the disk on every commit (survives power loss); default 'normal' (survives a crash). */
  sqliteSynchronous?: 'normal' | 'full';
  storage?: Storage;
  /** Late events are accepted this long after a challenge's end. Default 60 s. */
  graceMs?: number;
  /** pino level or 'silent'. Default 'info'. */
  logLevel?: string;
  logger?: Logger;
  clock?: () => number;
  /** Per member, over all its sockets. Default 20/s with bursts of 100. */
  messageRate?: RateLimit;
  /** The built web app (`npm run build:web`); null serves none. Default: dist/web of this checkout. */
  webRoot?: string | null;
  /** Per address, for creating and joining packs. Default 1/s with bursts of 20. */
  joinRate?: RateLimit;
  /**
   * Proxies of your own in front of the relay, each appending to X-Forwarded-For: limits per
   * address then key on the address the outermost one saw. Default 0: the TCP peer, and the
   * header is ignored (anyone can write it).
   */
  trustedProxies?: number;
}
