import { formatInstant } from '../../core/format.ts';
import { findMetric } from '../../core/metrics.ts';
import type { MetricDef } from '../../core/metrics.ts';
import { LIMITS, describeIssue, logEventSchema } from '../../core/protocol.ts';
import { isValidLocalDate } from '../../core/time-window.ts';
import type { ActivityEvent, LogEvent, UndoEvent } from '../../core/types.ts';
import { uuidv7 } from '../../core/uuid.ts';
import type { CacheStore } from '../../client/profile-cache.ts';
import type { Rejection } from '../../client/session-events.ts';
import { exactlyOne, parseCommand, positiveInteger } from '../args.ts';
import { COMMON_HELP } from '../command.ts';
import type { Command } from '../command.ts';
import type { CliContext } from '../context.ts';
import { CliError, UnreachableError, usageError } from '../errors.ts';
import { loadMembership, openOutbox, startLive } from '../live.ts';
import type { Live } from '../live.ts';
import { showHelp } from '../output.ts';
import { quantity, standingsLine } from '../render.ts';
import { sceneFrom, reportRejections } from '../scene.ts';

/** A log should feel instant; after this the event simply waits in the outbox. */
const SEND_TIMEOUT_MS = 3_000;

export const logCommand: Command = {
  usage: 'wolfpack log METRIC [--count N] [--meeting DATE] [--note TEXT]',
  summary: 'Count activity (a call, an appointment, ...). Works offline: the log is queued and sent later.',
  details: `
  METRIC          call, appointment, proposal, forward_appointment, or a metric your pack added
  --count N       how many (default 1)
  --meeting DATE  the date of the booked meeting, like 2026-03-31 (forward appointments need it)
  --note TEXT     a short note shown in the feed
${COMMON_HELP}`,
  async run(args, ctx) {
    const { values, positionals } = parseCommand(args, {
      count: { type: 'string' },
      meeting: { type: 'string' },
      note: { type: 'string' },
    });
    if (values.help) return showHelp(ctx, logCommand);
    const metricId = exactlyOne(positionals, 'one metric, as in `wolfpack log call`');
    const count =
      values.count === undefined ? 1 : positiveInteger(values.count, '--count', LIMITS.countPerEvent);
    if (values.meeting !== undefined && !isValidLocalDate(values.meeting)) {
      throw usageError(`--meeting must be a date like 2026-03-31, not "${values.meeting}"`);
    }
    const membership = await loadMembership(ctx, values.profile);
    const outbox = await openOutbox(membership.paths);
    const live = startLive(membership, { outbox, requestTimeoutMs: SEND_TIMEOUT_MS });
    const outcomes = collectOutcomes(live);
    try {
      const metric = await resolveMetric(live, membership.cache, metricId);
      if (metric.needsMeetingDate && values.meeting === undefined) {
        throw usageError(
          `${metric.id} needs --meeting DATE, the date of the booked meeting (like 2026-03-31)`,
        );
      }
      if (!metric.needsMeetingDate && values.meeting !== undefined) {
        throw usageError(`--meeting is only for metrics that carry a meeting date, not ${metric.id}`);
      }
      const now = ctx.now();
      const event: LogEvent = { id: uuidv7(now), type: 'log', metric: metric.id, count, occurredAt: now };
      if (values.meeting !== undefined) event.meetingDate = values.meeting;
      if (values.note !== undefined) event.note = values.note;
      const checked = logEventSchema.safeParse(event);
      if (!checked.success) throw usageError(describeIssue(checked.error));

      await live.session.log([event]);
      const { id, occurredAt, meetingDate } = event;
      membership.cache.update((c) => ({
        ...c,
        recentLogs: [...c.recentLogs, { id, metric: metric.id, count, occurredAt, meetingDate }],
      }));
      await membership.cache.save();
      const what = quantity(membership.cache.current, metric.id, count);
      return await sendAndReport(ctx, live, outcomes, event, metric.id, {
        done: `Logged ${what}`,
        queued: what,
      });
    } finally {
      await live.close();
    }
  },
};

