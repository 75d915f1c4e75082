import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireLock } from '../client/file-lock.ts';
import { profilePaths } from '../client/profile.ts';
import { openOutbox } from '../cli/live.ts';
import { runCli } from './helpers/profile-cli.ts';
import { removeTempDirs } from './helpers/profile-dirs.ts';
import { expectOneErrorLine, pair } from './helpers/profile-pack.ts';
import type { Pair } from './helpers/profile-pack.ts';
import { startTestRelay } from './helpers/profile-relay.ts';
import type { TestRelay } from './helpers/profile-relay.ts';

let relay: TestRelay;
let shared: Promise<Pair>;

beforeAll(async () => {
  relay = await startTestRelay();
  shared = pair(relay.url);
});

afterAll(async () => {
  await relay.close();
  await removeTempDirs();
});

async function expectNothingQueued(profile: string): Promise<void> {
  const synced = await runCli(['sync', '--profile', profile]);
  expect(synced.stdout).toContain('Nothing to send');
}

describe('wolfpack command line refusals', () => {
  it.each([
    ['an unknown metric', ['log', 'dials'], /unknown metric "dials"; this pack counts call, /],
    [
      'a meeting date that is not on the calendar',
      ['log', 'forward_appointment', '--meeting', '2026-02-30'],
      /meeting date must be a real date like 2026-03-31, not "2026-02-30" \(--meeting DATE\)$/,
    ],
    [
      'a missing meeting date',
      ['log', 'forward_appointment'],
      /: a forward appointment needs the date of the booked meeting: add --meeting \d{4}-\d\d-\d\d$/,
    ],
    [
      'a meeting date on a metric without one',
      ['log', 'call', '--meeting', '2026-04-01'],
      /--meeting is only for metrics that carry a meeting date, and calls do not$/,
    ],
    [
      'a note that is too long',
      ['log', 'call', '--note', 'x'.repeat(501)],
      /the note must be at most 500 characters, not 501 \(--note TEXT\)$/,
    ],
    [
      'a count that is not a positive whole number',
      ['log', 'call', '--count', '-2'],
      /--count must be a whole number from 1 to 1000, not "-2"$/,
    ],
    [
      'an unknown member',
      ['challenge', 'new', '--metric', 'call', '--period', 'this-week', '--with', 'Bob'],
      /no member named Bob in this pack/,
    ],
    [
      'a malformed period',
      ['challenge', 'new', '--metric', 'call', '--period', 'next-week'],
      /--period must be/,
    ],
    [
      'both --race and --goal',
      ['challenge', 'new', '--metric', 'call', '--period', 'today', '--race', '5', '--goal', '5'],
      /one of --race/,
    ],
    ['an unknown option', ['status', '--verbose'], /unknown option --verbose/],
    [
      'a relay told to trust a proxy count that is not a number',
      ['server', '--port', '0', '--trust-proxies', 'two'],
      /--trust-proxies must be a number of proxies from 0 to 10, not "two"/,
    ],
  ])('refuses %s with one line, exit 2, and queues nothing', async (_what, args, pattern) => {
    const { alex } = await shared;
    expectOneErrorLine(await runCli([...args, '--profile', alex]), pattern, 2);
    await expectNothingQueued(alex);
  });
});

describe('a profile another Wolfpack process holds', () => {
  it('names the holding process and what to do, after a short wait, and logs once it is free', async () => {
    const { sam } = await shared;
    // This test process stands in for the desktop app: alive, and holding the outbox lock.
    const held = await acquireLock(`${profilePaths(sam).outbox}.lock`);
    let run;
    const started = Date.now();
    try {
      run = await runCli(['log', 'call', '--profile', sam]);
    } finally {
      await held.release();
    }
    // Formerly 5 s of silence; the spawn itself takes well under a second.
    expect(Date.now() - started).toBeLessThan(4_000);
    expectOneErrorLine(
      run,
      new RegExp(
        `^wolfpack: the profile ${sam} is held by another Wolfpack process \\(pid ${process.pid}\\), ` +
          'such as the desktop app: use a different --profile, or quit the desktop app and try again$',
      ),
      1,
    );
    await expectNothingQueued(sam);
    const logged = await runCli(['log', 'call', '--profile', sam]);
    expect(logged.stdout).toMatch(/^Logged 1 call\./);
  });

  it('gives up on the lock within 2 seconds', async () => {
    const { alex } = await shared;
    const paths = profilePaths(alex);
    const held = await acquireLock(`${paths.outbox}.lock`);
    try {
      const started = Date.now();
      await expect(openOutbox(paths)).rejects.toThrow(/held by another Wolfpack process/);
      expect(Date.now() - started).toBeLessThanOrEqual(2_000);
    } finally {
      await held.release();
    }
  });
});
