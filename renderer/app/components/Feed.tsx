import type { FeedEntry } from '../../../core/types.ts';
import {
  activity,
  burstLine,
  cheerLine,
  feedLine,
  joinLine,
  relativeTime,
  waitingLine,
} from '../logic/feed-lines.ts';
import type { ActivityItem, Burst } from '../logic/feed-lines.ts';
import { nameOf } from '../logic/standings.ts';
import type { AppView } from '../services.ts';
import { CheerButtons } from './CheerButtons.tsx';
import { MemberBadge } from './MemberBadge.tsx';

/** The pack's activity, cheers and joiners, newest first: "Sam logged a call, 2 min ago". */
export function Feed({ state, now, limit = 30 }: { state: AppView; now: number; limit?: number }) {
  const youId = state.you?.id ?? null;
  const items = activity(
    {
      feed: state.feed,
      cheers: state.cheers ?? [],
      members: state.members,
      packCreatedAt: state.pack?.createdAt ?? null,
      pending: state.pending ?? [],
      youId,
    },
    limit,
  );
  return (
    <section className="card feed" aria-labelledby="feed-title">
      <h2 id="feed-title">Pack activity</h2>
      {items.length === 0 ? <p className="hint">Nothing logged yet.</p> : null}
      <ul aria-live="polite" data-testid="feed">
        {items.map((item) => (
          <FeedItem key={item.key} item={item} state={state} now={now} youId={youId} />
        ))}
      </ul>
    </section>
  );
}

function When({ at, now }: { at: number; now: number }) {
  return <time dateTime={new Date(at).toISOString()}>{relativeTime(at, now)}</time>;
}

interface ItemProps {
  item: ActivityItem;
  state: AppView;
  now: number;
  youId: string | null;
}

function FeedItem({ item, state, now, youId }: ItemProps) {
  switch (item.kind) {
    case 'entry':
      return (
        <li className="feed-entry">
          <span className="feed-text">
            <MemberBadge memberId={item.entry.memberId} members={state.members} size="small" />
            {feedLine(item.entry, state.members, state.metrics, youId)}
          </span>
          <span className="feed-foot">
            <When at={item.at} now={now} />
            <EntryCheers entry={item.entry} state={state} youId={youId} />
          </span>
        </li>
      );
    case 'burst':
      return <BurstItem burst={item.burst} at={item.at} state={state} now={now} youId={youId} />;
    case 'cheer':
      return (
        <li className={`feed-cheer ${item.cheer.reaction}`}>
          <span className="feed-text">
            <MemberBadge memberId={item.cheer.fromId} members={state.members} size="small" />
            {cheerLine(item.cheer, state.members, youId)}
          </span>
          <span className="feed-foot">
            <When at={item.at} now={now} />
          </span>
        </li>
      );
    case 'join':
      return (
        <li className="feed-join" data-testid="feed-join">
          <span className="feed-text">
            <MemberBadge memberId={item.member.id} members={state.members} size="small" />
            {joinLine(item.member, item.founder, youId)}
          </span>
          <span className="feed-foot">
            <When at={item.at} now={now} />
          </span>
        </li>
      );
    case 'waiting':
      return (
        <li className="feed-waiting" data-testid="feed-waiting">
          <span className="feed-text">{waitingLine(item.burst, state.metrics)}</span>
          <span className="feed-foot">
            <span className="waiting-badge">Waiting to send</span>
            <When at={item.at} now={now} />
          </span>
        </li>
      );
  }
}

/** Cheers for a partner's log; none for your own, for undos, or where the API has no cheers. */
function EntryCheers({ entry, state, youId }: { entry: FeedEntry; state: AppView; youId: string | null }) {
  if (!youId || entry.memberId === youId || entry.type !== 'log') return null;
  return (
    <CheerButtons target={{ eventId: entry.eventId }} name={nameOf(state.members, entry.memberId, youId)} />
  );
}

/**
 * One line for a burst of logs. Its cheer answers the latest log still counted; each log stays
 * listed under "Each log" with its own cheer, so a cheer on any one of them is a click away.
 */
function BurstItem({
  burst,
  at,
  state,
  now,
  youId,
}: { burst: Burst<FeedEntry>; at: number } & Omit<ItemProps, 'item'>) {
  const retracted = new Set(burst.undos.map((u) => u.retracts));
  const counted = burst.logs.filter((l) => !retracted.has(l.eventId));
  const latest = counted[counted.length - 1];
  return (
    <li className="feed-entry feed-burst" data-testid="feed-burst">
      <span className="feed-text">
        {burst.logs[0] ? (
          <MemberBadge memberId={burst.logs[0].memberId} members={state.members} size="small" />
        ) : null}
        {burstLine(burst, state.members, state.metrics, youId)}
      </span>
      <span className="feed-foot">
        <When at={at} now={now} />
        {latest ? <EntryCheers entry={latest} state={state} youId={youId} /> : null}
      </span>
      <details className="feed-burst-logs">
        <summary>Each log</summary>
        <ul>
          {[...burst.logs].reverse().map((entry) => (
            <li key={entry.seq}>
              <span className="feed-text">
                {feedLine(entry, state.members, state.metrics, youId)}
                {retracted.has(entry.eventId) ? ' (taken back)' : ''}
              </span>
              <span className="feed-foot">
                <When at={entry.occurredAt} now={now} />
                {retracted.has(entry.eventId) ? null : (
                  <EntryCheers entry={entry} state={state} youId={youId} />
                )}
              </span>
            </li>
          ))}
        </ul>
      </details>
    </li>
  );
}
