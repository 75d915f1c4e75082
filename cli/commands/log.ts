import { formatInstant } from '../../core/format.ts';
import { forwardWarning } from '../../core/forward-check.ts';
import { findMetric } from '../../core/metrics.ts';
import { LIMITS } from '../../core/protocol.ts';
import { addDays, localDateOf } from '../../core/time-window.ts';
import type { ActivityEvent, ChallengeView, LogEvent } from '../../core/types.ts';
import { buildLogEvent, buildUndoEvent } from '../../client/activity.ts';
import type { LogField, LogInput } from '../../client/activity.ts';
import type { CacheStore } from '../../client/profile-cache.ts';
import type { Rejection } from '../../client/session-events.ts';
import { exactlyOne, parseCommand, positiveInteger } from '../args.ts';
import { COMMON_HELP } from '../command.ts';
import type { Command } from '../command.ts';
import type { CliContext } from '../context.ts';
import { CliError, UnreachableError, usageError } from '../errors.ts';
import { loadMembership, openOutbox, startLive } from '../live.ts';
import type { Live } from '../live.ts';
import { printJson, showHelp } from '../output.ts';
import { manyOf, oneOf, quantity, standingsLine } from '../render.ts';
import { reportRejections, sceneFrom } from '../scene.ts';

/** A log should feel instant; after this the event simply waits in the outbox. */
const SEND_TIMEOUT_MS = 3_000;

/** Where each input of a log comes from on the command line, to point at it in a refusal. */
const FLAG_OF: Record<LogField, string | null> = {
  metric: null,
  count: '--count N',
  meetingDate: '--meeting DATE',
  note: '--note TEXT',
};

export const logCommand: Command = {
  usage: 'wolfpack log METRIC [--count N] [--meeting DATE] [--note TEXT] [--json]',
  summary: 'Count activity (a call, an appointment, ...). Works offline: the log is queued and sent later.',
  details: `
  METRIC          call, appointment, proposal, forward_appointment, or a metric your pack added
  --count N       how many (default 1)
  --meeting DATE  the date of the booked meeting, like 2026-03-31 (forward appointments need it)
  --note TEXT     a short note shown in the feed
  --json          print JSON (logged, queued, waiting, challenges)
${COMMON_HELP}`,
  async run(args, ctx) {
    const { values, positionals } = parseCommand(args, {
      count: { type: 'string' },
      meeting: { type: 'string' },
      note: { type: 'string' },
    });
    if (values.help) return showHelp(ctx, logCommand);
    const input: LogInput = {
      metric: exactlyOne(positionals, 'one metric, as in `wolfpack log call`'),
      count: values.count === undefined ? 1 : positiveInteger(values.count, '--count', LIMITS.countPerEvent),
      meetingDate: values.meeting,
      note: values.note,
    };
    const membership = await loadMembership(ctx, values.profile);
    const outbox = await openOutbox(membership.paths);
    const live = startLive(membership, { outbox, requestTimeoutMs: SEND_TIMEOUT_MS });
    const outcomes = collectOutcomes(live);
    try {
      const event = await logEventFor(ctx, live, membership.cache, input);
      await live.session.log([event]);
      const { id, metric, count, occurredAt, meetingDate } = event;
      membership.cache.update((c) => ({
        ...c,
        recentLogs: [...c.recentLogs, { id, metric, count, occurredAt, meetingDate }],
      }));
      await membership.cache.save();
      const what = quantity(membership.cache.current, metric, count);
      const sent = await send(ctx, live, outcomes, event, metric, `queued ${what}`);
      warnAboutMeeting(ctx, live, membership.cache, event);
      if (values.json) return printJson(ctx, { logged: event, ...sentJson(live, sent) });
      return report(ctx, live, sent, { done: `Logged ${what}`, queued: what });
    } finally {
      await live.close();
    }
  },
};

export const undoCommand: Command = {
  usage: 'wolfpack undo [--json]',
  summary: "Take back this profile's last log (sent as an undo, so it works offline too).",
  details: `  --json          print JSON (undo, retracted, queued, waiting, challenges)\n${COMMON_HELP}`,
  async run(args, ctx) {
    const { values, positionals } = parseCommand(args, {});
    if (values.help) return showHelp(ctx, undoCommand);
    if (positionals.length > 0) throw usageError('undo takes no arguments; it takes back your last log');
    const membership = await loadMembership(ctx, values.profile);
    const built = buildUndoEvent(membership.cache.current.recentLogs, ctx.now());
    if (!built.ok) throw new CliError(built.message);
    const { event, retracted } = built;
    const outbox = await openOutbox(membership.paths);
    const live = startLive(membership, { outbox, requestTimeoutMs: SEND_TIMEOUT_MS });
    const outcomes = collectOutcomes(live);
    try {
      await live.session.log([event]);
      membership.cache.update((c) => ({
        ...c,
        recentLogs: c.recentLogs.filter((log) => log.id !== retracted.id),
      }));
      await membership.cache.save();
      const what = quantity(membership.cache.current, retracted.metric, retracted.count);
      const sent = await send(ctx, live, outcomes, event, retracted.metric, `queued the undo of ${what}`);
      if (values.json) return printJson(ctx, { undo: event, retracted, ...sentJson(live, sent) });
      const zone = membership.cache.current.pack?.timeZone ?? ctx.timeZone;
      return report(ctx, live, sent, {
        done: `Took back ${what} logged ${formatInstant(retracted.occurredAt, zone)}`,
        queued: `the undo of ${what}`,
      });
    } finally {
      await live.close();
    }
  },
};