export const undoCommand: Command = {
  usage: 'wolfpack undo',
  summary: "Take back this profile's last log (sent as an undo, so it works offline too).",
  details: COMMON_HELP,
  async run(args, ctx) {
    const { values, positionals } = parseCommand(args, {});
    if (values.help) return showHelp(ctx, undoCommand);
    if (positionals.length > 0) throw usageError('undo takes no arguments; it takes back your last log');
    const membership = await loadMembership(ctx, values.profile);
    const last = membership.cache.current.recentLogs.at(-1);
    if (!last) throw new CliError('nothing to undo: this profile has no log left to take back');
    const outbox = await openOutbox(membership.paths);
    const live = startLive(membership, { outbox, requestTimeoutMs: SEND_TIMEOUT_MS });
    const outcomes = collectOutcomes(live);
    try {
      const event: UndoEvent = {
        id: uuidv7(ctx.now()),
        type: 'undo',
        retracts: last.id,
        occurredAt: ctx.now(),
      };
      await live.session.log([event]);
      membership.cache.update((c) => ({ ...c, recentLogs: c.recentLogs.slice(0, -1) }));
      await membership.cache.save();
      const what = quantity(membership.cache.current, last.metric, last.count);
      const zone = membership.cache.current.pack?.timeZone ?? ctx.timeZone;
      return await sendAndReport(ctx, live, outcomes, event, last.metric, {
        done: `Took back ${what} logged ${formatInstant(last.occurredAt, zone)}`,
        queued: `the undo of ${what}`,
      });
    } finally {
      await live.close();
    }
  },
};

/** The cached metrics first; a metric added by a partner since is looked up on the relay. */
async function resolveMetric(live: Live, cache: CacheStore, id: string): Promise<MetricDef> {
  const cached = findMetric(cache.current.metrics, id);
  if (cached) return cached;
  let metrics: MetricDef[];
  try {
    metrics = (await live.online(SEND_TIMEOUT_MS)).metrics;
  } catch {
    const known = cache.current.metrics.map((m) => m.id).join(', ');
    throw usageError(
      `unknown metric "${id}" (known here: ${known}; the relay could not be asked for newer ones)`,
    );
  }
  const fresh = findMetric(metrics, id);
  if (!fresh)
    throw usageError(`unknown metric "${id}"; this pack counts ${metrics.map((m) => m.id).join(', ')}`);
  return fresh;
}

/** Outcomes of the events a command sends, collected from the start (a fast relay may answer early). */
export function collectOutcomes(live: Live): { stored: Set<string>; rejected: Rejection[] } {
  const collected = { stored: new Set<string>(), rejected: [] as Rejection[] };
  live.session.on('stored', ({ ids }) => ids.forEach((id) => collected.stored.add(id)));
  live.session.on('rejected', (rejection) => collected.rejected.push(rejection));
  return collected;
}

/** Waits briefly for the relay; either shows the new standings or says the event is queued. */
async function sendAndReport(
  ctx: CliContext,
  live: Live,
  outcomes: ReturnType<typeof collectOutcomes>,
  event: ActivityEvent,
  metricId: string,
  words: { done: string; queued: string },
): Promise<number> {
  const queuedLine = (why: string) =>
    `${why}: queued ${words.queued} (${live.session.queued} waiting). ` +
    'It will be sent by the next `wolfpack sync` or any command that reaches the relay.';
  let snapshot;
  try {
    snapshot = await live.online(SEND_TIMEOUT_MS);
  } catch (error) {
    if (!(error instanceof UnreachableError)) {
      throw new CliError(
        `queued ${words.queued}, but ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    ctx.out(queuedLine('Relay unreachable'));
    return 0;
  }
  await live.session.flush();
  const own = outcomes.rejected.find((r) => r.event.id === event.id);
  reportRejections(
    ctx,
    live,
    snapshot,
    outcomes.rejected.filter((r) => r !== own),
  );
  if (own) throw new CliError(`the relay refused it: ${own.error.message}`);
  if (!outcomes.stored.has(event.id)) {
    ctx.out(queuedLine('The relay did not confirm it in time'));
    return 0;
  }
  const scene = sceneFrom(snapshot, live.mirror);
  const lines = live.mirror
    .challenges()
    .filter((c) => c.metric === metricId && c.status === 'active')
    .filter((c) => c.participants.some((p) => p.memberId === scene.youId && !p.declined))
    .map((c) => standingsLine(scene, c));
  ctx.out([`${words.done}.${lines.length > 0 ? ` ${lines[0]}` : ''}`, ...lines.slice(1)].join('\n'));
  return 0;
}
