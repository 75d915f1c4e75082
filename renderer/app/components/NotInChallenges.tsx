import type { ChallengeView } from '../../../core/types.ts';
import { useApp } from '../context.ts';
import type { CreateRequest } from '../logic/challenge-requests.ts';
import { everyoneHint, everyoneRequest, leadWords, missedChallenges } from '../logic/not-in-challenges.ts';
import { timeLeftLabel } from '../logic/standings.ts';
import type { AppView } from '../services.ts';
import { ErrorText } from './ErrorText.tsx';
import { useAction } from './use-action.ts';

/**
 * For a member who joined while challenges were running: which ones they can only watch, and the
 * one thing that helps. The relay cannot add a member to a running challenge, so the offer is the
 * same contest again with the whole pack.
 */
export function NotInChallenges({ state, now }: { state: AppView; now: number }) {
  const you = state.you;
  const missed = you ? missedChallenges(you, state.challenges) : [];
  if (missed.length === 0) return null;
  const count = missed.length === 1 ? '1 challenge' : `${missed.length} challenges`;
  return (
    <section className="card not-in" aria-labelledby="not-in-title" data-testid="not-in">
      <h2 id="not-in-title">You&rsquo;re not in {count} that started before you joined</h2>
      <ul>
        {missed.map((challenge) => (
          <li key={challenge.id} data-testid="not-in-challenge">
            <span className="not-in-what">
              <span className="not-in-title">{challenge.title}</span>
              <span className="not-in-meta">
                {leadWords(challenge, state.members, you?.id ?? null)} · {timeLeftLabel(challenge, now)}
              </span>
            </span>
            <EveryoneRematch challenge={challenge} state={state} now={now} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** "Rematch with everyone": the same contest for every active member, from now. */
export function EveryoneRematch({
  challenge,
  state,
  now,
  label = 'Rematch with everyone',
}: {
  challenge: ChallengeView;
  state: AppView;
  now: number;
  label?: string;
}) {
  const { services, navigate } = useApp();
  const create = useAction(
    (request: CreateRequest) => services.api.createChallenge(request),
    (done) => navigate({ name: 'live', challengeId: done.challenge.id }),
  );
  const zone = state.pack?.timeZone ?? 'UTC';
  const hintId = `everyone-${challenge.id}-hint`;
  return (
    <span className="everyone-rematch">
      <button
        type="button"
        disabled={create.busy}
        aria-label={`${label}: ${challenge.title}`}
        aria-describedby={hintId}
        onClick={() => void create.run(everyoneRequest(challenge, Date.now(), zone))}
      >
        {label}
      </button>
      <span className="hint" id={hintId}>
        {everyoneHint(challenge, now)}
      </span>
      <ErrorText error={create.error} />
    </span>
  );
}
