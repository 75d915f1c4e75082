import { formatInstant } from '../../core/format.ts';
import { findMetric } from '../../core/metrics.ts';
import { LIMITS } from '../../core/protocol.ts';
import type { RequestOf } from '../../core/protocol.ts';
import { isValidLocalDate, parseHorizonArg, parsePeriodArg } from '../../core/time-window.ts';
import type { ChallengeView } from '../../core/types.ts';
import { exactlyOne, parseCommand, positiveInteger } from '../args.ts';
import { COMMON_HELP } from '../command.ts';
import type { Command } from '../command.ts';
import { CliError, usageError } from '../errors.ts';
import { ask, withRelay } from '../live.ts';
import { findMemberByName } from '../members.ts';
import { ONLINE_TIMEOUT_MS, printJson, showHelp } from '../output.ts';
import { challengeBlock, nameOf, shortId, shown } from '../render.ts';
import { sceneFrom } from '../scene.ts';

/** Two real dates typed latest first: said as such, as "must be FROM..TO" reads like the format was wrong. */
function reversedRange(typed: string): { from: string; to: string } | null {
  const [from = '', to = '', ...rest] = typed.trim().split('..');
  if (rest.length > 0 || !isValidLocalDate(from) || !isValidLocalDate(to)) return null;
  return from > to ? { from, to } : null;
}

const create: Command = {
  usage:
    'wolfpack challenge new --metric METRIC --period today|this-week|this-quarter|FROM..TO [--horizon 3mo] [--race N | --goal N] [--with NAME ...] [--title TEXT] [--stake TEXT]',
  summary:
    'Challenge your partners: most in the period wins, or first to N (--race), or everyone reaching N (--goal).',
  details: `
  --metric METRIC   what counts: call, appointment, proposal, forward_appointment, or a pack metric
  --period P        today, this-week, this-quarter, or a date range like 2026-03-01..2026-03-31
  --horizon 3mo     forward appointments only: count meetings booked up to this many months ahead
  --race N          the first to N wins and the challenge ends at once
  --goal N          everyone who reaches N wins
  --with NAME       a partner to challenge (repeat for more; default: the whole pack)
  --title TEXT      a title (default: made from the metric and period)
  --stake TEXT      what the loser owes, e.g. "coffee"
  --json            print the challenge as JSON
${COMMON_HELP}`,
  async run(args, ctx) {
    const { values } = parseCommand(args, {
      metric: { type: 'string' },
      period: { type: 'string' },
      horizon: { type: 'string' },
      race: { type: 'string' },
      goal: { type: 'string' },
      with: { type: 'string', multiple: true },
      title: { type: 'string' },
      stake: { type: 'string' },
    });
    if (values.help) return showHelp(ctx, create);
    if (values.metric === undefined) throw usageError('--metric is required, like --metric call');
    if (values.period === undefined) throw usageError('--period is required, like --period this-week');
    const period = parsePeriodArg(values.period);
    if (!period) {
      const reversed = reversedRange(values.period);
      if (reversed) {
        throw usageError(
          `--period ${values.period} is reversed: ${reversed.from} is after ${reversed.to}; write the earlier date first, like ${reversed.to}..${reversed.from}`,
        );
      }
      throw usageError(
        `--period must be today, this-week, this-quarter or FROM..TO like 2026-03-01..2026-03-31, not "${values.period}"`,
      );
    }
    const horizonMonths = values.horizon === undefined ? undefined : parseHorizonArg(values.horizon);
    if (horizonMonths === null)
      throw usageError(`--horizon must be a number of months like 3mo, not "${values.horizon}"`);
    if (values.race !== undefined && values.goal !== undefined)
      throw usageError('choose one of --race N and --goal N');
    const request: RequestOf<'challenge:create'> = { metric: values.metric, format: 'most', period };
    if (values.race !== undefined) {
      request.format = 'race';
      request.target = positiveInteger(values.race, '--race', 1_000_000);
    }
    if (values.goal !== undefined) {
      request.format = 'goal';
      request.target = positiveInteger(values.goal, '--goal', 1_000_000);
    }
    if (horizonMonths !== undefined) request.horizonMonths = horizonMonths;
    if (values.title !== undefined) request.title = values.title;
    if (values.stake !== undefined) request.stake = values.stake;
    return withRelay(ctx, values.profile, async (live, membership) => {
      const snapshot = live.session.snapshot ?? (await live.online(ONLINE_TIMEOUT_MS));
      if (!findMetric(snapshot.metrics, request.metric)) {
        throw usageError(
          `unknown metric "${request.metric}"; this pack counts ${snapshot.metrics.map((m) => m.id).join(', ')}`,
        );
      }
      if (values.with && values.with.length > 0) {
        const partners = values.with.map((name) => findMemberByName(snapshot.members, name).id);
        const everyone = [...new Set([snapshot.you.id, ...partners])];
        if (everyone.length > LIMITS.participants) {
          throw usageError(
            `a challenge takes at most ${LIMITS.participants} people, you included: name up to ${LIMITS.participants - 1} with --with`,
          );
        }
        request.memberIds = everyone;
      }
      const { challenge } = await ask(membership, () => live.session.request('challenge:create', request));
      if (values.json) return printJson(ctx, { challenge });
      const scene = sceneFrom(snapshot, live.mirror);
      const who = challenge.participants.map((p) => nameOf(scene, p.memberId)).join(', ');
      ctx.out(
        [
          `Challenge created: ${shown(challenge.title)}  [${shortId(challenge.id)}]`,
          `  ${formatInstant(challenge.start, scene.timeZone)} to ${formatInstant(challenge.end, scene.timeZone)}, with ${who}`,
          ...(challenge.stake ? [`  stake: ${shown(challenge.stake)}`] : []),
        ].join('\n'),
      );
      return 0;
    });
  },
};

