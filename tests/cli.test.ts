import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChallengeView } from '../core/types.ts';
import { CliProcess, runCli } from './helpers/profile-cli.ts';
import { makeTempDir, removeTempDirs } from './helpers/profile-dirs.ts';
import { countIn, expectOneErrorLine, json, newChallenge, pair } from './helpers/profile-pack.ts';
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

describe('wolfpack command line', () => {
  it('creates and joins a pack, logs, and shows the count in status', async () => {
    const { alex, sam, alexId } = await pair(relay.url);
    const challenge = await newChallenge(alex);
    expect(challenge.title).toMatch(/calls/i);

    const logged = await runCli(['log', 'call', '--count', '2', '--profile', alex]);
    expect(logged.code).toBe(0);
    expect(logged.stdout.trim()).toMatch(/^Logged 2 calls\. .*: you 2, Sam 0$/);
    expect(await countIn(alex, challenge.id, alexId)).toBe(2);
    expect(await countIn(sam, challenge.id, alexId)).toBe(2);

    const text = await runCli(['status', '--profile', sam]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Alex  2');
  });

  it('lists challenges as JSON for every partner', async () => {
    const { alex, sam } = await pair(relay.url);
    const challenge = await newChallenge(alex, '--title', 'Dial-off', '--stake', 'coffee');
    const listed = json<{ challenges: ChallengeView[] }>(
      await runCli(['challenge', 'list', '--json', '--profile', sam]),
    );
    expect(listed.challenges.map((c) => [c.id, c.title, c.stake])).toEqual([
      [challenge.id, 'Dial-off', 'coffee'],
    ]);
  });

  it('takes back the last log with undo', async () => {
    const { alex, alexId } = await pair(relay.url);
    const challenge = await newChallenge(alex);
    await runCli(['log', 'call', '--count', '3', '--profile', alex]);
    await runCli(['log', 'call', '--profile', alex]);
    const undone = await runCli(['undo', '--profile', alex]);
    expect(undone.code).toBe(0);
    expect(undone.stdout).toMatch(/^Took back 1 call logged .*: you 3, Sam 0/);
    expect(await countIn(alex, challenge.id, alexId)).toBe(3);
  });

  it('queues a log while the relay is unreachable and sends it with sync once it is back', async () => {
    const dir = await makeTempDir('wolfpack-relay-');
    const dbPath = join(dir, 'relay.sqlite');
    let own = await startTestRelay({ dbPath });
    const { alex, alexId } = await pair(own.url);
    const challenge = await newChallenge(alex);
    await own.close();
    try {
      const queued = await runCli(['log', 'call', '--count', '4', '--profile', alex]);
      expect(queued.code).toBe(0);
      expect(queued.stdout).toMatch(
        /^Relay unreachable: queued 4 calls \(1 waiting\)\. It will be sent by the next `wolfpack sync`/,
      );

      const failed = await runCli(['sync', '--profile', alex]);
      expectOneErrorLine(failed, /cannot reach the relay at .*; 1 event still queued/, 1);

      own = await startTestRelay({ dbPath, port: own.port });
      const synced = await runCli(['sync', '--profile', alex]);
      expect(synced.code).toBe(0);
      expect(synced.stdout).toContain('Sent 1 event; the outbox is empty.');
      expect(await countIn(alex, challenge.id, alexId)).toBe(4);
      expect((await runCli(['sync', '--profile', alex])).stdout).toContain('Nothing to send');
    } finally {
      await own.close();
    }
  });

  it('prints a partner log in watch as it happens and exits 0 on Ctrl-C', async () => {
    const { alex, sam } = await pair(relay.url);
    await newChallenge(alex);
    const watch = new CliProcess(['watch', '--profile', sam]);
    try {
      await watch.waitFor(/Watching pack "Wolves" as Sam/);
      const logged = await runCli(['log', 'call', '--note', 'cold list', '--profile', alex]);
      expect(logged.code).toBe(0);
      await watch.waitFor(/Alex logged 1 call: cold list/);
      await watch.waitFor(/: you 0, Alex 1/);
    } finally {
      expect(await watch.stop('SIGINT')).toBe(0);
    }
    expect(watch.stderr).toBe('');
  });

  it('refuses a bad invite code with one line', async () => {
    const sam = await makeTempDir('wolfpack-sam-');
    const run = await runCli([
      'pack',
      'join',
      '--server',
      relay.url,
      '--invite',
      'NOPE-NOPE',
      '--as',
      'Sam',
      '--profile',
      sam,
    ]);
    expectOneErrorLine(run, /that invite code is not valid/);
  });

  it('says so when the relay cannot be reached for pack join', async () => {
    const sam = await makeTempDir('wolfpack-sam-');
    const run = await runCli([
      'pack',
      'join',
      '--server',
      'http://127.0.0.1:9',
      '--invite',
      'X',
      '--as',
      'Sam',
      '--profile',
      sam,
    ]);
    expectOneErrorLine(run, /cannot reach the relay at http:\/\/127\.0\.0\.1:9/, 1);
  });

  it('tells a profile that has not joined yet what to run', async () => {
    const empty = await makeTempDir('wolfpack-empty-');
    expectOneErrorLine(await runCli(['status', '--profile', empty]), /run `wolfpack pack join`.* first/, 1);
  });

  it('names a broken config.json instead of printing a stack trace', async () => {
    const broken = await makeTempDir('wolfpack-broken-');
    await writeFile(join(broken, 'config.json'), '{"relayUrl": ');
    expectOneErrorLine(
      await runCli(['log', 'call', '--profile', broken]),
      /config\.json is not valid JSON/,
      1,
    );
  });

  it('finds the profile through WOLFPACK_HOME', async () => {
    const { alex } = await pair(relay.url);
    const run = await runCli(['pack', 'info', '--json'], { WOLFPACK_HOME: alex });
    const info = json<{ pack: { name: string }; inviteCode: string | null; profile: string }>(run);
    expect(info).toMatchObject({ pack: { name: 'Wolves' }, profile: alex });
    expect(info.inviteCode).not.toBeNull();
  });

  it('prints help for a command and exits 0', async () => {
    const run = await runCli(['challenge', 'new', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: wolfpack challenge new --metric METRIC');
  });

  it('runs a relay with `wolfpack server` and stops it cleanly on SIGTERM', async () => {
    const dir = await makeTempDir('wolfpack-server-');
    const server = new CliProcess([
      'server',
      '--port',
      '0',
      '--db',
      join(dir, 'relay.sqlite'),
      '--log-level',
      'silent',
    ]);
    try {
      const [, url] = await server.waitFor(
        /Wolfpack relay listening on (http:\/\/127\.0\.0\.1:\d+) \(data: .*relay\.sqlite\)/,
      );
      const health = await fetch(`${url}/healthz`);
      expect(await health.json()).toEqual({ ok: true });
    } finally {
      expect(await server.stop('SIGTERM')).toBe(0);
    }
  });
});

describe('wolfpack challenges, results and pack admin', () => {
  it('shows a race result once in status, then keeps it in history', async () => {
    const { alex, sam } = await pair(relay.url);
    const race = await newChallenge(alex, '--race', '2', '--title', 'First to two');
    await runCli(['log', 'call', '--count', '2', '--profile', alex]);

    const first = await runCli(['status', '--profile', sam]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Results:\n  First to two: Alex won 2 to 0 (+2)');
    const second = json<{ results: ChallengeView[] }>(await runCli(['status', '--json', '--profile', sam]));
    expect(second.results).toEqual([]);

    const history = json<{ items: ChallengeView[] }>(await runCli(['history', '--json', '--profile', sam]));
    expect(history.items.map((c) => [c.id, c.result?.winners])).toEqual([[race.id, [race.creatorId]]]);
    const text = await runCli(['history', '--profile', alex]);
    expect(text.stdout).toMatch(/First to two: You won 2 to 0 \(\+2\)/);
  });

  it('declines and cancels by an id prefix', async () => {
    const { alex, sam } = await pair(relay.url);
    const declined = await newChallenge(alex, '--title', 'Declined one');
    const cancelled = await newChallenge(alex, '--title', 'Cancelled one');
    const decline = await runCli(['challenge', 'decline', declined.id.slice(0, 8), '--profile', sam]);
    expect(decline.stdout).toContain('Declined: Declined one');
    const cancel = await runCli(['challenge', 'cancel', cancelled.id.slice(0, 6), '--profile', alex]);
    expect(cancel.stdout).toContain('Cancelled: Cancelled one');
    // With its only rival gone, the declined challenge is called off too.
    const listed = json<{ challenges: ChallengeView[] }>(
      await runCli(['challenge', 'list', '--json', '--profile', alex]),
    );
    expect(listed.challenges).toEqual([]);
  });

  it("lets a partner log a metric the owner added after the partner's last visit", async () => {
    const { alex, sam } = await pair(relay.url);
    await runCli(['status', '--profile', sam]);
    const added = await runCli(['metric', 'add', 'demo', '--label', 'Demos', '--profile', alex]);
    expect(added.stdout).toContain('Added metric demo (Demos)');
    const logged = await runCli(['log', 'demo', '--profile', sam]);
    expect(logged.code).toBe(0);
    expect(logged.stdout).toMatch(/^Logged 1 demo/);
  });

  it('rotates the invite, removes a member and lets the owner leave', async () => {
    const { alex, sam, relayUrl } = await pair(relay.url);
    const old = json<{ inviteCode: string }>(
      await runCli(['pack', 'info', '--json', '--profile', alex]),
    ).inviteCode;
    const rotated = json<{ inviteCode: string }>(
      await runCli(['pack', 'rotate-invite', '--json', '--profile', alex]),
    );
    expect(rotated.inviteCode).not.toBe(old);
    const late = await makeTempDir('wolfpack-late-');
    const refused = await runCli([
      'pack',
      'join',
      '--server',
      relayUrl,
      '--invite',
      old,
      '--as',
      'Lee',
      '--profile',
      late,
    ]);
    expectOneErrorLine(refused, /that invite code is not valid/);

    const removed = await runCli(['pack', 'remove', 'SAM', '--profile', alex]);
    expect(removed.stdout).toContain('Removed Sam from "Wolves"');
    expectOneErrorLine(await runCli(['status', '--profile', sam]), /no longer accepts this profile/, 1);

    const left = await runCli(['pack', 'leave', '--profile', alex]);
    expect(left.code).toBe(0);
    expectOneErrorLine(await runCli(['status', '--profile', alex]), /has not joined a pack yet/, 1);
  });
});
