import { paceWords } from '../../../core/pace.ts';
import type { ChallengeView } from '../../../core/types.ts';
import { nameOf } from '../logic/standings.ts';
import type { AppView } from '../services.ts';

/** Under a card's standings: where the current rate leads ("On pace for 41, Sam 38"). */
export function PaceLine({
  challenge,
  state,
  now,
}: {
  challenge: ChallengeView;
  state: AppView;
  now: number;
}) {
  const youId = state.you?.id ?? null;
  const words = paceWords(challenge, now, {
    youId,
    names: (id) => nameOf(state.members, id, youId),
    timeZone: state.pack?.timeZone ?? 'UTC',
  });
  if (!words) return null;
  return (
    <p className="pace-line" data-testid="pace">
      {words.charAt(0).toUpperCase() + words.slice(1)}
    </p>
  );
}
