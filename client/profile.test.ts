import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../core/uuid.ts';
import { makeTempDir, removeTempDirs } from '../tests/helpers/profile-dirs.ts';
import { buildUndoEvent } from './activity.ts';
import { createEmitter } from './emitter.ts';
import { CacheStore, followRewrites, readCache, withMetric } from './profile-cache.ts';
import type { SessionEvents } from './session-events.ts';
import { ProfileError, defaultProfileDir, readConfig, resolveProfileDir, writeConfig } from './profile.ts';
import type { ProfileConfig } from './profile.ts';

afterEach(removeTempDirs);

const config: ProfileConfig = {
  relayUrl: 'http://127.0.0.1:7420',
  token: 'secret-token',
  packId: 'p1',
  packName: 'Wolves',
  memberId: 'm1',
  displayName: 'Alex',
};

describe('profile folder', () => {
  it.each([
    ['linux', { XDG_CONFIG_HOME: '/xdg' }, '/home/a', '/xdg/wolfpack'],
    ['linux', {}, '/home/a', '/home/a/.config/wolfpack'],
    // A relative XDG_CONFIG_HOME is invalid by the spec and ignored.
    ['linux', { XDG_CONFIG_HOME: 'rel' }, '/home/a', '/home/a/.config/wolfpack'],
    ['darwin', {}, '/Users/a', '/Users/a/Library/Application Support/Wolfpack'],
    [
      'win32',
      { APPDATA: 'C:\\Users\\a\\AppData\\Roaming' },
      'C:\\Users\\a',
      'C:\\Users\\a\\AppData\\Roaming\\Wolfpack',
    ],
  ] as const)('on %s with %o is %s', (platform, env, homedir, expected) => {
    expect(defaultProfileDir({ platform, env, homedir })).toBe(expected);
  });

  it('prefers --profile, then WOLFPACK_HOME, both relative to where the user ran the command', () => {
    const base = { platform: 'linux' as const, homedir: '/home/a', cwd: '/work/here' };
    expect(resolveProfileDir({ ...base, flag: 'p', env: { WOLFPACK_HOME: '/elsewhere' } })).toBe(
      '/work/here/p',
    );
    expect(resolveProfileDir({ ...base, env: { WOLFPACK_HOME: 'home2' } })).toBe('/work/here/home2');
    expect(resolveProfileDir({ ...base, env: { WOLFPACK_HOME: '' } })).toBe('/home/a/.config/wolfpack');
  });
});

describe('config.json', () => {
  it('round-trips, readable by the owner only', async () => {
    const dir = await makeTempDir();
    expect(await readConfig(dir)).toBeNull();
    await writeConfig(dir, config);
    expect(await readConfig(dir)).toEqual(config);
    if (process.platform !== 'win32') expect((await stat(join(dir, 'config.json'))).mode & 0o777).toBe(0o600);
  });

  it.each([
    ['not JSON', '{"relayUrl": ', /config\.json is not valid JSON/],
    [
      'missing a token',
      JSON.stringify({ ...config, token: undefined }),
      /config\.json is not a Wolfpack profile \(token:/,
    ],
  ])('names the file when it is %s', async (_what, text, message) => {
    const dir = await makeTempDir();
    await writeFile(join(dir, 'config.json'), text);
    const failure = readConfig(dir);
    await expect(failure).rejects.toBeInstanceOf(ProfileError);
    await expect(failure).rejects.toThrow(message);
  });
});

describe('cache.json', () => {
  it('starts afresh when damaged, since everything in it can be fetched again', async () => {
    const dir = await makeTempDir();
    await writeFile(join(dir, 'cache.json'), '{{{');
    const cache = await readCache(dir);
    expect(cache.metrics.map((m) => m.id)).toContain('call');
    expect(cache.recentLogs).toEqual([]);
  });

  it('remembers shown results across runs', async () => {
    const dir = await makeTempDir();
    const store = await CacheStore.load(dir);
    store.markShown('c1');
    store.markShown('c1');
    await store.save();
    const again = await CacheStore.load(dir);
    expect(again.hasShown('c1')).toBe(true);
    expect(JSON.parse(await readFile(join(dir, 'cache.json'), 'utf8')).shownResults).toEqual(['c1']);
  });

  it('follows a queued log to its new id on disk, in its place, so undo retracts what was stored', async () => {
    const dir = await makeTempDir();
    const store = await CacheStore.load(dir);
    const [e1, taken, e3, renamed] = [uuidv7(), uuidv7(), uuidv7(), uuidv7()];
    const logs = [e1, taken, e3].map((id) => ({ id, metric: 'call', count: 1, occurredAt: 1 }));
    store.update((c) => ({ ...c, recentLogs: logs }));
    await store.save();
    const session = createEmitter<SessionEvents>();
    followRewrites(session, store);
    const event = { id: renamed, type: 'log', metric: 'call', count: 1, occurredAt: 1 } as const;
    session.emit('reidentified', { changes: [{ from: taken, event }] });
    await store.save();

    const after = await readCache(dir);
    expect(after.recentLogs.map((l) => l.id)).toEqual([e1, renamed, e3]);
    const second = buildUndoEvent(after.recentLogs.slice(0, -1), Date.now());
    expect(second.ok && second.event.retracts).toBe(renamed);
  });

  it('keeps a log saved by another command while a long watch held the cache, so undo finds it', async () => {
    const dir = await makeTempDir();
    const watch = await CacheStore.load(dir);
    const log = await CacheStore.load(dir);
    const recent = { id: 'e1', metric: 'call', count: 2, occurredAt: 1 };
    log.update((c) => ({ ...c, recentLogs: [...c.recentLogs, recent] }));
    await log.save();
    const demo = { id: 'demo', label: 'Demos', needsMeetingDate: false, builtIn: false };
    watch.update((c) => withMetric(c, demo));
    watch.markShown('c1');
    await Promise.all([watch.save(), watch.save()]);

    const after = await readCache(dir);
    expect(after.recentLogs).toEqual([recent]);
    expect(after.metrics.map((m) => m.id)).toContain('demo');
    expect(after.shownResults).toEqual(['c1']);
    expect(watch.current.recentLogs).toEqual([recent]);
  });
});
