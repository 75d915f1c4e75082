import { randomUUID } from 'node:crypto';
import { rankStandings } from '../core/tally.ts';
import type { Challenge, ChallengeResult, Member } from '../core/types.ts';
import { SqliteStorage } from '../server/storage/sqlite.ts';

const DAY_MS = 86_400_000;

/**
 * Writes `count` ended challenges between two members straight into a relay's SQLite file, one
 * a day going back, with results as the relay would have frozen them: wins, losses and ties.
 * Both members have seen every result already, as a rep with that much history would have.
 */
export async function seedEndedChallenges(
  dbPath: string,
  a: Member,
  b: Member,
  count: number,
): Promise<void> {
  const storage = SqliteStorage.open(dbPath);
  try {
    const now = Date.now();
    for (let first = 0; first < count; first += 500) {
      await storage.transaction(async (q) => {
        for (let i = first; i < Math.min(count, first + 500); i++) {
          const end = now - (i + 1) * DAY_MS;
          const counts = [
            { memberId: a.id, count: (i * 7) % 23, reachedAt: null },
            { memberId: b.id, count: (i * 11) % 19, reachedAt: null },
          ];
          const challenge: Challenge = {
            id: randomUUID(),
            packId: a.packId,
            creatorId: i % 2 === 0 ? a.id : b.id,
            title: i % 3 === 0 ? 'Most appointments today' : 'Most calls today',
            stake: i % 5 === 0 ? 'Loser buys coffee' : null,
            metric: i % 3 === 0 ? 'appointment' : 'call',
            format: 'most',
            target: null,
            period: { kind: 'instants', start: end - DAY_MS, end },
            start: end - DAY_MS,
            end,
            horizon: null,
            participants: [a, b].map((m) => ({ memberId: m.id, declined: false })),
            status: 'ended',
            createdAt: end - DAY_MS,
            endedAt: end,
            repeat: null,
          };
          await q.insertChallenge(challenge);
          for (const row of counts) await q.setTally(challenge.id, row);
          await q.storeResult(challenge.id, resultOf(challenge.id, rankStandings(counts, 'most'), end));
          for (const member of [a, b]) await q.markResultsSeen(member.id, [challenge.id], end);
        }
      });
    }
  } finally {
    await storage.close();
  }
}

function resultOf(
  challengeId: string,
  standings: ChallengeResult['standings'],
  endedAt: number,
): ChallengeResult {
  const top = standings[0]?.count ?? 0;
  const winners = top > 0 ? standings.filter((s) => s.count === top).map((s) => s.memberId) : [];
  const next = standings.find((s) => s.count < top)?.count ?? top;
  return {
    challengeId,
    reason: 'time',
    winners,
    tie: winners.length > 1,
    standings,
    margin: winners.length === 1 ? top - next : 0,
    endedAt,
  };
}
