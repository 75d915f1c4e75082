import type { ReactNode } from 'react';
import type { PageClock } from '../../logic/board-rotate.ts';

/**
 * The pack's name, why the board is not live (when it is not), and which page is up with a bar
 * filling until the next one. With one page there is nothing to count, so neither is shown.
 */
export function BoardHeader({
  packName,
  status,
  clock,
  pages,
  children,
}: {
  packName: string;
  status: string | null;
  clock: PageClock;
  pages: number;
  /** The latest activity, on a TV. */
  children?: ReactNode;
}) {
  return (
    <header className="board-head">
      <h1>{packName}</h1>
      {status ? (
        <p className="board-status" role="status">
          {status}
        </p>
      ) : null}
      {children}
      {pages > 1 ? (
        <div className="board-pager" data-testid="board-pager">
          <p className="board-page">
            <span className="visually-hidden">Page </span>
            {clock.index + 1} / {pages}
          </p>
          <span className="board-next" aria-hidden="true">
            {/* Keyed by page, so the bar starts empty on each page instead of sliding back. */}
            <span
              key={clock.index}
              className="board-next-fill"
              data-testid="board-next"
              style={{ width: `${Math.round(clock.progress * 100)}%` }}
            />
          </span>
        </div>
      ) : null}
    </header>
  );
}
