import { METRIC_ID_PATTERN } from '../../core/metrics.ts';
import { LIMITS } from '../../core/protocol.ts';
import { withMetric } from '../../client/profile-cache.ts';
import { exactlyOne, parseCommand } from '../args.ts';
import { COMMON_HELP } from '../command.ts';
import type { Command } from '../command.ts';
import { usageError } from '../errors.ts';
import { ask, withRelay } from '../live.ts';
import { printJson, showHelp } from '../output.ts';
import { shown } from '../render.ts';

const add: Command = {
  usage: 'wolfpack metric add ID --label TEXT [--meeting-date]',
  summary: 'Add a metric your pack counts, next to call, appointment, proposal and forward_appointment.',
  details: `
  ID              a short lowercase id like demo or cold_email (used in \`wolfpack log ID\`)
  --label TEXT    the name people read, like "Demos"
  --meeting-date  each log of it carries the date of a booked meeting (--meeting DATE)
  --json          print the metric as JSON
${COMMON_HELP}`,
  async run(args, ctx) {
    const { values, positionals } = parseCommand(args, {
      label: { type: 'string' },
      'meeting-date': { type: 'boolean' },
    });
    if (values.help) return showHelp(ctx, add);
    const id = exactlyOne(positionals, 'a metric id, as in `wolfpack metric add demo --label Demos`');
    if (!METRIC_ID_PATTERN.test(id)) {
      throw usageError(
        `a metric id is a lowercase word like demo or cold_email (up to 32 characters), not "${id}"`,
      );
    }
    const label = values.label?.trim();
    if (!label) throw usageError('--label is required, like --label "Demos"');
    if (label.length > LIMITS.nameLength)
      throw usageError(`--label must be at most ${LIMITS.nameLength} characters`);
    return withRelay(ctx, values.profile, async (live, membership) => {
      const request = { id, label, needsMeetingDate: values['meeting-date'] ?? false };
      const { metric } = await ask(membership, () => live.session.request('metric:add', request));
      membership.cache.update((c) => withMetric(c, metric));
      if (values.json) return printJson(ctx, { metric });
      ctx.out(`Added metric ${metric.id} (${shown(metric.label)}). Log it with: wolfpack log ${metric.id}`);
      return 0;
    });
  },
};

export const metricCommands: Record<string, Command> = { add };
