import { expect } from 'vitest';
import { addDays, localDateOf } from '../../core/time-window.ts';
import type { ChallengeView } from '../../core/types.ts';
import { runCli } from './profile-cli.ts';
import type { CliRun } from './profile-cli.ts';
import { makeTempDir } from './profile-dirs.ts';

/** A date range around today in UTC (the test packs' zone), so the test never straddles midnight. */
export function aroundToday(): string {
  const today = localDateOf(Date.now(), 'UTC');
  return `${addDays(today, -1)}..${addDays(today, 1)}`;
}

export function json<T>(run: CliRun): T {
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as T;
}

export function expectOneErrorLine(run: CliRun, pattern: RegExp, code = 2): void {
  expect(run.code).toBe(code);
  expect(run.stdout).toBe('');
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^wolfpack: /);
  expect(lines[0]).toMatch(pattern);
}

export interface Pair {
  alex: string;
  sam: string;
  alexId: string;
  relayUrl: string;
}

/** Alex creates a pack, Sam joins it, each with their own profile folder. */
export async function pair(relayUrl: string): Promise<Pair> {
  const alex = await makeTempDir('wolfpack-alex-');
  const sam = await makeTempDir('wolfpack-sam-');
  const created = json<{ inviteCode: string; profile: string; member: { id: string } }>(
    await runCli([
      'pack',
      'create',
      '--server',
      relayUrl,
      '--name',
      'Wolves',
      '--as',
      'Alex',
      '--tz',
      'UTC',
      '--json',
      '--profile',
      alex,
    ]),
  );
  expect(created.inviteCode).toMatch(/\S{6,}/);
  expect(created.profile).toBe(alex);
  const joined = await runCli([
    'pack',
    'join',
    '--server',
    relayUrl,
    '--invite',
    created.inviteCode,
    '--as',
    'Sam',
    '--profile',
    sam,
  ]);
  expect(joined.code).toBe(0);
  expect(joined.stdout).toContain('Joined pack "Wolves" as Sam');
  return { alex, sam, alexId: created.member.id, relayUrl };
}

export async function newChallenge(profile: string, ...extra: string[]): Promise<ChallengeView> {
  const run = await runCli([
    'challenge',
    'new',
    '--metric',
    'call',
    '--period',
    aroundToday(),
    '--with',
    'sam',
    '--json',
    '--profile',
    profile,
    ...extra,
  ]);
  return json<{ challenge: ChallengeView }>(run).challenge;
}

export async function countIn(
  profile: string,
  challengeId: string,
  memberId: string,
): Promise<number | undefined> {
  const status = json<{ challenges: ChallengeView[] }>(
    await runCli(['status', '--json', '--profile', profile]),
  );
  return status.challenges.find((c) => c.id === challengeId)?.standings.find((s) => s.memberId === memberId)
    ?.count;
}
