import { useEffect, useState } from 'react';
import { useNow } from '../hooks.ts';
import { isAway, offlineRaces } from '../logic/offline-race.ts';
import type { AppView } from '../services.ts';

/**
 * A race is decided by when a log reaches the relay, not when it was made (docs/protocol.md,
 * "A race counts a log when it reaches the relay"): a rep logging offline must know that their
 * queued calls are not yet in the race, or they believe they crossed the line first.
 */
export function OfflineRaceNotice({ state }: { state: AppView }) {
  // Ticks on its own: "connecting" turns into being away after a few seconds with no new state.
  const now = useNow(1000);
  const connection = state.connection.state;
  const online = connection === 'online';
  // When it last stopped being online; this page's load counts as such a moment.
  const [since, setSince] = useState(() => Date.now());
  useEffect(() => {
    if (!online) setSince(Date.now());
  }, [online]);
  const races = offlineRaces(state, now);
  if (!isAway(connection, since, now) || races.length === 0) return null;
  const names = races.length === 1 ? races[0] : `${races.slice(0, -1).join(', ')} and ${races.at(-1)}`;
  return (
    <p className="offline-race" role="status" data-testid="offline-race">
      <strong>You&rsquo;re offline:</strong> in {names}, logs count when they reach the relay, not when you
      make them.
    </p>
  );
}
