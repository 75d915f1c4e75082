import { paceWords } from '../../../../core/pace.ts';
import type { ChallengeView, Member } from '../../../../core/types.ts';
import type { PanelSlot } from '../../logic/board-pages.ts';
import { boardRows } from '../../logic/board-rows.ts';
import { nameOf, timeLeftLabel } from '../../logic/standings.ts';
import { MemberBadge } from '../MemberBadge.tsx';

/** A small crown: the leader is marked by a shape and a word, not by a colour alone. */
function Crown() {
  return (
    <svg className="board-crown" viewBox="0 0 24 18" aria-hidden="true" focusable="false">
      <path d="M2 16h20l1.5-12-6.5 5L12 1 7 9 .5 4z" fill="currentColor" />
    </svg>
  );
}

/** Under the title: the pace, or the rules until there is a pace to tell (each row counts down a goal). */
function paceLine(challenge: ChallengeView, pace: string | null): string {
  if (pace) return pace;
  if (challenge.format === 'goal') return `Goal: ${challenge.target ?? '?'} each`;
  return challenge.format === 'race' ? `First to ${challenge.target ?? '?'} wins` : 'Most wins';
}

/** One challenge on the TV: its title, the pace and the time left, then every rank. */
export function ChallengePanel({
  challenge,
  slot,
  members,
  timeZone,
  now,
}: {
  challenge: ChallengeView;
  slot: PanelSlot;
  members: readonly Member[];
  timeZone: string;
  now: number;
}) {
  const rows = boardRows(challenge, members).slice(0, slot.rows);
  const pace = paceWords(challenge, now, { youId: null, names: (id) => nameOf(members, id, null), timeZone });
  const titleId = `board-title-${challenge.id}`;
  return (
    <article className="board-card" data-testid="board-challenge" aria-labelledby={titleId}>
      <h2 id={titleId} className="board-title">
        {challenge.title}
      </h2>
      {/* The title gets the whole width; the time left keeps one line of its own at the right. */}
      <p className="board-sub">
        <span className="board-pace">{paceLine(challenge, pace)}</span>
        <span className="board-time" data-testid="board-time">
          {timeLeftLabel(challenge, now)}
        </span>
      </p>
      {rows.length === 0 ? <p className="board-none">Nobody is taking part</p> : null}
      <ol className="board-rows">
        {rows.map((row) => (
          <li
            key={row.memberId}
            className={row.leader ? 'board-row board-row-leader' : 'board-row'}
            data-testid="board-standing"
          >
            <span className="board-rank">
              <span className="visually-hidden">Rank </span>
              {row.rank}
            </span>
            <MemberBadge memberId={row.memberId} members={members} />
            <span className="board-name">
              <span className="board-name-text">{row.name}</span>
              {row.leader ? (
                <span className="board-leader" data-testid="board-leader">
                  <Crown />
                  <span className="visually-hidden">, leading</span>
                </span>
              ) : null}
            </span>
            <span className="board-gap">{row.gap}</span>
            <span className="board-count">{row.count}</span>
            <span className="board-bar" aria-hidden="true">
              <span className="bar-fill" style={{ width: `${row.barPercent}%` }} />
            </span>
          </li>
        ))}
      </ol>
      {slot.hidden > 0 ? <p className="board-more">+{slot.hidden} more taking part</p> : null}
    </article>
  );
}
