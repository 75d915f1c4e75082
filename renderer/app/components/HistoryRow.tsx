import { describeResult } from '../../../core/format.ts';
import { outcomeLabel } from '../../../core/outcome.ts';
import { findMetric, metricNoun } from '../../../core/metrics.ts';
import type { ChallengeView } from '../../../core/types.ts';
import { endedAgo } from '../logic/feed-lines.ts';
import { outcomeFor, scoreLine } from '../logic/history.ts';
import { nameOf } from '../logic/standings.ts';
import type { AppView } from '../services.ts';
import { Link } from './Link.tsx';
import { RematchButton } from './RematchButton.tsx';

/** Every row is this tall, so the windowed list can place rows without measuring them. */
export const ROW_HEIGHT = 76;

export function resultLine(challenge: ChallengeView, state: AppView): string {
  const youId = state.you?.id ?? '';
  const metric = findMetric(state.metrics, challenge.metric);
  const noun = metric ? metricNoun(metric, 2) : challenge.metric;
  if (!challenge.result) return 'No result';
  return describeResult(
    challenge.result,
    youId,
    (id) => nameOf(state.members, id, youId),
    noun,
    challenge.format,
  );
}

export function HistoryRow({ challenge, state }: { challenge: ChallengeView; state: AppView }) {
  const youId = state.you?.id ?? '';
  const outcome = outcomeFor(challenge, youId);
  const ended = challenge.result?.endedAt ?? challenge.endedAt ?? challenge.end;
  return (
    <div className="history-row" data-testid="history-row">
      <div className="history-main">
        <Link to={{ name: 'history', challengeId: challenge.id }}>{challenge.title}</Link>
        <span className="result-line">{resultLine(challenge, state)}</span>
        <span className="scores">
          {scoreLine(challenge, (id) => nameOf(state.members, id, youId))} · ended{' '}
          {endedAgo(ended, Date.now())}
        </span>
      </div>
      {outcome ? (
        <span className={`outcome outcome-${outcome}`}>{outcomeLabel(outcome)}</span>
      ) : (
        <span className="outcome" />
      )}
      <RematchButton challenge={challenge} state={state} />
    </div>
  );
}
