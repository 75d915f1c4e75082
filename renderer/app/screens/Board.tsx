import { useState, type CSSProperties } from 'react';
import { BoardFeed } from '../components/board/BoardFeed.tsx';
import { BoardHeader } from '../components/board/BoardHeader.tsx';
import { BoardMessage } from '../components/board/BoardMessage.tsx';
import { ChallengePanel } from '../components/board/ChallengePanel.tsx';
import { MomentOverlay } from '../components/board/MomentOverlay.tsx';
import { useBoardConnection, useMoments, useViewport } from '../components/board/use-board.ts';
import { boardLayout } from '../logic/board-pages.ts';
import { pageAt, rotateSeconds } from '../logic/board-rotate.ts';
import { boardToken } from '../logic/route.ts';
import { useNow } from '../hooks.ts';

/**
 * The floor board: a TV on the sales floor. Read-only, big type, live; no controls at all. When
 * the challenges do not fit on one screen it turns pages every `?rotate=N` seconds.
 */
export function Board() {
  const token = boardToken(window.location.hash, window.location.search);
  const seconds = rotateSeconds(window.location.search);
  const state = useBoardConnection(token);
  const viewport = useViewport();
  const moment = useMoments(state);
  const now = useNow(1000);
  const [openedAt] = useState(() => Date.now());
  if (!token)
    return (
      <BoardMessage text="This board address has no link token. Ask the pack owner for the board link." />
    );
  if (state.status === 'revoked')
    return <BoardMessage text={state.message ?? 'This board link was revoked.'} />;
  const snapshot = state.snapshot;
  if (!snapshot) return <BoardMessage text={state.message ?? 'Connecting…'} />;

  const byId = new Map(snapshot.challenges.map((c) => [c.id, c]));
  const layout = boardLayout(
    viewport,
    snapshot.challenges.map((c) => ({
      id: c.id,
      end: c.end,
      title: c.title,
      rows: c.participants.filter((p) => !p.declined).length,
    })),
  );
  const clock = pageAt(now - openedAt, layout.pages.length, seconds);
  const page = layout.pages[clock.index] ?? [];
  const style = { '--u': `${layout.unit}px`, '--columns': layout.columns } as CSSProperties;
  return (
    <main className="board" data-testid="board" data-mode={layout.mode} style={style}>
      <BoardHeader
        packName={snapshot.pack.name}
        status={state.status !== 'live' ? state.message : null}
        clock={clock}
        pages={layout.pages.length}
      >
        {layout.mode === 'tv' ? (
          <BoardFeed snapshot={snapshot} lines={layout.feedLines} now={now} variant="ticker" />
        ) : null}
      </BoardHeader>
      <div className="board-grid">
        <section className="board-challenges" aria-label="Standings" data-testid="board-page">
          {snapshot.challenges.length === 0 ? <p className="board-empty">No challenge is running.</p> : null}
          {page.map((column, i) => (
            <div key={i} className="board-column">
              {column.map((slot) => {
                const challenge = byId.get(slot.id);
                return challenge ? (
                  <ChallengePanel
                    key={slot.id}
                    challenge={challenge}
                    slot={slot}
                    members={snapshot.members}
                    timeZone={snapshot.pack.timeZone}
                    now={now}
                  />
                ) : null;
              })}
            </div>
          ))}
        </section>
        {layout.mode === 'scroll' ? (
          <BoardFeed snapshot={snapshot} lines={layout.feedLines} now={now} variant="list" />
        ) : null}
      </div>
      <MomentOverlay moment={moment} />
    </main>
  );
}
