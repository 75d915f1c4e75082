import { formatInstant } from '../../core/format.ts';
import { profilePaths } from '../../client/profile.ts';
import { parseCommand } from '../args.ts';
import { COMMON_HELP } from '../command.ts';
import type { Command } from '../command.ts';
import type { CliContext } from '../context.ts';
import { UnreachableError, usageError } from '../errors.ts';
import { readLastStandings, saveLastStandings } from '../last-standings.ts';
import type { LastStandings } from '../last-standings.ts';
import { openOutbox, profileDirFor, withRelay } from '../live.ts';
import { printJson, showHelp } from '../output.ts';
import { challengeBlock, resultLine, shown } from '../render.ts';
import type { Scene } from '../render.ts';
import { reportRejections, sceneFrom } from '../scene.ts';

export const statusCommand: Command = {
  usage: 'wolfpack status [--json]',
  summary: 'Live standings of your open challenges, queued logs, and results you have not seen yet.',
  details: `  --json          print JSON (pack, you, queued, challenges, results; offline and asOf
                  when the relay is down and the last known standings are shown)
${COMMON_HELP}`,
  async run(args, ctx) {
    const { values, positionals } = parseCommand(args, {});
    if (values.help) return showHelp(ctx, statusCommand);
    if (positionals.length > 0) throw usageError('status takes no arguments');
    try {
      return await liveStatus(ctx, values.profile, values.json ?? false);
    } catch (error) {
      if (!(error instanceof UnreachableError)) throw error;
      await showLastKnown(ctx, profileDirFor(ctx, values.profile), values.json ?? false);
      // Still a failure (exit 1, the reason on stderr): the standings shown may be out of date,
      // and a script must be able to tell them from live ones.
      throw error;
    }
  },
};

function headLine(pack: { name: string }, you: { displayName: string }, queued: number): string {
  return (
    `Pack "${shown(pack.name)}", you are ${shown(you.displayName)}. ` +
    (queued === 0 ? 'Nothing queued.' : `${queued} event${queued === 1 ? '' : 's'} still queued.`)
  );
}

function challengeLines(scene: Scene, challenges: LastStandings['challenges'], now: number): string[] {
  if (challenges.length === 0) return ['', 'No open challenges. Start one with `wolfpack challenge new`.'];
  return challenges.flatMap((challenge) => ['', ...challengeBlock(scene, challenge, now)]);
}

function liveStatus(ctx: CliContext, profile: string | undefined, json: boolean): Promise<number> {
  return withRelay(
    ctx,
    profile,
    async (live, membership, snapshot) => {
      const report = await live.session.flush();
      reportRejections(ctx, live, snapshot, report.rejected);
      const challenges = live.mirror.challenges();
      const queued = live.session.queued;
      const scene = sceneFrom(snapshot, live.mirror);
      const { pack, you } = snapshot;
      const last = {
        savedAt: ctx.now(),
        pack,
        you,
        members: [...scene.members],
        metrics: [...scene.metrics],
      };
      await saveLastStandings(membership.paths.dir, { ...last, challenges }).catch(() => undefined);
      if (json) return printJson(ctx, { pack, you, queued, challenges, results: live.results });
      const lines = [headLine(pack, you, queued), ...challengeLines(scene, challenges, ctx.now())];
      if (live.results.length > 0) {
        lines.push('', 'Results:', ...live.results.map((view) => `  ${resultLine(scene, view)}`));
      }
      ctx.out(lines.join('\n'));
      return 0;
    },
    { results: true },
  );
}

/** The standings `status` last saw, under a line saying they are old; nothing if it never saw any. */
async function showLastKnown(ctx: CliContext, profileDir: string, json: boolean): Promise<void> {
  const last = await readLastStandings(profileDir);
  if (!last) return;
  const queued = await queuedCount(profileDir);
  const { pack, you, members, metrics, challenges, savedAt } = last;
  if (json) {
    printJson(ctx, { pack, you, queued, challenges, results: [], offline: true, asOf: savedAt });
    return;
  }
  const scene: Scene = { youId: you.id, members, metrics, timeZone: pack.timeZone };
  ctx.out(
    [
      `Relay unreachable: last known standings from ${formatInstant(savedAt, pack.timeZone)}.`,
      headLine(pack, you, queued),
      ...challengeLines(scene, challenges, ctx.now()),
    ].join('\n'),
  );
}

async function queuedCount(profileDir: string): Promise<number> {
  const outbox = await openOutbox(profilePaths(profileDir));
  try {
    return outbox.size;
  } finally {
    await outbox.close();
  }
}
