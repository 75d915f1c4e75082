import type { BoardSnapshot } from '../../../../core/types.ts';
import { cheerLine, feedLine, relativeTime, timeline } from '../../logic/feed-lines.ts';

/**
 * The latest logs and cheers, one line each: on a TV the newest two sit in the header (the
 * panels need the width), on a phone a longer list follows the panels.
 */
export function BoardFeed({
  snapshot,
  lines,
  now,
  variant,
}: {
  snapshot: BoardSnapshot;
  lines: number;
  now: number;
  variant: 'ticker' | 'list';
}) {
  const items = timeline(snapshot.feed, snapshot.cheers, lines);
  const list = (
    <ul>
      {items.map((item) => (
        <li key={item.key}>
          <span className="board-feed-line">
            {item.kind === 'entry'
              ? feedLine(item.entry, snapshot.members, snapshot.metrics, null)
              : cheerLine(item.cheer, snapshot.members, null)}
          </span>
          <span className="board-ago">{relativeTime(item.at, now)}</span>
        </li>
      ))}
    </ul>
  );
  if (variant === 'ticker')
    return (
      <section className="board-ticker" aria-label="Latest activity" data-testid="board-feed">
        {list}
      </section>
    );
  return (
    <section className="board-feed" aria-labelledby="board-feed-title" data-testid="board-feed">
      <h2 id="board-feed-title">Latest</h2>
      {items.length === 0 ? <p className="board-feed-empty">Nothing logged yet.</p> : null}
      {list}
    </section>
  );
}
