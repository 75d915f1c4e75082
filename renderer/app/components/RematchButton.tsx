import type { ChallengeView } from '../../../core/types.ts';
import { useApp } from '../context.ts';
import { rematchRequest } from '../logic/challenge-requests.ts';
import type { CreateRequest } from '../logic/challenge-requests.ts';
import type { AppView } from '../services.ts';
import { ErrorText } from './ErrorText.tsx';
import { useAction } from './use-action.ts';

/** The same challenge again, with the same partners, starting now. */
export function RematchButton({ challenge, state }: { challenge: ChallengeView; state: AppView }) {
  const { services, navigate } = useApp();
  const create = useAction(
    (request: CreateRequest) => services.api.createChallenge(request),
    (done) => navigate({ name: 'live', challengeId: done.challenge.id }),
  );
  const zone = state.pack?.timeZone ?? 'UTC';
  return (
    <span className="rematch">
      <button
        type="button"
        className="ghost"
        disabled={create.busy}
        aria-label={`Rematch: ${challenge.title}`}
        onClick={() => void create.run(rematchRequest(challenge, Date.now(), zone))}
      >
        Rematch
      </button>
      <ErrorText error={create.error} />
    </span>
  );
}
