import { z } from 'zod';
import { LIMITS } from './limits.ts';
import { METRIC_ID_PATTERN } from './metrics.ts';
import { isValidLocalDate } from './time-window.ts';
import { nameProblem, normalizeName, textProblem } from './safe-text.ts';
import type { MetricDef } from './metrics.ts';
import type { PersonalBest, ProgressReport, WeeklyRecap } from './progress-types.ts';
import type { WireError } from './errors.ts';
import type {
  ActivityPush,
  BoardLink,
  BoardSnapshot,
  Cheer,
  ChallengeView,
  CountRow,
  EventOutcome,
  HeadToHead,
  Member,
  Pack,
  Snapshot,
} from './types.ts';

export { LIMITS } from './limits.ts';

/** Bumped on any incompatible change of an event or payload below. */
export const PROTOCOL_VERSION = 2;

const id = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must be a UUID');
const eventId = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'must be a UUIDv7');
// The time-window code works on four-digit years; a date past 9999 would fail inside it.
const YEARS = `years ${LIMITS.firstYear} to ${LIMITS.lastYear}`;
const epochMs = z
  .number()
  .int('must be a whole number of milliseconds')
  .min(Date.UTC(LIMITS.firstYear, 0, 1), `must be an instant in the ${YEARS}`)
  .max(Date.UTC(LIMITS.lastYear + 1, 0, 1) - 1, `must be an instant in the ${YEARS}`);
export const localDateSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be a date like 2026-03-31')
  .refine(isValidLocalDate, 'must be a real calendar date')
  .refine((date) => {
    const year = Number(date.slice(0, 4));
    return year >= LIMITS.firstYear && year <= LIMITS.lastYear;
  }, `must be a date in the ${YEARS}`);
const refuseWith = (problem: (s: string) => string | null) => (s: string, ctx: z.RefinementCtx) => {
  const message = problem(s);
  if (message) ctx.addIssue({ code: 'custom', message });
};
const text = (max: number) =>
  z.string().max(max, `must be at most ${max} characters`).superRefine(refuseWith(textProblem));
/** Names are stored as normalizeName leaves them, so that one name has one spelling. */
const name = z
  .string()
  .transform(normalizeName)
  .pipe(
    z
      .string()
      .min(1, 'must not be empty')
      .max(LIMITS.nameLength, `must be at most ${LIMITS.nameLength} characters`)
      .superRefine(refuseWith(nameProblem)),
  );
export const metricIdSchema = z.string().regex(METRIC_ID_PATTERN, 'must be a lowercase slug like call');

export const timeZoneSchema = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone like Europe/Berlin');

export const weekStartSchema = z.number().int().min(0).max(6);

export const logEventSchema = z.strictObject({
  id: eventId,
  type: z.literal('log'),
  metric: metricIdSchema,
  count: z.number().int('must be a whole number').min(1, 'must be at least 1').max(LIMITS.countPerEvent),
  occurredAt: epochMs,
  meetingDate: localDateSchema.optional(),
  note: text(LIMITS.noteLength).optional(),
});

export const undoEventSchema = z.strictObject({
  id: eventId,
  type: z.literal('undo'),
  retracts: eventId,
  occurredAt: epochMs,
});

export const activityEventSchema = z.discriminatedUnion('type', [logEventSchema, undoEventSchema]);

export const periodSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('today') }),
  z.strictObject({ kind: z.literal('this-week') }),
  z.strictObject({ kind: z.literal('this-quarter') }),
  z.strictObject({ kind: z.literal('range'), from: localDateSchema, to: localDateSchema }),
  z.strictObject({ kind: z.literal('instants'), start: epochMs, end: epochMs }),
]);

export const handshakeSchema = z.union([
  z.strictObject({ token: z.string().min(1).max(200), protocol: z.number().int() }),
  /** A floor board: read only, with the board link's token. */
  z.strictObject({ board: z.string().min(1).max(200), protocol: z.number().int() }),
]);