/** Checked against the cached metrics first; a metric a partner added since is looked up on the relay. */
async function logEventFor(
  ctx: CliContext,
  live: Live,
  cache: CacheStore,
  input: LogInput,
): Promise<LogEvent> {
  const now = ctx.now();
  let metrics = cache.current.metrics;
  let built = buildLogEvent(input, { metrics, now });
  if (!built.ok && built.code === 'unknown_metric') {
    try {
      metrics = (await live.online(SEND_TIMEOUT_MS)).metrics;
    } catch {
      throw usageError(`${built.message} as far as this profile knows; the relay could not be asked`);
    }
    built = buildLogEvent(input, { metrics, now });
  }
  const metric = findMetric(metrics, input.metric);
  if (!built.ok) {
    // client/activity.ts names the metric by its id ("forward_appointment needs ..."), which a
    // new user read as a typo; the command line says it by its label, with the option to add.
    if (metric && built.field === 'meetingDate' && !input.meetingDate?.trim()) {
      const zone = cache.current.pack?.timeZone ?? ctx.timeZone;
      const example = addDays(localDateOf(now, zone), 7);
      throw usageError(`${oneOf(metric)} needs the date of the booked meeting: add --meeting ${example}`);
    }
    const flag = built.field && FLAG_OF[built.field];
    throw usageError(flag ? `${built.message} (${flag})` : built.message);
  }
  // The relay would quietly drop it; a date typed for the wrong metric is more likely a slip.
  if (metric && input.meetingDate !== undefined && built.event.meetingDate === undefined) {
    throw usageError(`--meeting is only for metrics that carry a meeting date, and ${manyOf(metric)} do not`);
  }
  return built.event;
}

/**
 * A forward appointment whose meeting date has passed or lies outside every running challenge's
 * horizon is logged and counts nowhere; the rep hears it on stderr, and the log stands (exit 0).
 * Without the relay only the date itself can be judged: the running challenges are not cached.
 */
function warnAboutMeeting(ctx: CliContext, live: Live, cache: CacheStore, event: LogEvent): void {
  if (!event.meetingDate) return;
  const snapshot = live.session.snapshot;
  const warning = forwardWarning({
    metric: event.metric,
    meetingDate: event.meetingDate,
    now: event.occurredAt,
    timeZone: snapshot?.pack.timeZone ?? cache.current.pack?.timeZone ?? ctx.timeZone,
    youId: snapshot?.you.id ?? cache.current.youId,
    challenges: snapshot ? live.mirror.challenges() : [],
  });
  if (warning) ctx.err(`wolfpack: ${warning}`);
}

/** Outcomes of the events a command sends, collected from the start (a fast relay may answer early). */
export function collectOutcomes(live: Live): { stored: Set<string>; rejected: Rejection[] } {
  const collected = { stored: new Set<string>(), rejected: [] as Rejection[] };
  live.session.on('stored', ({ ids }) => ids.forEach((id) => collected.stored.add(id)));
  live.session.on('rejected', (rejection) => collected.rejected.push(rejection));
  return collected;
}

interface Sent {
  /** Why the event still waits in the outbox; null once the relay stored it. */
  queuedBecause: string | null;
  /** The running challenges on the event's metric that you take part in, with their new standings. */
  challenges: ChallengeView[];
}

function sentJson(live: Live, sent: Sent) {
  return { queued: sent.queuedBecause !== null, waiting: live.session.queued, challenges: sent.challenges };
}

/** Waits briefly for the relay to store the event; a refusal of it fails the command. */
async function send(
  ctx: CliContext,
  live: Live,
  outcomes: ReturnType<typeof collectOutcomes>,
  event: ActivityEvent,
  metricId: string,
  queuedWhat: string,
): Promise<Sent> {
  let snapshot;
  try {
    snapshot = await live.online(SEND_TIMEOUT_MS);
  } catch (error) {
    if (error instanceof UnreachableError) return { queuedBecause: 'Relay unreachable', challenges: [] };
    throw new CliError(`${queuedWhat}, but ${error instanceof Error ? error.message : String(error)}`);
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
    return { queuedBecause: 'The relay did not confirm it in time', challenges: [] };
  }
  const youId = snapshot.you.id;
  const challenges = live.mirror
    .challenges()
    .filter((c) => c.metric === metricId && c.status === 'active')
    .filter((c) => c.participants.some((p) => p.memberId === youId && !p.declined));
  return { queuedBecause: null, challenges };
}

/** Either the new standings of the challenges the event counts in, or why it is still queued. */
function report(ctx: CliContext, live: Live, sent: Sent, words: { done: string; queued: string }): number {
  if (sent.queuedBecause !== null) {
    ctx.out(
      `${sent.queuedBecause}: queued ${words.queued} (${live.session.queued} waiting). ` +
        'It will be sent by the next `wolfpack sync` or any command that reaches the relay.',
    );
    return 0;
  }
  const snapshot = live.session.snapshot;
  const scene = snapshot && sceneFrom(snapshot, live.mirror);
  const lines = scene ? sent.challenges.map((c) => standingsLine(scene, c)) : [];
  ctx.out([`${words.done}.${lines.length > 0 ? ` ${lines[0]}` : ''}`, ...lines.slice(1)].join('\n'));
  return 0;
}
