/**
 * What `status` last saw, so that with the relay down it can still show the standings, marked
 * as old. Kept in a file of its own: client/profile-cache.ts keeps no challenges, and its reader
 * drops fields it does not know, so they would not survive the next save by another command.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ChallengeView, EpochMs, Member, Pack } from '../core/types.ts';
import type { MetricDef } from '../core/metrics.ts';
import { writeFileAtomic } from '../client/atomic-file.ts';

export interface LastStandings {
  savedAt: EpochMs;
  pack: Pack;
  you: Member;
  members: Member[];
  metrics: MetricDef[];
  challenges: ChallengeView[];
}

function fileOf(profileDir: string): string {
  return path.join(profileDir, 'last-status.json');
}

export async function saveLastStandings(profileDir: string, standings: LastStandings): Promise<void> {
  await writeFileAtomic(fileOf(profileDir), JSON.stringify(standings) + '\n');
}

/** Null when there is none yet or it cannot be read: the standings are a convenience, never needed. */
export async function readLastStandings(profileDir: string): Promise<LastStandings | null> {
  try {
    const json = JSON.parse(await readFile(fileOf(profileDir), 'utf8')) as Partial<LastStandings>;
    const { savedAt, pack, you, members, metrics, challenges } = json;
    if (typeof savedAt !== 'number' || !pack || !you) return null;
    if (!Array.isArray(members) || !Array.isArray(metrics) || !Array.isArray(challenges)) return null;
    return { savedAt, pack, you, members, metrics, challenges };
  } catch {
    return null;
  }
}
