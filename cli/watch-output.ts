import type { MetricDef } from '../core/metrics.ts';
import type { ChallengeView, FeedEntry, Member, Pack, Snapshot } from '../core/types.ts';
import type { ChallengeChange, ConnectionState } from '../client/session-events.ts';
import type { CliContext } from './context.ts';
import { feedLine, nameOf, resultLine, shortId, shown, standingsLine, whenLine } from './render.ts';
import type { Scene } from './render.ts';

/** What `watch` reports; each call prints one line, as text for people or JSON for scripts. */
export interface WatchOutput {
  watching(snapshot: Snapshot): void;
  feed(entry: FeedEntry): void;
  standings(challenge: ChallengeView): void;
  result(view: ChallengeView): void;
  challenge(change: ChallengeChange, challenge: ChallengeView): void;
  member(change: 'joined' | 'left', member: Member): void;
  metric(metric: MetricDef): void;
  pack(pack: Pack): void;
  connection(state: ConnectionState): void;
}

/** The kinds of `watch --json` lines, as named in its --help. */
export const WATCH_JSON_KINDS = [
  'watching',
  'feed',
  'standings',
  'result',
  'challenge',
  'member',
  'metric',
  'pack',
  'connection',
] as const satisfies readonly (keyof WatchOutput)[];

/** `{"kind": ..., "payload": ...}` per line, so a script can read the stream line by line. */
export function jsonOutput(ctx: CliContext): WatchOutput {
  const line = (kind: (typeof WATCH_JSON_KINDS)[number], payload: unknown) =>
    ctx.out(JSON.stringify({ kind, payload }));
  return {
    watching: ({ pack, you }) => line('watching', { pack, you }),
    feed: (entry) => line('feed', entry),
    standings: (challenge) => line('standings', challenge),
    result: (view) => line('result', view),
    challenge: (change, challenge) => line('challenge', { change, challenge }),
    member: (change, member) => line('member', { change, member }),
    metric: (metric) => line('metric', metric),
    pack: (pack) => line('pack', pack),
    connection: (state) => line('connection', { state }),
  };
}

export function textOutput(ctx: CliContext, scene: () => Scene): WatchOutput {
  return {
    watching: ({ pack, you }) =>
      ctx.out(`Watching pack "${shown(pack.name)}" as ${shown(you.displayName)}. Press Ctrl-C to stop.`),
    feed: (entry) => ctx.out(feedLine(scene(), entry)),
    standings: (challenge) => ctx.out(standingsLine(scene(), challenge)),
    result: (view) => ctx.out(`Result: ${resultLine(scene(), view)}`),
    challenge: (change, challenge) => {
      const id = `[${shortId(challenge.id)}]`;
      const title = shown(challenge.title);
      // An update (a decline) shows in the standings; an end shows as its result.
      if (change === 'created')
        ctx.out(`New challenge: ${title} ${id}, ${whenLine(scene(), challenge, ctx.now())}`);
      if (change === 'started') ctx.out(`Started: ${title} ${id}`);
      if (change === 'cancelled') ctx.out(`Cancelled: ${title} ${id}`);
    },
    member: (change, member) =>
      ctx.out(`${nameOf(scene(), member.id)} ${change === 'joined' ? 'joined' : 'left'} the pack`),
    metric: (metric) =>
      ctx.out(`New metric: ${metric.id} (${shown(metric.label)}). Log it with: wolfpack log ${metric.id}`),
    pack: (pack) => {
      const owner =
        pack.ownerId === scene().youId ? 'You now own' : `${nameOf(scene(), pack.ownerId)} now owns`;
      ctx.out(`${owner} the pack "${shown(pack.name)}"`);
    },
    connection: (state) => ctx.out(state === 'online' ? 'Back online.' : 'Lost the relay; reconnecting...'),
  };
}
