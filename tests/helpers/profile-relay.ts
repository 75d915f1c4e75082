import { join } from 'node:path';
import type { Subscribable } from '../../client/emitter.ts';
import type { SessionEvents } from '../../client/session-events.ts';
import { createPack, joinPack } from '../../client/http.ts';
import { writeConfig } from '../../client/profile.ts';
import type { ProfileConfig } from '../../client/profile.ts';
import type { JoinResponse } from '../../core/protocol.ts';
import { startRelay } from '../../server/relay.ts';
import { makeTempDir } from './profile-dirs.ts';

export interface TestRelay {
  url: string;
  port: number;
  dbPath: string;
  close(): Promise<void>;
}

/** A real relay on a free (or the given) port with a SQLite file in a temp folder. */
export async function startTestRelay(options: { dbPath?: string; port?: number } = {}): Promise<TestRelay> {
  const dbPath = options.dbPath ?? join(await makeTempDir('wolfpack-relay-'), 'relay.sqlite');
  const relay = await startRelay({
    port: options.port ?? 0,
    dbPath,
    logLevel: 'silent',
    // Tests create many packs from one address; the real limit guards against guessing invite codes.
    joinRate: { perSecond: 1000, burst: 1000 },
  });
  return { url: relay.url, port: relay.port, dbPath, close: () => relay.close() };
}

export interface TestMember {
  dir: string;
  config: ProfileConfig;
  joined: JoinResponse;
}

function profileConfig(relayUrl: string, joined: JoinResponse): ProfileConfig {
  return {
    relayUrl,
    token: joined.token,
    packId: joined.pack.id,
    packName: joined.pack.name,
    memberId: joined.member.id,
    displayName: joined.member.displayName,
  };
}

/** Creates a pack (time zone UTC) and a profile folder for its owner. */
export async function ownerProfile(relayUrl: string, displayName = 'Alex'): Promise<TestMember> {
  const dir = await makeTempDir('wolfpack-profile-');
  const joined = await createPack(relayUrl, { name: 'Wolves', timeZone: 'UTC', displayName });
  const config = profileConfig(relayUrl, joined);
  await writeConfig(dir, config);
  return { dir, config, joined };
}

export async function memberProfile(
  relayUrl: string,
  owner: TestMember,
  displayName = 'Sam',
): Promise<TestMember> {
  const dir = await makeTempDir('wolfpack-profile-');
  const joined = await joinPack(relayUrl, { inviteCode: owner.joined.inviteCode ?? '', displayName });
  const config = profileConfig(relayUrl, joined);
  await writeConfig(dir, config);
  return { dir, config, joined };
}

/** Resolves with the next event that matches; fails after a timeout instead of hanging the suite. */
export function nextEvent<K extends keyof SessionEvents>(
  source: Subscribable<SessionEvents>,
  name: K,
  matches: (payload: SessionEvents[K]) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<SessionEvents[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no matching "${String(name)}" event within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = source.on(name, (payload) => {
      if (!matches(payload)) return;
      clearTimeout(timer);
      off();
      resolve(payload);
    });
  });
}
