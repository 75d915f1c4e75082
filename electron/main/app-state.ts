import type { AppState } from '../../core/app-api.ts';
import { pendingLogs } from '../../client/pending-logs.ts';
import type { DesktopApp } from './desktop-app.ts';

type StateSources = Pick<
  DesktopApp,
  | 'session'
  | 'mirror'
  | 'outbox'
  | 'membership'
  | 'cache'
  | 'hotkeys'
  | 'hosting'
  | 'cheers'
  | 'bests'
  | 'results'
  | 'metrics'
>;

/** What the windows and the tray show, from the live session, the mirror and the cache. */
export function appState(app: StateSources): AppState {
  const snapshot = app.session?.snapshot ?? null;
  const you = snapshot ? (app.mirror.member(snapshot.you.id) ?? snapshot.you) : null;
  return {
    connection: {
      state: app.session?.state ?? 'offline',
      queued: app.outbox?.size ?? 0,
      relayUrl: app.membership?.relayUrl ?? null,
    },
    you,
    pack: snapshot?.pack ?? app.cache?.current.pack ?? null,
    members: app.mirror.members(),
    metrics: app.metrics(),
    challenges: app.mirror.challenges(),
    feed: app.mirror.feed(),
    inviteCode: snapshot?.inviteCode ?? null,
    hotkeys: app.hotkeys.state(),
    hosting: app.hosting,
    cheers: app.cheers,
    bests: app.bests,
    results: app.results,
    pending: pendingLogs(app.outbox?.pending() ?? []),
  };
}
