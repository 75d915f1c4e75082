import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChallengeView, FeedEntry } from '../core/types.ts';
import { CliProcess, runCli } from './helpers/profile-cli.ts';
import { removeTempDirs } from './helpers/profile-dirs.ts';
import { newChallenge, pair } from './helpers/profile-pack.ts';
import { startTestRelay } from './helpers/profile-relay.ts';
import type { TestRelay } from './helpers/profile-relay.ts';

let relay: TestRelay;

beforeAll(async () => {
  relay = await startTestRelay();
});

afterAll(async () => {
  await relay.close();
  await removeTempDirs();
});

interface Line {
  kind: string;
  payload: Record<string, unknown>;
}

describe('wolfpack watch', () => {
  it('prints one JSON object per line for the feed, standings changes and results, until SIGINT', async () => {
    const { alex, sam, alexId } = await pair(relay.url);
    const race = await newChallenge(alex, '--race', '2', '--title', 'First to two');
    const watch = new CliProcess(['watch', '--json', '--profile', sam]);
    try {
      await watch.waitFor(/"kind":"watching"/);
      const logged = await runCli(['log', 'call', '--count', '2', '--note', 'cold list', '--profile', alex]);
      expect(logged.code).toBe(0);
      await watch.waitFor(/"kind":"result"/);
    } finally {
      expect(await watch.stop('SIGINT')).toBe(0);
    }
    expect(watch.stderr).toBe('');

    const lines = watch.stdout
      .trimEnd()
      .split('\n')
      .map((text) => JSON.parse(text) as Line);
    for (const line of lines) expect(Object.keys(line)).toEqual(['kind', 'payload']);
    expect(lines[0]).toMatchObject({
      kind: 'watching',
      payload: { pack: { name: 'Wolves' }, you: { displayName: 'Sam' } },
    });
    const standings = lines
      .filter((l) => l.kind === 'standings')
      .map((l) => l.payload as unknown as ChallengeView);
    const alexCounts = standings.map((c) => c.standings.find((s) => s.memberId === alexId)?.count);
    expect(standings.every((c) => c.id === race.id)).toBe(true);
    expect(alexCounts).toEqual([0, 2]);
    const feed = lines.filter((l) => l.kind === 'feed').map((l) => l.payload as unknown as FeedEntry);
    expect(feed).toMatchObject([
      { memberId: alexId, type: 'log', metric: 'call', count: 2, note: 'cold list' },
    ]);
    const results = lines
      .filter((l) => l.kind === 'result')
      .map((l) => l.payload as unknown as ChallengeView);
    expect(results.map((c) => [c.id, c.result?.winners])).toEqual([[race.id, [alexId]]]);
  });

  it('learns a metric a partner adds while watching, shows it by its name, and remembers it offline', async () => {
    const own = await startTestRelay();
    try {
      const { alex, sam } = await pair(own.url);
      const watch = new CliProcess(['watch', '--profile', sam]);
      try {
        await watch.waitFor(/Watching pack "Wolves" as Sam/);
        await runCli(['metric', 'add', 'demo', '--label', 'Product demos', '--profile', alex]);
        await watch.waitFor(/^New metric: demo \(Product demos\)\. Log it with: wolfpack log demo$/m);
        await runCli(['log', 'demo', '--count', '2', '--profile', alex]);
        await watch.waitFor(/ Alex logged 2 product demos$/m);

        await runCli(['pack', 'leave', '--profile', alex]);
        await watch.waitFor(/^Alex left the pack$/m);
        await watch.waitFor(/^You now own the pack "Wolves"$/m);
      } finally {
        expect(await watch.stop('SIGINT')).toBe(0);
      }
      expect(watch.stderr).toBe('');

      await own.close();
      const offline = await runCli(['log', 'demo', '--count', '2', '--profile', sam]);
      expect(offline.stderr).toBe('');
      expect(offline.stdout).toMatch(/^Relay unreachable: queued 2 product demos \(1 waiting\)\./);
    } finally {
      await own.close();
    }
  });
});
