import { applyDelta, decideResult, raceFinished } from '../core/tally.ts';
import type { Challenge, ChallengeView, FeedEntry, Member, Pack } from '../core/types.ts';
import type { ParticipantRow, Queries } from './storage/types.ts';
import { toView } from './views.ts';

/**
 * What one batch changed, pushed after the transaction commits (never before: a rollback pushes
 * nothing). Sequence numbers are known only then: the inserts ride with the commit.
 */
export interface BatchEffects {
  /** Rows known now, or (tallies moved without reading them) once the transaction has sent them. */
  standings: Map<
    string,
    { challenge: Challenge; rows: ParticipantRow[] | PromiseLike<ParticipantRow[]>; seq: PromiseLike<number> }
  >;
  feed: { entry: Omit<FeedEntry, 'seq'>; seq: PromiseLike<number> }[];
  ended: ChallengeView[];
}

/** One member's batch inside its transaction: what it has read once, and what it will push. */
export class Batch {
  readonly effects: BatchEffects = { standings: new Map(), feed: [], ended: [] };
  #open: Challenge[] | null = null;
  readonly q: Queries;
  readonly pack: Pack;
  readonly member: Member;
  readonly receivedAt: number;

  constructor(q: Queries, pack: Pack, member: Member, receivedAt: number) {
    this.q = q;
    this.pack = pack;
    this.member = member;
    this.receivedAt = receivedAt;
  }

  /** Loaded once per batch, and only when an event is actually new. */
  async openChallenges(): Promise<Challenge[]> {
    this.#open ??= await this.q.listOpenChallenges(this.pack.id);
    return this.#open;
  }

  async adjust(challenge: Challenge, delta: number, seq: PromiseLike<number>): Promise<void> {
    // No race can end here: the tally moves without being read (the storage offers that only
    // where it saves a round trip), and the rows come back with the commit.
    if (this.q.addToTally && challenge.format !== 'race') {
      const rows = this.q.addToTally(challenge.id, this.member.id, delta, this.receivedAt, challenge.target);
      this.effects.standings.set(challenge.id, { challenge, rows, seq });
      return;
    }
    const known = this.effects.standings.get(challenge.id);
    const rows = known ? await known.rows : await this.q.participants(challenge.id);
    const index = rows.findIndex((r) => r.memberId === this.member.id);
    const row = rows[index];
    if (!row) return;
    const next = { ...applyDelta(row, delta, this.receivedAt, challenge.target), declined: row.declined };
    rows[index] = next;
    await this.q.setTally(challenge.id, next);
    this.effects.standings.set(challenge.id, { challenge, rows, seq });
    if (
      delta > 0 &&
      raceFinished(
        challenge,
        rows.filter((r) => !r.declined),
      )
    ) {
      await this.#endRace(challenge, rows);
    }
  }

  async #endRace(challenge: Challenge, rows: ParticipantRow[]): Promise<void> {
    // The conditional update makes the race end once, even when two nodes see the winning log.
    if (!(await this.q.claimStatus(challenge.id, ['scheduled', 'active'], 'ended', this.receivedAt))) return;
    // Its result is delivered to whoever connects next: it must not outlive a database crash.
    this.q.durableCommit();
    const counting = rows.filter((r) => !r.declined);
    const result = decideResult(challenge, counting, this.receivedAt, 'target');
    await this.q.storeResult(challenge.id, result);
    const ended = { ...challenge, status: 'ended' as const, endedAt: this.receivedAt };
    this.effects.ended.push(toView(ended, rows, result));
    this.#open = (this.#open ?? []).filter((c) => c.id !== challenge.id);
  }
}
