import { mkdir } from 'node:fs/promises';
import type { ChallengeView, Snapshot } from '../core/types.ts';
import { LockBusyError } from '../client/file-lock.ts';
import { Mirror } from '../client/mirror.ts';
import { attachMirror } from '../client/mirror-binding.ts';
import { Outbox, OutboxCorruptError } from '../client/outbox.ts';
import { CacheStore, followRewrites, withMetric, withSnapshot } from '../client/profile-cache.ts';
import type { ProfileCache } from '../client/profile-cache.ts';
import { ProfileError, profilePaths, readConfig, resolveProfileDir } from '../client/profile.ts';
import type { ProfileConfig, ProfilePaths } from '../client/profile.ts';
import { RelayError, isRelayError } from '../client/relay-error.ts';
import { RelaySession } from '../client/session.ts';
import type { CliContext } from './context.ts';
import { CliError, UnreachableError } from './errors.ts';
import type { RelayPlace } from './errors.ts';

export function profileDirFor(ctx: CliContext, flag: string | undefined): string {
  return resolveProfileDir({
    flag,
    env: ctx.env,
    cwd: ctx.cwd,
    platform: ctx.platform,
    homedir: ctx.homedir,
  });
}

/** A profile that has joined a pack: its files, its membership and its cache. */
export interface Membership {
  paths: ProfilePaths;
  config: ProfileConfig;
  cache: CacheStore;
}

export async function loadMembership(ctx: CliContext, profileFlag: string | undefined): Promise<Membership> {
  const paths = profilePaths(profileDirFor(ctx, profileFlag));
  const config = await readProfile(paths.dir);
  if (!config) {
    throw new CliError(
      `the profile ${paths.dir} has not joined a pack yet; run \`wolfpack pack join\` (or \`wolfpack pack create\`) first`,
    );
  }
  return { paths, config, cache: await CacheStore.load(paths.dir) };
}

export async function readProfile(dir: string): Promise<ProfileConfig | null> {
  try {
    return await readConfig(dir);
  } catch (error) {
    if (error instanceof ProfileError) throw new CliError(error.message);
    throw error;
  }
}

/**
 * A command holds the lock while it talks to the relay, mostly well under a second; the desktop
 * app holds it for as long as it runs, so a longer wait would mostly delay the same advice.
 */
const LOCK_WAIT_MS = 1_500;

export async function openOutbox(paths: ProfilePaths, lockTimeoutMs = LOCK_WAIT_MS): Promise<Outbox> {
  await mkdir(paths.dir, { recursive: true, mode: 0o700 });
  try {
    return await Outbox.open(paths.outbox, { lock: { timeoutMs: lockTimeoutMs } });
  } catch (error) {
    if (error instanceof LockBusyError) {
      throw new CliError(
        `the profile ${paths.dir} is held by another Wolfpack process (pid ${error.pid}), such as the desktop app: ` +
          'use a different --profile, or quit the desktop app and try again',
      );
    }
    if (error instanceof OutboxCorruptError) throw new CliError(error.message);
    throw error;
  }
}

export interface Live {
  session: RelaySession;
  mirror: Mirror;
  /** Results surfaced so far (with `results: true`), each once across runs. */
  results: ChallengeView[];
  /** Waits for the relay's snapshot; fails fast with a one-line CliError when it cannot be had. */
  online(timeoutMs: number): Promise<Snapshot>;
  close(): Promise<void>;
}

export interface LiveOptions {
  outbox?: Outbox | null;
  /** Surface (and acknowledge) challenge results; only for commands that show them. */
  results?: boolean;
  requestTimeoutMs?: number;
}

/** Starts connecting at once; the caller decides how long to wait with `online`. */
export function startLive(membership: Membership, options: LiveOptions = {}): Live {
  const { config, cache } = membership;
  const session = new RelaySession({
    url: config.relayUrl,
    alternates: config.alternates ?? [],
    token: config.token,
    outbox: options.outbox ?? null,
    results: options.results
      ? {
          hasShown: (id) => cache.hasShown(id),
          markShown: async (id) => {
            cache.markShown(id);
            await cache.save();
          },
        }
      : null,
    requestTimeoutMs: options.requestTimeoutMs ?? 5_000,
  });
  const mirror = new Mirror();
  attachMirror(session, mirror);
  const results: ChallengeView[] = [];
  session.on('result', (view) => results.push(view));
  session.on('snapshot', (snapshot) => cache.update((c) => withSnapshot(c, snapshot)));
  followRewrites(session, cache);
  // Saved at once: a `watch` runs for hours, and the next `log` offline should know the metric.
  const learn = (change: (c: ProfileCache) => ProfileCache) => {
    cache.update(change);
    void cache.save().catch(() => undefined);
  };
  session.on('metric', (metric) => learn((c) => withMetric(c, metric)));
  session.on('pack', (pack) => learn((c) => ({ ...c, pack })));
  session.start();
  return {
    session,
    mirror,
    results,
    async online(timeoutMs) {
      try {
        return await session.whenOnline(timeoutMs, true);
      } catch (error) {
        throw relayFailure(error, membership);
      }
    },
    async close() {
      await session.close();
      await options.outbox?.close();
      await cache.save();
    },
  };
}

/** Every address this profile tries, preferred first, and the file that holds them. */
export function relayPlace({ config, paths }: Membership): RelayPlace {
  return { urls: [config.relayUrl, ...(config.alternates ?? [])], configFile: paths.config };
}

/** One line for a relay failure, in words a user can act on. */
export function relayFailure(error: unknown, membership: Membership): CliError {
  if (!isRelayError(error)) return new CliError(error instanceof Error ? error.message : String(error));
  const { relayUrl } = membership.config;
  switch (error.code) {
    case 'unreachable':
    case 'offline':
      return new UnreachableError(relayPlace(membership));
    case 'unauthorized':
      return new CliError(`the relay at ${relayUrl} no longer accepts this profile (${error.message})`);
    default:
      return new CliError(error.message);
  }
}

/** A request whose failure becomes one line; usage-like refusals exit 2. */
export async function ask<T>(membership: Membership, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    const failure = relayFailure(error, membership);
    const usage =
      error instanceof RelayError && ['bad_request', 'unknown_metric', 'unknown_member'].includes(error.code);
    throw usage ? new CliError(failure.message, 2) : failure;
  }
}

/** Connects (sending any queued logs on the way), runs the body, always disconnects. */
export async function withRelay<T>(
  ctx: CliContext,
  profile: string | undefined,
  body: (live: Live, membership: Membership, snapshot: Snapshot) => Promise<T>,
  options: { results?: boolean; timeoutMs?: number } = {},
): Promise<T> {
  const membership = await loadMembership(ctx, profile);
  const live = startLive(membership, {
    outbox: await openOutbox(membership.paths),
    results: options.results ?? false,
  });
  try {
    const snapshot = await live.online(options.timeoutMs ?? 5_000);
    return await body(live, membership, snapshot);
  } finally {
    await live.close();
  }
}
