import { formatInstant } from '../../../core/format.ts';
import type { ChallengeView } from '../../../core/types.ts';
import { nameOf } from '../logic/standings.ts';
import type { AppView } from '../services.ts';
import { resultLine } from './HistoryRow.tsx';
import { RematchButton } from './RematchButton.tsx';
import { ResultCard } from './ResultCard.tsx';

/** One ended challenge in full: the final standings, the margin, the stake. */
export function HistoryDetail(props: { challenge: ChallengeView | null; loading: boolean; state: AppView }) {
  const { challenge, loading, state } = props;
  if (!challenge) {
    return (
      <section className="card">
        <p>{loading ? 'Loading…' : 'This challenge is not among the recent ended ones.'}</p>
      </section>
    );
  }
  const youId = state.you?.id ?? '';
  const zone = state.pack?.timeZone ?? 'UTC';
  const result = challenge.result;
  return (
    <section className="card detail" aria-labelledby="detail-title" data-testid="history-detail">
      <h2 id="detail-title">{challenge.title}</h2>
      <p className="result-line big">{resultLine(challenge, state)}</p>
      <p className="meta">
        {formatInstant(challenge.start, zone)} – {formatInstant(challenge.end, zone)}
        {result ? ` · margin ${result.margin}` : ''}
        {challenge.stake ? ` · stake: ${challenge.stake}` : ''}
      </p>
      <table className="h2h">
        <thead>
          <tr>
            <th scope="col">Rank</th>
            <th scope="col">Member</th>
            <th scope="col">Count</th>
          </tr>
        </thead>
        <tbody>
          {(result?.standings ?? challenge.standings).map((s) => (
            <tr key={s.memberId}>
              <td>{s.rank}</td>
              <th scope="row">{nameOf(state.members, s.memberId, youId)}</th>
              <td>{s.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <RematchButton challenge={challenge} state={state} />
      {result ? <ResultCard key={challenge.id} challenge={challenge} state={state} /> : null}
    </section>
  );
}
