import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shortDate } from '../core/forward-check.ts';
import { addDays, addMonths, localDateOf } from '../core/time-window.ts';
import type { ChallengeView } from '../core/types.ts';
import { runCli } from './helpers/profile-cli.ts';
import { removeTempDirs } from './helpers/profile-dirs.ts';
import { countIn, newChallenge, pair } from './helpers/profile-pack.ts';
import type { Pair } from './helpers/profile-pack.ts';
import { startTestRelay } from './helpers/profile-relay.ts';
import type { TestRelay } from './helpers/profile-relay.ts';

/**
 * `wolfpack log forward_appointment --meeting DATE` against a real relay: a date that counts in
 * no running challenge is still logged (exit 0), and stderr says why it counts nowhere.
 */

let relay: TestRelay;
let pack: Pair;
let challenge: ChallengeView;
// The test pack's zone is UTC.
const today = localDateOf(Date.now(), 'UTC');

beforeAll(async () => {
  relay = await startTestRelay();
  pack = await pair(relay.url);
  challenge = await newChallenge(
    pack.alex,
    '--metric',
    'forward_appointment',
    '--horizon',
    '1mo',
    '--title',
    'Bookings sprint',
  );
});

afterAll(async () => {
  await relay.close();
  await removeTempDirs();
});

const logMeeting = (date: string, profile = pack.alex) =>
  runCli(['log', 'forward_appointment', '--meeting', date, '--profile', profile]);

describe('wolfpack log warns about a meeting date that counts nowhere', () => {
  it('says nothing for a date inside the horizon, and the log counts', async () => {
    const run = await logMeeting(addDays(today, 7));
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^Logged 1 forward appointment\. .*: you 1, Sam 0$/m);
    expect(await countIn(pack.alex, challenge.id, pack.alexId)).toBe(1);
  });

  it('warns on stderr for a date beyond the horizon; the log is made but counts in none', async () => {
    const horizon = challenge.horizon;
    if (!horizon) throw new Error('the challenge was made without a horizon');
    // The horizon runs a month past the window's last day (tomorrow); its end is exclusive.
    expect(horizon.to).toBe(addDays(addMonths(addDays(today, 1), 1), 1));
    const run = await logMeeting(horizon.to);
    expect(run.code).toBe(0);
    expect(run.stderr.trim()).toBe(
      'wolfpack: This meeting date is outside every running challenge: Bookings sprint counts meetings ' +
        `up to ${shortDate(addDays(horizon.to, -1), today)}. It will be logged but count in none.`,
    );
    expect(run.stdout).toMatch(/^Logged 1 forward appointment\./);
    expect(await countIn(pack.alex, challenge.id, pack.alexId)).toBe(1);
  });

  it('warns for a date in the past, before the horizon opens', async () => {
    const run = await logMeeting(addDays(today, -3));
    expect(run.code).toBe(0);
    expect(run.stderr.trim()).toMatch(
      /^wolfpack: This meeting date has passed and is outside every running challenge: Bookings sprint counts meetings from .+ to .+\. It will be logged but count in none\.$/,
    );
    expect(await countIn(pack.alex, challenge.id, pack.alexId)).toBe(1);
  });

  it('still warns about a past date with the relay unreachable, and queues the log', async () => {
    const own = await startTestRelay();
    const offline = await pair(own.url);
    await own.close();
    const run = await logMeeting(addDays(today, -2), offline.alex);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Relay unreachable: queued 1 forward appointment \(1 waiting\)/);
    expect(run.stderr.trim()).toBe(
      `wolfpack: This meeting date (${shortDate(addDays(today, -2), today)}) has passed: a forward ` +
        'appointment is for a meeting still to come. It will be logged.',
    );
  });
});