const list: Command = {
  usage: 'wolfpack challenge list [--json]',
  summary: 'List the open challenges (scheduled and running) with their standings.',
  details: `  --json          print JSON\n${COMMON_HELP}`,
  async run(args, ctx) {
    const { values, positionals } = parseCommand(args, {});
    if (values.help) return showHelp(ctx, list);
    if (positionals.length > 0) throw usageError('challenge list takes no arguments');
    return withRelay(ctx, values.profile, async (live, membership) => {
      const { challenges } = await ask(membership, () => live.session.request('challenge:list', {}));
      if (values.json) return printJson(ctx, { challenges });
      const snapshot = live.session.snapshot;
      if (challenges.length === 0 || !snapshot) {
        ctx.out('No open challenges. Start one with `wolfpack challenge new`.');
        return 0;
      }
      const scene = sceneFrom(snapshot, live.mirror);
      ctx.out(challenges.flatMap((c) => challengeBlock(scene, c, ctx.now())).join('\n'));
      return 0;
    });
  },
};

/** Accepts the id as shown (8 hex digits) or any unambiguous prefix of 6 or more. */
function matchChallenge(challenges: readonly ChallengeView[], typed: string): ChallengeView {
  const prefix = typed.trim().toLowerCase().replaceAll('-', '');
  if (!/^[0-9a-f]{6,32}$/.test(prefix)) {
    throw usageError(
      `a challenge id is at least 6 hex digits as shown by \`wolfpack challenge list\`, not "${typed}"`,
    );
  }
  const matches = challenges.filter((c) => c.id.replaceAll('-', '').startsWith(prefix));
  if (matches.length > 1)
    throw usageError(`"${typed}" matches ${matches.length} challenges; type more of the id`);
  const [match] = matches;
  if (!match) throw new CliError(`no open challenge with id ${typed} (see \`wolfpack challenge list\`)`);
  return match;
}

function changeCommand(action: 'decline' | 'cancel'): Command {
  const command: Command = {
    usage: `wolfpack challenge ${action} ID`,
    summary:
      action === 'decline'
        ? 'Decline a challenge you were invited to; your logs stop counting in it.'
        : 'Cancel a challenge you created, before it ends.',
    details: `  ID              the id shown by \`wolfpack challenge list\` (6 or more characters)\n${COMMON_HELP}`,
    async run(args, ctx) {
      const { values, positionals } = parseCommand(args, {});
      if (values.help) return showHelp(ctx, command);
      const typed = exactlyOne(positionals, 'a challenge id');
      return withRelay(ctx, values.profile, async (live, membership) => {
        const ask_ = <T>(call: () => Promise<T>) => ask(membership, call);
        const { challenges } = await ask_(() => live.session.request('challenge:list', {}));
        const target = matchChallenge(challenges, typed);
        const { challenge } = await ask_(() =>
          live.session.request(`challenge:${action}`, { challengeId: target.id }),
        );
        if (values.json) return printJson(ctx, { challenge });
        ctx.out(
          `${action === 'decline' ? 'Declined' : 'Cancelled'}: ${shown(challenge.title)}  [${shortId(challenge.id)}]`,
        );
        return 0;
      });
    },
  };
  return command;
}

export const challengeCommands: Record<string, Command> = {
  new: create,
  list,
  decline: changeCommand('decline'),
  cancel: changeCommand('cancel'),
};
