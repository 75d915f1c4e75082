import { appendBests } from '../../client/bests.ts';
import { attachMirror } from '../../client/mirror-binding.ts';
import { followRewrites, withSnapshot } from '../../client/profile-cache.ts';
import { RelaySession } from '../../client/session.ts';
import { announce } from './announcements.ts';
import type { DesktopApp } from './desktop-app.ts';
import type { Membership } from './membership.ts';

/** As many cheers as the relay's snapshot carries. */
const CHEERS_KEPT = 50;
/** The Just ended banner shows the last three; a few more ride along for the win moment. */
const RESULTS_KEPT = 10;

/** The relay session of a membership, with the app's outbox and its ledger of results shown. */
export function packSession(app: DesktopApp, membership: Membership, token: string): RelaySession {
  return new RelaySession({
    url: membership.relayUrl,
    // Other nodes of the same relay from the settings, tried in turn when this one is down.
    alternates: app.settings.get().relayUrls.filter((u) => u !== membership.relayUrl),
    token,
    outbox: app.outbox,
    results: {
      hasShown: (id) => app.cache.hasShown(id),
      markShown: async (id) => {
        app.cache.markShown(id);
        await app.cache.save();
      },
    },
    connect: app.deps.connect,
  });
}

/**
 * Keeps the app in step with its session: the mirror, notifications, the cache and the cheers,
 * and the tray on every change. Returns the functions that stop each listener.
 */
export function followSession(app: DesktopApp, session: RelaySession): (() => void)[] {
  return [
    attachMirror(session, app.mirror),
    announce(app, session),
    followRewrites(session, app.cache),
    session.on('snapshot', (snapshot) => {
      app.cache.update((c) => withSnapshot(c, snapshot));
      app.cheers = snapshot.cheers ?? [];
    }),
    session.on('cheer', (cheer) => {
      if (app.cheers.some((c) => c.id === cheer.id)) return;
      app.cheers = [...app.cheers, cheer].slice(-CHEERS_KEPT);
      app.refresh();
    }),
    // The window's Just ended banner, its win moment and result card, as on the web app.
    session.on('result', (view) => {
      app.results = [...app.results.filter((r) => r.id !== view.id), view].slice(-RESULTS_KEPT);
      app.refresh();
    }),
    session.on('bests', ({ bests, at }) => {
      app.bests = appendBests(app.bests, bests, at);
      app.refresh();
    }),
    session.on('connection', () => app.refresh()),
  ];
}
