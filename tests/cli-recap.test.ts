/**
 * `wolfpack recap` and `wolfpack streaks` against a real relay whose clock walks through a week
 * (the test pack's zone is UTC; 2026-03-02 is a Monday). The CLI's own clock is the real one: the
 * relay counts a log that claims to come from its future at its own now.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgressReport, WeeklyRecap } from '../core/progress-types.ts';
import { runCli } from './helpers/profile-cli.ts';
import { removeTempDirs } from './helpers/profile-dirs.ts';
import { expectOneErrorLine, json, pair, type Pair } from './helpers/profile-pack.ts';
import { removeDir, testRelay, type TestRelay } from './helpers/relay.ts';

const at = (day: string) => Date.parse(`${day}T10:00:00Z`);
let now = at('2026-03-04');
let relay: TestRelay;
let pack: Pair;

async function logCalls(profile: string, count: number): Promise<void> {
  const run = await runCli(['log', 'call', '--count', String(count), '--profile', profile]);
  expect(run.code, run.stderr).toBe(0);
}

beforeAll(async () => {
  relay = await testRelay({ clock: () => now });
  pack = await pair(relay.url);
  await logCalls(pack.alex, 3);
  now = at('2026-03-05');
  await logCalls(pack.alex, 2);
  await logCalls(pack.sam, 1);
  now = at('2026-03-06');
  await logCalls(pack.alex, 1);
  now = at('2026-03-09');
  await logCalls(pack.alex, 1);
}, 60_000);
afterAll(async () => {
  await relay?.close();
  if (relay) removeDir(relay.dir);
  await removeTempDirs();
});

describe('wolfpack recap', () => {
  it("prints last week per member: the week, the week before, the change and the streak at the week's end", async () => {
    const run = await runCli(['recap', '--profile', pack.alex]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('Week 2026-03-02 to 2026-03-08 (UTC), against the week from 2026-02-23');
    expect(lines).toContainEqual(expect.stringMatching(/^you\s+calls\s+6\s+0\s+\+6\s+3 days$/));
    // Sam's one Thursday did not last to Friday: no streak at the week's end.
    expect(lines).toContainEqual(expect.stringMatching(/^Sam\s+calls\s+1\s+0\s+\+1\s+0 days$/));
    expect(lines).toContain('No challenges ended that week.');
  });

  it('prints the WeeklyRecap with --json, and any day of a week names that week', async () => {
    const recap = json<WeeklyRecap>(
      await runCli(['recap', '--week', '2026-03-11', '--json', '--profile', pack.sam]),
    );
    expect(recap).toMatchObject({
      weekStart: '2026-03-09',
      weekEnd: '2026-03-15',
      previousWeekStart: '2026-03-02',
    });
    const alex = recap.members.find((m) => m.memberId === pack.alexId);
    expect(alex?.counts.find((c) => c.metric === 'call')).toEqual({
      metric: 'call',
      week: 1,
      previousWeek: 6,
    });
  });

  it('shows a drop with a minus sign, and the streak of a week still running as of today', async () => {
    const run = await runCli(['recap', '--week', '2026-03-09', '--profile', pack.alex]);
    // Wednesday to Friday and today, Monday: the weekend did not break it.
    expect(run.stdout).toMatch(/^you\s+calls\s+1\s+6\s+-5\s+4 days$/m);
  });

  it('refuses a malformed week before asking, and a week to come with the relay’s words', async () => {
    expectOneErrorLine(
      await runCli(['recap', '--week', '2026-13-01', '--profile', pack.alex]),
      /--week.*2026-13-01/,
    );
    expectOneErrorLine(
      await runCli(['recap', '--week', '2026-03-30', '--profile', pack.alex]),
      /has not begun yet/,
    );
  });
});

describe('wolfpack streaks', () => {
  it("prints everyone's streak, target, best day and best week; --json the ProgressReport", async () => {
    const run = await runCli(['streaks', '--profile', pack.alex]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^you\s+calls\s+1\/1\s+4 days\s+4 days\s+3 on 2026-03-04\s+6 from 2026-03-02$/m,
    );
    const report = json<ProgressReport>(await runCli(['streaks', '--json', '--profile', pack.alex]));
    expect(report.today).toBe('2026-03-09');
    expect(report.members).toHaveLength(2);
  });
});
