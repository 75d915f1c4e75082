/** Making a fresh profile a member: reaching the relay, and writing what the pack sent back. */
import { mkdir } from 'node:fs/promises';
import type { JoinResponse } from '../../core/protocol.ts';
import { emptyCache, writeCache } from '../../client/profile-cache.ts';
import { writeConfig } from '../../client/profile.ts';
import { isRelayError } from '../../client/relay-error.ts';
import { CliError, unreachableMessage } from '../errors.ts';
import { readProfile } from '../live.ts';
import { shown } from '../render.ts';

/** Tries each address in turn until one answers; the one that did becomes the preferred one. */
export async function firstReachable<T>(
  urls: string[],
  call: (url: string) => Promise<T>,
): Promise<{ url: string; result: T }> {
  for (const [i, url] of urls.entries()) {
    try {
      return { url, result: await call(url) };
    } catch (error) {
      if (!isRelayError(error) || error.code !== 'unreachable' || i === urls.length - 1) throw error;
    }
  }
  throw new CliError('no relay address given');
}

/** A profile belongs to one member of one pack; a second membership needs a second profile. */
export async function ensureEmptyProfile(dir: string): Promise<void> {
  const existing = await readProfile(dir);
  if (existing) {
    throw new CliError(
      `the profile ${dir} already belongs to ${shown(existing.displayName)} in pack "${shown(existing.packName)}"; use another --profile DIR (or \`wolfpack pack leave\` first)`,
    );
  }
}

export async function saveMembership(
  dir: string,
  relayUrl: string,
  urls: string[],
  joined: JoinResponse,
): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const alternates = urls.filter((u) => u !== relayUrl);
  await writeConfig(dir, {
    relayUrl,
    ...(alternates.length > 0 ? { alternates } : {}),
    token: joined.token,
    packId: joined.pack.id,
    packName: joined.pack.name,
    memberId: joined.member.id,
    displayName: joined.member.displayName,
  });
  await writeCache(dir, {
    ...emptyCache(),
    pack: joined.pack,
    youId: joined.member.id,
    members: [joined.member],
  });
}

/** `urls` are the --server addresses tried, for the advice when none of them answered. */
export async function httpCall<T>(urls: readonly string[], call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!isRelayError(error)) throw error;
    if (error.code === 'unreachable') throw new CliError(unreachableMessage({ urls, configFile: null }));
    const usage = error.code === 'bad_request' || error.code === 'invite_invalid';
    throw new CliError(error.message, usage ? 2 : 1);
  }
}
