import { eventCountsFor } from './tally.ts';
import { addDays, localDateOf } from './time-window.ts';
import type { Challenge, EpochMs, LocalDate } from './types.ts';

/** What the check needs of a challenge: the desktop's quick-entry box receives only this much. */
export type HorizonChallenge = Pick<
  Challenge,
  'title' | 'metric' | 'status' | 'start' | 'end' | 'horizon' | 'participants'
>;

/** Who is logging, in which zone, against which challenges: enough to tell where a log counts. */
export interface MeetingCheckContext {
  timeZone: string;
  /** Null when the member is not known yet: then every running challenge is considered. */
  youId: string | null;
  challenges: readonly HorizonChallenge[];
}

export interface ForwardCheck extends MeetingCheckContext {
  metric: string;
  meetingDate: LocalDate;
  now: EpochMs;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "7 Mar", with the year only when it is not this one ("7 Mar 2028"). */
export function shortDate(date: LocalDate, today: LocalDate): string {
  const [year = '', month = '', day = ''] = date.split('-');
  const words = `${Number(day)} ${MONTHS[Number(month) - 1] ?? month}`;
  return year === today.slice(0, 4) ? words : `${words} ${year}`;
}

/** The running challenges a log of `metric` made now by `youId` would be measured against. */
function runningFor(check: ForwardCheck): HorizonChallenge[] {
  return check.challenges.filter(
    (c) =>
      c.status === 'active' &&
      c.metric === check.metric &&
      check.now >= c.start &&
      check.now < c.end &&
      (check.youId === null || c.participants.some((p) => p.memberId === check.youId && !p.declined)),
  );
}

function counts(challenge: HorizonChallenge, check: ForwardCheck, memberId: string): boolean {
  return eventCountsFor({ ...challenge, participants: [{ memberId, declined: false }] } as Challenge, {
    memberId,
    metric: check.metric,
    occurredAt: check.now,
    meetingDate: check.meetingDate,
  });
}

/** "Most forward appointments counts meetings up to 7 Mar": the side of the horizon the date missed. */
function horizonWords(challenge: HorizonChallenge, date: LocalDate, today: LocalDate): string {
  const horizon = challenge.horizon;
  if (!horizon) return challenge.title;
  const last = addDays(horizon.to, -1);
  const range =
    date < horizon.from
      ? `from ${shortDate(horizon.from, today)} to ${shortDate(last, today)}`
      : `up to ${shortDate(last, today)}`;
  return `${challenge.title} counts meetings ${range}`;
}

/**
 * The warning for a forward appointment that would be logged and count nowhere without a word,
 * or null when there is nothing to say. Two things deserve one: a meeting date that has passed (a
 * forward appointment books a meeting still to come, so it is more likely a slip of the date
 * picker), and a date outside the horizon of every running challenge on that metric. With no
 * running challenge on the metric there is no horizon to miss; the log counts in stats as usual.
 * The rule is the relay's own (eventCountsFor), so the warning never disagrees with the tally.
 */
export function forwardWarning(check: ForwardCheck): string | null {
  const today = localDateOf(check.now, check.timeZone);
  const running = runningFor(check);
  const memberId = check.youId ?? '';
  const counting = running.filter((c) => counts(c, check, memberId));
  const outside = running.length > 0 && counting.length === 0;
  const past = check.meetingDate < today;
  if (outside) {
    const why = running.map((c) => horizonWords(c, check.meetingDate, today)).join('; ');
    const lead = past ? 'This meeting date has passed and is' : 'This meeting date is';
    return `${lead} outside every running challenge: ${why}. It will be logged but count in none.`;
  }
  if (!past) return null;
  const where = counting.length > 0 ? ` and still count in ${counting.map((c) => c.title).join(', ')}` : '';
  return `This meeting date (${shortDate(check.meetingDate, today)}) has passed: a forward appointment is for a meeting still to come. It will be logged${where}.`;
}
