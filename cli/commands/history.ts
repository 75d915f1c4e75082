import { formatInstant } from '../../core/format.ts';
import { findMetric } from '../../core/metrics.ts';
import { LIMITS } from '../../core/protocol.ts';
import type { RequestOf } from '../../core/protocol.ts';
import type { ChallengeView } from '../../core/types.ts';
import { parseCommand, positiveInteger } from '../args.ts';
import { COMMON_HELP } from '../command.ts';
import type { Command } from '../command.ts';
import { usageError } from '../errors.ts';
import { ask, withRelay } from '../live.ts';
import { printJson, showHelp } from '../output.ts';
import { manyOf, resultLine } from '../render.ts';
import { sceneFrom } from '../scene.ts';

export const historyCommand: Command = {
  usage: 'wolfpack history [--limit N] [--metric METRIC] [--json]',
  summary: 'Ended challenges and their results, newest first.',
  details: `
  --limit N        how many (default 20)
  --metric METRIC  only challenges on this metric
  --json           print JSON (items, nextCursor)
${COMMON_HELP}`,
  async run(args, ctx) {
    const { values, positionals } = parseCommand(args, {
      limit: { type: 'string' },
      metric: { type: 'string' },
    });
    if (values.help) return showHelp(ctx, historyCommand);
    if (positionals.length > 0) throw usageError('history takes no arguments');
    const limit = values.limit === undefined ? 20 : positiveInteger(values.limit, '--limit', 10_000);
    return withRelay(ctx, values.profile, async (live, membership, snapshot) => {
      // The relay filters by whatever it is given, so a mistyped metric read "No ended challenges yet".
      const metric = values.metric === undefined ? undefined : findMetric(snapshot.metrics, values.metric);
      if (values.metric !== undefined && !metric) {
        throw usageError(
          `unknown metric "${values.metric}"; this pack counts ${snapshot.metrics.map((m) => m.id).join(', ')}`,
        );
      }
      const items: ChallengeView[] = [];
      let cursor: string | null = null;
      // The relay pages; keep asking until there are enough or it has no more.
      do {
        const request: RequestOf<'history:challenges'> = {
          limit: Math.min(limit - items.length, LIMITS.historyPage),
        };
        if (cursor) request.cursor = cursor;
        if (values.metric) request.metric = values.metric;
        const page = await ask(membership, () => live.session.request('history:challenges', request));
        items.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor && items.length < limit);
      if (values.json) return printJson(ctx, { items, nextCursor: cursor });
      if (items.length === 0) {
        ctx.out(metric ? `No ended challenges on ${manyOf(metric)} yet.` : 'No ended challenges yet.');
        return 0;
      }
      const scene = sceneFrom(snapshot, live.mirror);
      ctx.out(
        items
          .map((c) => `${formatInstant(c.endedAt ?? c.end, scene.timeZone)}  ${resultLine(scene, c)}`)
          .join('\n'),
      );
      return 0;
    });
  },
};
