import { LIMITS } from '../../../core/limits.ts';
import type { ChallengeView, EpochMs, Member, PeriodSpec } from '../../../core/types.ts';
import { horizonMonthsOf, rematchPeriod } from './challenge-requests.ts';
import type { CreateRequest } from './challenge-requests.ts';

const HOUR_MS = 3_600_000;

const isOpen = (c: ChallengeView): boolean => c.status === 'active' || c.status === 'scheduled';
const takesPart = (c: ChallengeView, memberId: string): boolean =>
  c.participants.some((p) => p.memberId === memberId && !p.declined);

/**
 * Open challenges made before `member` joined that they are not in. The relay has no request to
 * add a member to a running challenge (core/protocol.ts), so these are what a newcomer can only
 * watch. A personal goal (one participant) is nobody else's business and is left out; so is one
 * that a later challenge with the newcomer already replaces ("Rematch with everyone" was used).
 */
export function missedChallenges(
  member: Member,
  challenges: readonly ChallengeView[],
  all: readonly ChallengeView[] = challenges,
): ChallengeView[] {
  return challenges.filter(
    (c) =>
      isOpen(c) &&
      c.createdAt < member.joinedAt &&
      !c.participants.some((p) => p.memberId === member.id) &&
      !(c.format === 'goal' && c.participants.length === 1) &&
      !replaced(c, member, all),
  );
}

/** A later open challenge of the same metric, format and target that the member is in. */
function replaced(original: ChallengeView, member: Member, challenges: readonly ChallengeView[]): boolean {
  return challenges.some(
    (c) =>
      c.id !== original.id &&
      isOpen(c) &&
      c.createdAt >= member.joinedAt &&
      c.metric === original.metric &&
      c.format === original.format &&
      c.target === original.target &&
      takesPart(c, member.id),
  );
}

export interface LeftOut {
  challenge: ChallengeView;
  /** Partners who joined after it was made and are not in it. */
  newcomers: Member[];
}

/** The challenges you are in that partners who joined later are not in, each with those partners. */
export function leftOutOf(
  members: readonly Member[],
  challenges: readonly ChallengeView[],
  youId: string,
): LeftOut[] {
  const newcomers = members.filter((m) => m.active && m.id !== youId);
  return challenges
    .filter((c) => takesPart(c, youId))
    .map((challenge) => ({
      challenge,
      newcomers: newcomers.filter((m) => missedChallenges(m, [challenge], challenges).length > 0),
    }))
    .filter((l) => l.newcomers.length > 0);
}

/**
 * A running challenge is made again from now, so nobody carries a lead the newcomer never had a
 * chance at. It ends with the original while at least an hour of it is left (half of it for a
 * shorter one): the pack races to the same finish. With less left it would be a contest of
 * minutes, so it runs as long as the original did, as a rematch does.
 */
export function everyonePeriod(
  original: Pick<ChallengeView, 'start' | 'end' | 'period'>,
  now: EpochMs,
): PeriodSpec {
  // Not started yet: nobody leads, so the same window is the same contest.
  if (original.start > now) return original.period;
  const left = original.end - now;
  const enough = Math.min(HOUR_MS, (original.end - original.start) / 2);
  return left >= enough ? { kind: 'instants', start: now, end: original.end } : rematchPeriod(original, now);
}

/** The same contest with every active member (memberIds left out: the relay invites the pack). */
export function everyoneRequest(challenge: ChallengeView, now: EpochMs, timeZone: string): CreateRequest {
  const suffix = ' (whole pack)';
  const request: CreateRequest = {
    metric: challenge.metric,
    format: challenge.format,
    period: everyonePeriod(challenge, now),
    title: challenge.title.endsWith(suffix)
      ? challenge.title
      : challenge.title.slice(0, LIMITS.titleLength - suffix.length) + suffix,
  };
  if (challenge.target !== null) request.target = challenge.target;
  if (challenge.stake) request.stake = challenge.stake;
  const months = horizonMonthsOf(challenge, timeZone);
  if (months !== undefined) request.horizonMonths = months;
  return request;
}

/** "Alex leads with 12", "Alex and Priya lead with 3", "Nobody has scored yet": how a missed one stands. */
export function leadWords(
  challenge: ChallengeView,
  members: readonly Member[],
  youId: string | null,
): string {
  const top = Math.max(0, ...challenge.standings.map((s) => s.count));
  if (top === 0) return 'Nobody has scored yet';
  const names = challenge.standings
    .filter((s) => s.count === top)
    .sort((x, y) => Number(y.memberId === youId) - Number(x.memberId === youId))
    .map((s) =>
      s.memberId === youId
        ? 'You'
        : (members.find((m) => m.id === s.memberId)?.displayName ?? 'A former member'),
    );
  const who =
    names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `${who} ${names.length === 1 && who !== 'You' ? 'leads' : 'lead'} with ${top}`;
}

/** What the offer makes, in words: "Starts now and ends when this one does". */
export function everyoneHint(challenge: ChallengeView, now: EpochMs): string {
  const period = everyonePeriod(challenge, now);
  if (period.kind !== 'instants') return 'Same dates, with the whole pack';
  return period.end === challenge.end
    ? 'Starts now for the whole pack and ends when this one does'
    : `Starts now for the whole pack and runs as long as this one did`;
}
