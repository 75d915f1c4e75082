import type { Member } from '../../../core/types.ts';
import { relativeTime } from '../logic/feed-lines.ts';
import { leftOutOf } from '../logic/not-in-challenges.ts';
import { useNow } from '../hooks.ts';
import type { AppView } from '../services.ts';
import { MemberBadge } from './MemberBadge.tsx';
import { EveryoneRematch } from './NotInChallenges.tsx';

/** A joiner is news on Live for a day; after that the pack is simply the pack. */
const NEWS_MS = 24 * 3_600_000;

/** "Sam", "Sam and Lee", "Sam, Lee and Kim". */
function names(members: readonly Member[]): string {
  const all = members.map((m) => m.displayName);
  return all.length < 2 ? (all[0] ?? '') : `${all.slice(0, -1).join(', ')} and ${all[all.length - 1]}`;
}

/**
 * Inviting partners, and what became of it: the owner sees the invite code until a partner has
 * joined, then who joined lately with the code to invite more. Everyone sees a newcomer left out
 * of a running challenge they are in, with the offer to run it again with the whole pack.
 */
export function InviteCard({ state }: { state: AppView }) {
  const now = useNow(30_000);
  const youId = state.you?.id ?? '';
  const partners = state.members.filter((m) => m.active && m.id !== youId);
  // Who joined after you: to a newcomer, the partners already there are not news.
  const since = Math.max(state.pack?.createdAt ?? 0, state.you?.joinedAt ?? 0);
  const joined = partners
    .filter((m) => m.joinedAt > since && now - m.joinedAt < NEWS_MS)
    .sort((a, b) => b.joinedAt - a.joinedAt);
  const leftOut = youId ? leftOutOf(state.members, state.challenges, youId) : [];
  const code = state.hosting?.inviteCode ?? state.inviteCode;
  const alone = partners.length === 0;
  if (!(code && alone) && joined.length === 0 && leftOut.length === 0) return null;
  return (
    <section className="card invite" aria-labelledby="invite-title" data-testid="invite-card">
      <h2 id="invite-title">{alone ? 'Invite your partners' : 'New in the pack'}</h2>
      {joined.length > 0 ? (
        <ul className="joined" data-testid="joined">
          {joined.map((m) => (
            <li key={m.id}>
              <MemberBadge memberId={m.id} members={state.members} size="small" />
              <strong>{m.displayName}</strong> joined{' '}
              <time dateTime={new Date(m.joinedAt).toISOString()}>{relativeTime(m.joinedAt, now)}</time>
            </li>
          ))}
        </ul>
      ) : null}
      {leftOut.length > 0 ? (
        <ul className="left-out" data-testid="left-out">
          {leftOut.map(({ challenge, newcomers }) => (
            <li key={challenge.id}>
              <span>
                {names(newcomers)} {newcomers.length === 1 ? 'is' : 'are'} not in{' '}
                <strong>{challenge.title}</strong>: it started before they joined.
              </span>
              <EveryoneRematch challenge={challenge} state={state} now={now} />
            </li>
          ))}
        </ul>
      ) : null}
      {code && alone ? (
        <>
          <p>
            They open Wolfpack, choose <strong>Join a pack</strong> and enter this invite code:
          </p>
          <p className="code big" data-testid="invite-code">
            {code}
          </p>
        </>
      ) : null}
      {code && !alone ? (
        <p className="invite-more">
          Invite more: they choose <strong>Join a pack</strong> and enter{' '}
          <span className="code" data-testid="invite-code">
            {code}
          </span>
        </p>
      ) : null}
      {code && state.hosting ? <p className="hint">Relay address: {state.hosting.urls.join(', ')}</p> : null}
    </section>
  );
}
