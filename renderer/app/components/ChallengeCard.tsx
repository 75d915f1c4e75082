import { findMetric } from '../../../core/metrics.ts';
import { formatInstant } from '../../../core/format.ts';
import type { ChallengeView } from '../../../core/types.ts';
import { useApp } from '../context.ts';
import { progressLabel, standingRows, timeLeftLabel } from '../logic/standings.ts';
import type { AppView } from '../services.ts';
import { CheerButtons } from './CheerButtons.tsx';
import { ConfirmButton } from './ConfirmButton.tsx';
import { ErrorText } from './ErrorText.tsx';
import { PaceLine } from './PaceLine.tsx';
import { MemberBadge } from './MemberBadge.tsx';
import { BumpingCount, LeaderMark } from './StandingMarks.tsx';
import { useAction } from './use-action.ts';

const FORMAT_WORDS = {
  most: 'Most wins',
  race: 'First to the target',
  goal: 'Everyone to the goal',
} as const;

/** "you", "leader", both or neither: what sets a row's bar apart. */
function rowClass(isYou: boolean, leading: boolean): string | undefined {
  return [isYou ? 'you' : '', leading ? 'leader' : ''].filter(Boolean).join(' ') || undefined;
}

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
  const leaders = rows.filter((row) => row.rank === 1 && row.count > 0).length;
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
          <li
            key={row.memberId}
            className={rowClass(row.isYou, leaders > 0 && row.rank === 1)}
            data-testid="standing"
          >
            <div className="standing-line">
              <span className="rank" aria-label={`rank ${row.rank}`}>
                {row.rank}
              </span>
              <MemberBadge memberId={row.memberId} members={state.members} />
              <span className="who" data-testid="standing-name">
                {row.name}
              </span>
              {leaders > 0 && row.rank === 1 ? <LeaderMark joint={leaders > 1} /> : null}
              <span className="count" data-testid="standing-count">
                <BumpingCount value={row.count} />
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
      <PaceLine challenge={challenge} state={state} now={now} />
      <footer className="challenge-actions">
        {mine ? (
          <ConfirmButton
            label="Cancel challenge"
            confirmLabel="Really cancel?"
            keepLabel="Keep it"
            note="It stops now for everyone, with no winner. This cannot be undone."
            disabled={cancel.busy}
            onConfirm={() => void cancel.run(challenge.id)}
          />
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
