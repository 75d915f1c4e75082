import type { Snapshot } from '../../core/types.ts';
import { parseCommand } from '../args.ts';
import { COMMON_HELP } from '../command.ts';
import type { Command } from '../command.ts';
import type { CliContext } from '../context.ts';
import { CliError, usageError } from '../errors.ts';
import { loadMembership, openOutbox, startLive } from '../live.ts';
import type { Live, Membership } from '../live.ts';
import { ONLINE_TIMEOUT_MS, showHelp } from '../output.ts';
import { reportRejections, sceneFrom } from '../scene.ts';
import { WATCH_JSON_KINDS, jsonOutput, textOutput } from '../watch-output.ts';
import type { WatchOutput } from '../watch-output.ts';

export const watchCommand: Command = {
  usage: 'wolfpack watch [--json]',
  summary: "Print the pack's activity, standings changes and results as they happen, until Ctrl-C.",
  details: `
  --json          one JSON object per line, {"kind": ..., "payload": ...}; the kinds:
                  ${WATCH_JSON_KINDS.join(', ')}
${COMMON_HELP}`,
  async run(args, ctx) {
    const { values, positionals } = parseCommand(args, {});
    if (values.help) return showHelp(ctx, watchCommand);
    if (positionals.length > 0) throw usageError('watch takes no arguments');
    const membership = await loadMembership(ctx, values.profile);
    // No outbox of its own: holding its lock for hours would block `wolfpack log` in another terminal.
    const live = startLive(membership, { results: true });
    try {
      const first = await live.online(ONLINE_TIMEOUT_MS);
      const scene = () => sceneFrom(live.session.snapshot ?? first, live.mirror);
      const out = values.json ? jsonOutput(ctx) : textOutput(ctx, scene);
      return await watch(ctx, live, membership, first, out);
    } finally {
      await live.close();
    }
  },
};

async function watch(
  ctx: CliContext,
  live: Live,
  membership: Membership,
  first: Snapshot,
  out: WatchOutput,
): Promise<number> {
  const { session, mirror } = live;
  /** The counts last printed per challenge, so only a change prints a line. */
  const shown = new Map<string, string>();
  const showStandings = (announceAll: boolean) => {
    for (const challenge of mirror.challenges()) {
      const counts = JSON.stringify(challenge.standings.map((s) => [s.memberId, s.count]));
      if (!announceAll && shown.get(challenge.id) === counts) continue;
      shown.set(challenge.id, counts);
      out.standings(challenge);
    }
  };

  out.watching(first);
  for (const view of live.results) out.result(view);
  showStandings(true);
  await sendQueued(ctx, live, membership, first);

  let wasOnline = true;
  const stops = [
    session.on('feed', (entry) => out.feed(entry)),
    mirror.on('change', ({ kind }) => {
      if (kind === 'standings' || kind === 'snapshot') showStandings(false);
    }),
    session.on('challenge', ({ change, challenge }) => {
      out.challenge(change, challenge);
      if (change === 'ended' || change === 'cancelled') shown.delete(challenge.id);
    }),
    session.on('result', (view) => out.result(view)),
    session.on('member', ({ change, member }) => out.member(change, member)),
    session.on('metric', (metric) => out.metric(metric)),
    session.on('pack', (pack) => out.pack(pack)),
    session.on('connection', ({ state }) => {
      const online = state === 'online';
      if (online !== wasOnline) out.connection(state);
      if (online && !wasOnline) void sendQueued(ctx, live, membership, session.snapshot ?? first);
      wasOnline = online;
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
    // Another command or the desktop app holds it, and sends what it holds itself.
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
