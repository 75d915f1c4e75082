import { useEffect, useReducer } from 'react';
import { connectBoard } from '../../web/board-client.ts';
import { boardReducer, initialBoardState } from '../../web/board-state.ts';
import { cheerLine, feedLine, relativeTime, timeline } from '../logic/feed-lines.ts';
import { boardToken } from '../logic/route.ts';
import { standingRows, timeLeftLabel } from '../logic/standings.ts';
import { useNow } from '../hooks.ts';

/** The floor board: a TV on the sales floor. Read-only, big type, live; no controls at all. */
export function Board() {
  const token = boardToken(window.location.hash, window.location.search);
  const [state, dispatch] = useReducer(boardReducer, initialBoardState);
  const now = useNow(1000);
  useEffect(() => {
    if (!token) return;
    return connectBoard(window.location.origin, token, dispatch);
  }, [token]);
  if (!token)
    return (
      <BoardMessage text="This board address has no link token. Ask the pack owner for the board link." />
    );
  if (state.status === 'revoked')
    return <BoardMessage text={state.message ?? 'This board link was revoked.'} />;
  const snapshot = state.snapshot;
  if (!snapshot) return <BoardMessage text={state.message ?? 'Connecting…'} />;
  const challenges = [...snapshot.challenges].sort((a, b) => a.end - b.end);
  return (
    <main className="board" data-testid="board">
      <header className="board-head">
        <h1>{snapshot.pack.name}</h1>
        {state.status !== 'live' ? (
          <p className="board-status" role="status">
            {state.message}
          </p>
        ) : null}
      </header>
      <div className="board-grid">
        <section className="board-challenges" aria-label="Standings">
          {challenges.length === 0 ? <p className="board-empty">No challenge is running.</p> : null}
          {challenges.map((challenge) => (
            <article key={challenge.id} className="board-card" data-testid="board-challenge">
              <h2>
                {challenge.title} <span className="board-time">{timeLeftLabel(challenge, now)}</span>
              </h2>
              <ol>
                {standingRows(challenge, snapshot.members, null).map((row) => (
                  <li key={row.memberId} data-testid="board-standing">
                    <span className="board-name">{row.name}</span>
                    <span className="board-bar" aria-hidden="true">
                      <span className="bar-fill" style={{ width: `${row.barPercent}%` }} />
                    </span>
                    <span className="board-count">{row.count}</span>
                  </li>
                ))}
              </ol>
            </article>
          ))}
        </section>
        <section className="board-feed" aria-label="Latest activity">
          <h2>Latest</h2>
          <ul>
            {timeline(snapshot.feed, snapshot.cheers, 12).map((item) => (
              <li key={item.key}>
                {item.kind === 'entry'
                  ? feedLine(item.entry, snapshot.members, snapshot.metrics, null)
                  : cheerLine(item.cheer, snapshot.members, null)}
                <span className="board-ago"> · {relativeTime(item.at, now)}</span>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </main>
  );
}

function BoardMessage({ text }: { text: string }) {
  return (
    <main className="board board-message">
      <p role="status" data-testid="board-message">
        {text}
      </p>
    </main>
  );
}
