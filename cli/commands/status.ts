import { parseCommand } from '../args.ts';
import { COMMON_HELP } from '../command.ts';
import type { Command } from '../command.ts';
import { usageError } from '../errors.ts';
import { withRelay } from '../live.ts';
import { printJson, showHelp } from '../output.ts';
import { challengeBlock, resultLine, shown } from '../render.ts';
import { reportRejections, sceneFrom } from '../scene.ts';

export const statusCommand: Command = {
  usage: 'wolfpack status [--json]',
  summary: 'Live standings of your open challenges, queued logs, and results you have not seen yet.',
  details: `  --json          print JSON (pack, you, queued, challenges, results)\n${COMMON_HELP}`,
  async run(args, ctx) {
    const { values, positionals } = parseCommand(args, {});
    if (values.help) return showHelp(ctx, statusCommand);
    if (positionals.length > 0) throw usageError('status takes no arguments');
    return withRelay(
      ctx,
      values.profile,
      async (live, _membership, snapshot) => {
        const report = await live.session.flush();
        reportRejections(ctx, live, snapshot, report.rejected);
        const challenges = live.mirror.challenges();
        const queued = live.session.queued;
        if (values.json) {
          const { pack, you } = snapshot;
          return printJson(ctx, { pack, you, queued, challenges, results: live.results });
        }
        const scene = sceneFrom(snapshot, live.mirror);
        const lines = [
          `Pack "${shown(snapshot.pack.name)}", you are ${shown(snapshot.you.displayName)}. ` +
            (queued === 0 ? 'Nothing queued.' : `${queued} event${queued === 1 ? '' : 's'} still queued.`),
        ];
        if (challenges.length === 0)
          lines.push('', 'No open challenges. Start one with `wolfpack challenge new`.');
        for (const challenge of challenges) lines.push('', ...challengeBlock(scene, challenge, ctx.now()));
        if (live.results.length > 0) {
          lines.push('', 'Results:', ...live.results.map((view) => `  ${resultLine(scene, view)}`));
        }
        ctx.out(lines.join('\n'));
        return 0;
      },
      { results: true },
    );
  },
};
