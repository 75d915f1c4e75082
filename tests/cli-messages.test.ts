import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDateOf } from '../core/time-window.ts';
import { runCli } from './helpers/profile-cli.ts';
import { makeTempDir, removeTempDirs } from './helpers/profile-dirs.ts';
import { expectOneErrorLine, newChallenge, pair } from './helpers/profile-pack.ts';
import type { Pair } from './helpers/profile-pack.ts';
import { startTestRelay } from './helpers/profile-relay.ts';
import type { TestRelay } from './helpers/profile-relay.ts';

// Issue 12: the messages a new user hit, each asserted word for word as they read it.
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

const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

describe('metrics are named by their label', () => {
  it('asks for the meeting date of a forward appointment with the option and a date to type', async () => {
    const { alex } = await shared;
    const inAWeek = addDays(localDateOf(Date.now(), 'UTC'), 7);
    expectOneErrorLine(
      await runCli(['log', 'forward_appointment', '--profile', alex]),
      exactly(
        `wolfpack: a forward appointment needs the date of the booked meeting: add --meeting ${inAWeek}`,
      ),
    );
  });

  it('refuses --meeting on calls by saying calls carry no meeting date', async () => {
    const { alex } = await shared;
    expectOneErrorLine(
      await runCli(['log', 'call', '--meeting', '2027-01-14', '--profile', alex]),
      exactly('wolfpack: --meeting is only for metrics that carry a meeting date, and calls do not'),
    );
  });

  it('says history has nothing on calls, and refuses a metric the pack does not count', async () => {
    const { alex } = await shared;
    const none = await runCli(['history', '--metric', 'call', '--profile', alex]);
    expect(none).toMatchObject({ code: 0, stdout: 'No ended challenges on calls yet.\n', stderr: '' });
    expectOneErrorLine(
      await runCli(['history', '--metric', 'dials', '--profile', alex]),
      exactly(
        'wolfpack: unknown metric "dials"; this pack counts call, appointment, proposal, forward_appointment',
      ),
    );
  });
});

describe('options typed wrong', () => {
  it('names --tz and where to find a zone, before asking any relay', async () => {
    const dir = await makeTempDir('wolfpack-tz-');
    const args = ['pack', 'create', '--server', 'http://127.0.0.1:9', '--name', 'W', '--as', 'A'];
    expectOneErrorLine(
      await runCli([...args, '--tz', 'Berlin', '--profile', dir]),
      exactly(
        'wolfpack: --tz Berlin is not a time zone: use an IANA name like Europe/Berlin ' +
          '(see `timedatectl list-timezones` or https://en.wikipedia.org/wiki/List_of_tz_database_time_zones)',
      ),
    );
  });

  it.each(['-2', '0', '2.5', 'abc', '1001'])('says what a count is for --count %s', async (typed) => {
    const { alex } = await shared;
    expectOneErrorLine(
      await runCli(['log', 'call', '--count', typed, '--profile', alex]),
      exactly(`wolfpack: --count must be a whole number from 1 to 1000, not "${typed}"`),
    );
  });

  it('says a --period range is reversed', async () => {
    const { alex } = await shared;
    expectOneErrorLine(
      await runCli([
        'challenge',
        'new',
        '--metric',
        'call',
        '--period',
        '2027-02-10..2027-02-01',
        '--profile',
        alex,
      ]),
      exactly(
        'wolfpack: --period 2027-02-10..2027-02-01 is reversed: 2027-02-10 is after 2027-02-01; ' +
          'write the earlier date first, like 2027-02-01..2027-02-10',
      ),
    );
  });
});

describe('a relay that cannot be reached', () => {
  it('says what to check for pack join: the relay running and the --server address', async () => {
    const dir = await makeTempDir('wolfpack-sam-');
    const args = ['pack', 'join', '--server', 'http://127.0.0.1:9', '--invite', 'X', '--as', 'Sam'];
    expectOneErrorLine(
      await runCli([...args, '--profile', dir]),
      exactly(
        'wolfpack: cannot reach the relay at http://127.0.0.1:9: check that the relay is running ' +
          'and that --server is the right address',
      ),
      1,
    );
  });

  it('shows the last known standings in status, marked as such, and names the config file', async () => {
    const own = await startTestRelay();
    const { alex } = await pair(own.url);
    await newChallenge(alex);
    await runCli(['log', 'call', '--count', '2', '--profile', alex]);
    expect((await runCli(['status', '--profile', alex])).code).toBe(0);
    await own.close();

    const run = await runCli(['status', '--profile', alex]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `wolfpack: cannot reach the relay at ${own.url}: check that the relay is running and that ` +
        `the address is right (this profile keeps it in ${join(alex, 'config.json')})\n`,
    );
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^Relay unreachable: last known standings from \w{3} \d{1,2} \w{3} \d\d:\d\d\.$/,
    );
    expect(lines[1]).toBe('Pack "Wolves", you are Alex. Nothing queued.');
    expect(lines.slice(3)).toEqual([
      expect.stringMatching(/calls .* {2}\[[0-9a-f]{8}\] {2}ends in /i),
      '   1. you  2',
      '   2. Sam  0',
    ]);
  });

  it('has only the error to show in status when it never saw the standings', async () => {
    const own = await startTestRelay();
    const { sam } = await pair(own.url);
    await own.close();
    const run = await runCli(['status', '--profile', sam]);
    expectOneErrorLine(run, /^wolfpack: cannot reach the relay at .*config\.json\)$/, 1);
  });
});
