import type { Snapshot } from '../../core/types.ts';
import { parseCommand } from '../args.ts';
import { COMMON_HELP } from '../command.ts';
import type { Command } from '../command.ts';
import type { CliContext } from '../context.ts';
import { CliError, usageError } from '../errors.ts';
import { loadMembership, openOutbox, startLive } from '../live.ts';
import type { Live, Membership } from '../live.ts';
import { ONLINE_TIMEOUT_MS, showHelp } from '../output.ts';
import { feedLine, nameOf, resultLine, scoreLine, shortId, standingsLine, whenLine } from '../render.ts';
import { reportRejections, sceneFrom } from '../scene.ts';

export const watchCommand: Command = {
  usage: 'wolfpack watch',
  summary: "Print the pack's activity, standings changes and results as they happen, until Ctrl-C.",
  details: COMMON_HELP,
  async run(args, ctx) {
    const { values, positionals } = parseCommand(args, {});
    if (values.help) return showHelp(ctx, watchCommand);
    if (positionals.length > 0) throw usageError('watch takes no arguments');
    const membership = await loadMembership(ctx, values.profile);
    // No outbox of its own: holding its lock for hours would block `wolfpack log` in another terminal.
    const live = startLive(membership, { results: true });
    try {
      const first = await live.online(ONLINE_TIMEOUT_MS);
      return await watch(ctx, live, membership, first);
    } finally {
      await live.close();
    }
  },
};

async function watch(ctx: CliContext, live: Live, membership: Membership, first: Snapshot): Promise<number> {
  const { session, mirror } = live;
  let snapshot = first;
  const scene = () => sceneFrom(snapshot, mirror);
  const shown = new Map<string, string>();
  const showStandings = (announceAll: boolean) => {
    for (const challenge of mirror.challenges()) {
      const score = scoreLine(scene(), challenge.standings);
      if (!announceAll && shown.get(challenge.id) === score) continue;
      shown.set(challenge.id, score);
      ctx.out(standingsLine(scene(), challenge));
    }
  };

  ctx.out(`Watching pack "${first.pack.name}" as ${first.you.displayName}. Press Ctrl-C to stop.`);
  for (const view of live.results) ctx.out(`Result: ${resultLine(scene(), view)}`);
  showStandings(true);
  await sendQueued(ctx, live, membership, snapshot);

  let wasOnline = true;
  const stops = [
    session.on('snapshot', (next) => (snapshot = next)),
    session.on('feed', (entry) => ctx.out(feedLine(scene(), entry))),
    mirror.on('change', ({ kind }) => {
      if (kind === 'standings' || kind === 'snapshot') showStandings(false);
    }),
    session.on('challenge', ({ change, challenge }) => {
      const id = `[${shortId(challenge.id)}]`;
      if (change === 'created')
        ctx.out(`New challenge: ${challenge.title} ${id}, ${whenLine(scene(), challenge, ctx.now())}`);
      if (change === 'started') ctx.out(`Started: ${challenge.title} ${id}`);
      if (change === 'cancelled') ctx.out(`Cancelled: ${challenge.title} ${id}`);
      if (change === 'ended' || change === 'cancelled') shown.delete(challenge.id);
    }),
    session.on('result', (view) => ctx.out(`Result: ${resultLine(scene(), view)}`)),
    session.on('member', ({ change, member }) => {
      ctx.out(`${nameOf(scene(), member.id)} ${change === 'joined' ? 'joined' : 'left'} the pack`);
    }),
    session.on('connection', ({ state }) => {
      if (state === 'online' && !wasOnline) {
        ctx.out('Back online.');
        void sendQueued(ctx, live, membership, snapshot);
      }
      if (state !== 'online' && wasOnline) ctx.out('Lost the relay; reconnecting...');
      wasOnline = state === 'online';
    }),
  ];
  try {
    return await new Promise<number>((resolve, reject) => {
      const stopInterrupt = ctx.onInterrupt(() => {
        stopInterrupt();
        resolve(0);
      });
      stops.push(stopInterrupt);
      stops.push(
        session.on('error', (error) => {
          if (error.fatal)
            reject(
              new CliError(`the relay at ${membership.config.relayUrl} ended the session: ${error.message}`),
            );
        }),
      );
    });
  } finally {
    for (const stop of stops) stop();
  }
}

/** Borrows the outbox just long enough to send what other commands queued while offline. */
async function sendQueued(
  ctx: CliContext,
  live: Live,
  membership: Membership,
  snapshot: Snapshot,
): Promise<void> {
  let outbox;
  try {
    outbox = await openOutbox(membership.paths, 200);
  } catch {
    // Another command holds it and is sending right now.
    return;
  }
  try {
    if (outbox.size === 0) return;
    live.session.useOutbox(outbox);
    const report = await live.session.flush();
    reportRejections(ctx, live, snapshot, report.rejected);
  } finally {
    live.session.useOutbox(null);
    await outbox.close();
  }
}
