import { isValidLocalDate } from '../../core/time-window.ts';
import { parseCommand } from '../args.ts';
import { COMMON_HELP } from '../command.ts';
import type { Command } from '../command.ts';
import { usageError } from '../errors.ts';
import { ask, withRelay } from '../live.ts';
import { printJson, showHelp } from '../output.ts';
import { recapText, streaksText } from '../progress-table.ts';
import { sceneFrom } from '../scene.ts';

export const recapCommand: Command = {
  usage: 'wolfpack recap [--week YYYY-MM-DD] [--json]',
  summary: 'Last week per member: counts against the week before, challenges won and lost, streaks.',
  details: `
  --week DAY   the pack's week that holds this day (default: last week)
  --json       print JSON (the WeeklyRecap)
${COMMON_HELP}`,
  async run(args, ctx) {
    const { values, positionals } = parseCommand(args, { week: { type: 'string' } });
    if (values.help) return showHelp(ctx, recapCommand);
    if (positionals.length > 0)
      throw usageError('recap takes no arguments; pick a week with --week YYYY-MM-DD');
    // Checked here too, so a typo is a usage error (exit 2) and never reaches the relay.
    if (values.week !== undefined && !isValidLocalDate(values.week))
      throw usageError(`--week: "${values.week}" is not a date like 2026-03-02`);
    return withRelay(ctx, values.profile, async (live, membership, snapshot) => {
      const request = values.week === undefined ? {} : { weekStart: values.week };
      const { recap } = await ask(membership, () => live.session.request('recap:week', request));
      if (values.json) return printJson(ctx, recap);
      ctx.out(recapText(sceneFrom(snapshot, live.mirror), recap));
      return 0;
    });
  },
};

export const streaksCommand: Command = {
  usage: 'wolfpack streaks [--json]',
  summary: 'Streaks, daily targets, best days and best weeks of everyone in the pack.',
  details: `
  --json       print JSON (the ProgressReport)
${COMMON_HELP}`,
  async run(args, ctx) {
    const { values, positionals } = parseCommand(args, {});
    if (values.help) return showHelp(ctx, streaksCommand);
    if (positionals.length > 0) throw usageError('streaks takes no arguments');
    return withRelay(ctx, values.profile, async (live, membership, snapshot) => {
      const { report } = await ask(membership, () => live.session.request('progress:get', {}));
      if (values.json) return printJson(ctx, report);
      ctx.out(streaksText(sceneFrom(snapshot, live.mirror), report));
      return 0;
    });
  },
};
