import { useEffect } from 'react';
import { ChallengeCard } from '../components/ChallengeCard.tsx';
import { Feed } from '../components/Feed.tsx';
import { InviteCard } from '../components/InviteCard.tsx';
import { Link } from '../components/Link.tsx';
import { LiveSummary } from '../components/LiveSummary.tsx';
import { LogPanel } from '../components/LogPanel.tsx';
import { NotInChallenges } from '../components/NotInChallenges.tsx';
import { ResultsBanner } from '../components/ResultsBanner.tsx';
import { StreakStrip } from '../components/StreakStrip.tsx';
import { useNow } from '../hooks.ts';
import type { AppView } from '../services.ts';

/** Every open challenge with its standings, the log buttons and the pack's feed. */
export function Live({ state, focusId }: { state: AppView; focusId: string | null }) {
  const now = useNow(1000);
  const challenges = [...state.challenges].sort((a, b) => a.end - b.end);
  useEffect(() => {
    if (focusId) document.getElementById(`challenge-${focusId}`)?.scrollIntoView({ block: 'start' });
  }, [focusId]);
  return (
    <div className="live">
      <section className="live-main" aria-labelledby="live-title">
        <h1 id="live-title">Live challenges</h1>
        <LiveSummary state={state} now={now} />
        <ResultsBanner state={state} />
        <InviteCard state={state} />
        <NotInChallenges state={state} now={now} />
        {challenges.length === 0 ? (
          <div className="card empty">
            <p>No challenge is running.</p>
            <Link to={{ name: 'new' }}>Start one</Link>
          </div>
        ) : (
          challenges.map((challenge) => (
            <ChallengeCard
              key={challenge.id}
              challenge={challenge}
              state={state}
              now={now}
              focused={challenge.id === focusId}
            />
          ))
        )}
      </section>
      <aside className="live-side">
        <StreakStrip state={state} />
        <LogPanel state={state} />
        <Feed state={state} now={now} />
      </aside>
    </div>
  );
}
