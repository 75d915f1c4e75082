import { findMetric } from '../../../core/metrics.ts';
import { formatInstant } from '../../../core/format.ts';
import type { ChallengeView } from '../../../core/types.ts';
import { useApp } from '../context.ts';
import { progressLabel, standingRows, timeLeftLabel } from '../logic/standings.ts';
import type { AppView } from '../services.ts';
import { CheerButtons } from './CheerButtons.tsx';
import { ErrorText } from './ErrorText.tsx';
import { useAction } from './use-action.ts';

const FORMAT_WORDS = {
  most: 'Most wins',
  race: 'First to the target',
  goal: 'Everyone to the goal',
} as const;

/** One open challenge: its standings as bars, time left, each member's gap to the leader. */
export function ChallengeCard(props: {
  challenge: ChallengeView;
  state: AppView;
  now: number;
  focused: boolean;
}) {
  const { challenge, state, now, focused } = props;
  const { services } = useApp();
  const youId = state.you?.id ?? null;
  const rows = standingRows(challenge, state.members, youId);
  const zone = state.pack?.timeZone ?? 'UTC';
  const metric = findMetric(state.metrics, challenge.metric);
  const mine = challenge.creatorId === youId;
  const playing = challenge.participants.some((p) => p.memberId === youId && !p.declined);
  const cancel = useAction(services.api.cancelChallenge);
  const decline = useAction(services.api.declineChallenge);
  const titleId = `challenge-${challenge.id}-title`;
  return (
    <article
      className={`card challenge${focused ? ' focused' : ''}`}
      id={`challenge-${challenge.id}`}
      aria-labelledby={titleId}
      data-testid="challenge"
    >
      <header className="challenge-head">
        <h2 id={titleId}>{challenge.title}</h2>
        <p className="time-left" data-testid="time-left">
          {timeLeftLabel(challenge, now)}
        </p>
      </header>
      <p className="meta">
        {FORMAT_WORDS[challenge.format]}
        {challenge.target !== null ? ` · target ${challenge.target}` : ''} ·{' '}
        {metric?.label ?? challenge.metric} · {formatInstant(challenge.start, zone)} –{' '}
        {formatInstant(challenge.end, zone)}
        {challenge.repeat === 'weekly' ? ' · repeats weekly' : ''}
      </p>
      {challenge.stake ? <p className="stake">Stake: {challenge.stake}</p> : null}
      <ol className="standings" aria-label={`Standings in ${challenge.title}`}>
        {rows.map((row) => (
          <li key={row.memberId} className={row.isYou ? 'you' : undefined} data-testid="standing">
            <div className="standing-line">
              <span className="rank" aria-label={`rank ${row.rank}`}>
                {row.rank}
              </span>
              <span className="who" data-testid="standing-name">
                {row.name}
              </span>
              <span className="count" data-testid="standing-count">
                {row.count}
              </span>
            </div>
            <div className="bar" aria-hidden="true">
              <div className="bar-fill" style={{ width: `${row.barPercent}%` }} />
            </div>
            <div className="standing-foot">
              <span className="gap">
                {row.gap}
                {challenge.target !== null ? ` · ${progressLabel(row.count, challenge.target)}` : ''}
              </span>
              {!row.isYou && youId ? (
                <CheerButtons
                  target={{ challengeId: challenge.id, memberId: row.memberId }}
                  name={row.name}
                />
              ) : null}
            </div>
          </li>
        ))}
      </ol>
      <footer className="challenge-actions">
        {mine ? (
          <button
            type="button"
            className="ghost"
            disabled={cancel.busy}
            onClick={() => void cancel.run(challenge.id)}
          >
            Cancel challenge
          </button>
        ) : playing ? (
          <button
            type="button"
            className="ghost"
            disabled={decline.busy}
            onClick={() => void decline.run(challenge.id)}
          >
            Decline
          </button>
        ) : null}
        <ErrorText error={cancel.error ?? decline.error} />
      </footer>
    </article>
  );
}
