/**
 * The text of every desktop notification, as pure functions. Each id is derived from what
 * happened, so the same event always gets the same id and NotificationCenter can show it once.
 */
import { oneLine } from '../../../core/safe-text.ts';
import { describeResult, formatInstant } from '../../../core/format.ts';
import { isNoResult } from '../../../core/outcome.ts';
import { findMetric, metricNoun } from '../../../core/metrics.ts';
import type { MetricDef } from '../../../core/metrics.ts';
import type { ChallengeView, Member, Standing } from '../../../core/types.ts';
import type { NotificationRequest } from '../ports.ts';

export interface MessageContext {
  youId: string;
  /** Display names of the pack's members (you included; the builders say "you" themselves). */
  names: (memberId: string) => string;
  metrics: readonly MetricDef[];
  timeZone: string;
}

export interface Cheer {
  id: string;
  fromName: string;
  text: string;
  taunt?: boolean;
}

// Every name, title and text below goes through oneLine: rows an older relay stored may hold
// line breaks or direction marks, and a notification must not show a forged line.
const CHEER_BODY_MAX = 200;

function nameOf(ctx: MessageContext, memberId: string, capital = false): string {
  if (memberId !== ctx.youId) return oneLine(ctx.names(memberId));
  return capital ? 'You' : 'you';
}

function plural(ctx: MessageContext, metricId: string): string {
  const metric = findMetric(ctx.metrics, metricId);
  return metric ? metricNoun(metric, 2) : metricId;
}

function withStake(body: string, challenge: ChallengeView): string {
  return challenge.stake ? `${body}\nStake: ${oneLine(challenge.stake)}` : body;
}

/** "You vs Sam", "You, Sam and Kim": you first, declined members left out. */
function field(ctx: MessageContext, challenge: ChallengeView): string {
  const ids = challenge.participants.filter((p) => !p.declined).map((p) => p.memberId);
  const ordered = [...ids].sort((a, b) => Number(b === ctx.youId) - Number(a === ctx.youId));
  const names = ordered.map((id, i) => nameOf(ctx, id, i === 0));
  if (names.length === 2) return `${names[0]} vs ${names[1]}`;
  if (names.length < 2) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** Won, lost, tied or no result, with the final score and margin (describeResult's line). Null until decided. */
export function challengeEndedMessage(
  ctx: MessageContext,
  challenge: ChallengeView,
): NotificationRequest | null {
  const result = challenge.result;
  if (!result) return null;
  const youWon = result.winners.includes(ctx.youId);
  let title: string;
  // "Ended" would leave a 0 to 0 to be read as a loss; it is no result for anyone.
  if (isNoResult(result)) title = `No result: ${oneLine(challenge.title)}`;
  else if (result.winners.length === 0) title = `Ended: ${oneLine(challenge.title)}`;
  else if (youWon && result.tie) title = `Tied: ${oneLine(challenge.title)}`;
  else if (youWon)
    title =
      challenge.format === 'goal'
        ? `You made it: ${oneLine(challenge.title)}`
        : `You won: ${oneLine(challenge.title)}`;
  else if (challenge.format === 'goal') title = `Ended: ${oneLine(challenge.title)}`;
  else {
    const [first = '', second, ...rest] = result.winners.map((id) => nameOf(ctx, id, true));
    const who =
      second === undefined
        ? first
        : rest.length === 0
          ? `${first} and ${second}`
          : `${first} and ${rest.length + 1} others`;
    title = `${who} ${result.tie ? 'tied' : 'won'}: ${oneLine(challenge.title)}`;
  }
  const body = describeResult(
    result,
    ctx.youId,
    (id) => nameOf(ctx, id, true),
    plural(ctx, challenge.metric),
    challenge.format,
  );
  return {
    id: `ended:${challenge.id}`,
    title,
    body: withStake(body, challenge),
    route: `/history/${challenge.id}`,
  };
}

/**
 * Members who went from not ahead of you to ahead of you. Ahead means a higher count: drawing
 * level is being caught, not passed, and a tie that breaks your way is no news. Someone missing
 * from `before` counts as having had nothing; if you are not in `after`, nobody can pass you.
 */
export function detectOvertake(before: Standing[], after: Standing[], youId: string): string[] {
  const you = after.find((s) => s.memberId === youId);
  if (!you) return [];
  const yourBefore = before.find((s) => s.memberId === youId)?.count ?? 0;
  return after
    .filter((s) => s.memberId !== youId && s.count > you.count)
    .filter((s) => (before.find((b) => b.memberId === s.memberId)?.count ?? 0) <= yourBefore)
    .map((s) => s.memberId);
}

/**
 * One notification per partner who just passed you. The id carries their new count, so a pass is
 * announced once, and passing again after you took the lead back is news again.
 */
export function overtakenMessages(
  ctx: MessageContext,
  challenge: ChallengeView,
  before: Standing[],
  after: Standing[],
): NotificationRequest[] {
  const yours = after.find((s) => s.memberId === ctx.youId)?.count ?? 0;
  return detectOvertake(before, after, ctx.youId).map((memberId) => {
    const theirs = after.find((s) => s.memberId === memberId)?.count ?? 0;
    const name = nameOf(ctx, memberId);
    return {
      id: `overtaken:${challenge.id}:${memberId}:${theirs}`,
      title: `${name} overtook you`,
      body: `${oneLine(challenge.title)}: ${name} ${theirs}, you ${yours}`,
      route: `/live/${challenge.id}`,
    };
  });
}

export function challengeStartedMessage(ctx: MessageContext, challenge: ChallengeView): NotificationRequest {
  return {
    id: `started:${challenge.id}`,
    title: `Started: ${oneLine(challenge.title)}`,
    body: withStake(
      `${field(ctx, challenge)}, until ${formatInstant(challenge.end, ctx.timeZone)}`,
      challenge,
    ),
    route: `/live/${challenge.id}`,
  };
}

/** Only for a challenge somebody else made with you in it; your own needs no announcement. */
export function invitedMessage(ctx: MessageContext, challenge: ChallengeView): NotificationRequest | null {
  const you = challenge.participants.find((p) => p.memberId === ctx.youId);
  if (challenge.creatorId === ctx.youId || !you || you.declined) return null;
  const when =
    challenge.status === 'scheduled'
      ? `starts ${formatInstant(challenge.start, ctx.timeZone)}`
      : `running until ${formatInstant(challenge.end, ctx.timeZone)}`;
  return {
    id: `invited:${challenge.id}`,
    title: `${nameOf(ctx, challenge.creatorId)} challenged you`,
    body: withStake(`${oneLine(challenge.title)}, ${when}`, challenge),
    route: `/live/${challenge.id}`,
  };
}

export function partnerJoinedMessage(ctx: MessageContext, member: Member): NotificationRequest | null {
  if (member.id === ctx.youId) return null;
  return {
    id: `joined:${member.id}`,
    title: `${oneLine(member.displayName)} joined your pack`,
    body: `Challenge ${oneLine(member.displayName)} from the Wolfpack window.`,
    route: '/pack',
  };
}

export function cheerMessage(cheer: Cheer): NotificationRequest {
  const text = oneLine(cheer.text).trim();
  return {
    id: `cheer:${cheer.id}`,
    title: cheer.taunt ? `${oneLine(cheer.fromName)} taunts you` : `${oneLine(cheer.fromName)} cheers you on`,
    body: text.length > CHEER_BODY_MAX ? `${text.slice(0, CHEER_BODY_MAX - 1)}…` : text,
    route: '/',
  };
}