export const requestSchemas = {
  'session:resume': z.strictObject({}),
  'activity:log': z.strictObject({
    events: z.array(activityEventSchema).min(1).max(LIMITS.eventsPerBatch),
  }),
  'challenge:create': z.strictObject({
    metric: metricIdSchema,
    format: z.enum(['most', 'race', 'goal']),
    target: z.number().int().min(1).max(1_000_000).optional(),
    period: periodSchema,
    /** Months ahead that a forward appointment's meeting may lie; forward appointments only. */
    horizonMonths: z.number().int().min(1).max(24).optional(),
    /** Omitted: the whole pack. */
    memberIds: z.array(id).min(1).max(LIMITS.participants).optional(),
    title: text(LIMITS.titleLength).optional(),
    stake: text(LIMITS.stakeLength).optional(),
    /** Starts the same challenge again for the next week when it ends (this-week periods). */
    repeat: z.enum(['weekly']).optional(),
  }),
  'challenge:decline': z.strictObject({ challengeId: id }),
  'challenge:cancel': z.strictObject({ challengeId: id }),
  'challenge:list': z.strictObject({}),
  'result:ack': z.strictObject({ challengeIds: z.array(id).min(1).max(LIMITS.historyPage) }),
  'history:challenges': z.strictObject({
    /** Opaque cursor from the previous page. */
    cursor: z.string().max(100).optional(),
    limit: z.number().int().min(1).max(LIMITS.historyPage).optional(),
    metric: metricIdSchema.optional(),
    memberId: id.optional(),
  }),
  'history:counts': z.strictObject({
    from: localDateSchema,
    to: localDateSchema,
    bucket: z.enum(['day', 'week']),
    metric: metricIdSchema.optional(),
  }),
  'history:head-to-head': z.strictObject({ memberId: id, otherId: id }),
  'pack:rotate-invite': z.strictObject({}),
  'pack:remove-member': z.strictObject({ memberId: id }),
  'pack:leave': z.strictObject({}),
  'cheer:send': z
    .strictObject({
      /** Client-made, so a resent cheer arrives once. */
      id: eventId,
      reaction: z.enum(['cheer', 'taunt']),
      text: text(LIMITS.cheerLength).optional(),
      /** A feed entry's event id … */
      eventId: eventId.optional(),
      /** … or a standing: the challenge and the member. */
      challengeId: id.optional(),
      memberId: id.optional(),
    })
    .refine((c) => (c.eventId === undefined) !== (c.challengeId === undefined && c.memberId === undefined), {
      message: 'aim at a feed entry (eventId) or a standing (challengeId and memberId)',
    })
    .refine((c) => (c.challengeId === undefined) === (c.memberId === undefined), {
      message: 'a standing needs both challengeId and memberId',
    }),
  'board:create': z.strictObject({ label: name.optional() }),
  'board:list': z.strictObject({}),
  'board:revoke': z.strictObject({ boardId: id }),
  /** The one request a floor board's socket may make. */
  'board:resume': z.strictObject({}),
  'metric:add': z.strictObject({
    id: metricIdSchema,
    label: name,
    needsMeetingDate: z.boolean().optional(),
  }),
  'progress:get': z.strictObject({}),
  'progress:target': z.strictObject({
    metric: metricIdSchema,
    target: z
      .number()
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(LIMITS.maxDailyTarget, `must be at most ${LIMITS.maxDailyTarget}`),
  }),
  /** Omitted: last week. Any day names the pack's week that holds it. */
  'recap:week': z.strictObject({ weekStart: localDateSchema.optional() }),
} as const;

export type RequestName = keyof typeof requestSchemas;
export type RequestOf<N extends RequestName> = z.input<(typeof requestSchemas)[N]>;
export type ParsedRequestOf<N extends RequestName> = z.output<(typeof requestSchemas)[N]>;

export interface ResponseMap {
  'session:resume': Snapshot;
  /** bests: records the sender's logs in this batch just beat (the relay always sends it). */
  'activity:log': { outcomes: EventOutcome[]; bests?: PersonalBest[] };
  'challenge:create': { challenge: ChallengeView };
  'challenge:decline': { challenge: ChallengeView };
  'challenge:cancel': { challenge: ChallengeView };
  'challenge:list': { challenges: ChallengeView[] };
  'result:ack': { acknowledged: number };
  'history:challenges': { items: ChallengeView[]; nextCursor: string | null };
  'history:counts': { rows: CountRow[] };
  'history:head-to-head': HeadToHead;
  'pack:rotate-invite': { inviteCode: string };
  'pack:remove-member': { member: Member };
  'pack:leave': { member: Member };
  'metric:add': { metric: MetricDef };
  'cheer:send': { cheer: Cheer };
  /** The token is shown once, here; the relay keeps only its hash. */
  'board:create': { board: BoardLink; token: string };
  'board:list': { boards: BoardLink[] };
  'board:revoke': { board: BoardLink };
  'board:resume': BoardSnapshot;
  'progress:get': { report: ProgressReport };
  'progress:target': { target: number };
  'recap:week': { recap: WeeklyRecap };
}

export type Ack<T> = ({ ok: true } & T) | { ok: false; error: WireError };

export type ClientToServerEvents = {
  [N in RequestName]: (request: RequestOf<N>, ack: (response: Ack<ResponseMap[N]>) => void) => void;
};

export interface ServerToClientEvents {
  /** An activity:log batch stored events: the tallies they moved and their feed entries. */
  'activity:stored': (push: ActivityPush) => void;
  'challenge:created': (challenge: ChallengeView) => void;
  'challenge:started': (challenge: ChallengeView) => void;
  'challenge:updated': (challenge: ChallengeView) => void;
  'challenge:cancelled': (challenge: ChallengeView) => void;
  'challenge:ended': (challenge: ChallengeView) => void;
  'member:joined': (member: Member) => void;
  'member:left': (member: Member) => void;
  /** The member was removed or left; the token no longer works. */
  'session:revoked': (info: { reason: string }) => void;
  /** The pack changed (its owner left and another member inherited it). */
  'pack:updated': (pack: Pack) => void;
  'metric:added': (metric: MetricDef) => void;
  /** A message the relay could not answer with an acknowledgement (none was given, or an unknown event). */
  'request:error': (info: { event: string; error: WireError }) => void;
  'cheer:received': (cheer: Cheer) => void;
  /** To a floor board whose link was revoked, just before it is disconnected. */
  'board:revoked': (info: { reason: string }) => void;
}

/** HTTP: POST /api/packs */
export const createPackSchema = z.strictObject({
  name,
  timeZone: timeZoneSchema,
  weekStart: weekStartSchema.optional(),
  displayName: name,
});

/** HTTP: POST /api/join */
export const joinPackSchema = z.strictObject({
  inviteCode: z.string().min(1).max(40),
  displayName: name,
});

export interface JoinResponse {
  pack: Pack;
  member: Member;
  token: string;
  inviteCode?: string;
}

/** The first readable line of a zod failure, with the path that failed. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid payload';
  const where = issue.path.length > 0 ? issue.path.join('.') : 'payload';
  return `${where}: ${issue.message}`;
}
