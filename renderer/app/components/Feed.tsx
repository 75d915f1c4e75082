import { cheerLine, feedLine, relativeTime, timeline } from '../logic/feed-lines.ts';
import { nameOf } from '../logic/standings.ts';
import type { AppView } from '../services.ts';
import { CheerButtons } from './CheerButtons.tsx';

/** The pack's activity and cheers, newest first: "Sam logged a call, 2 min ago". */
export function Feed({ state, now, limit = 30 }: { state: AppView; now: number; limit?: number }) {
  const youId = state.you?.id ?? null;
  const items = timeline(state.feed, state.cheers ?? [], limit);
  return (
    <section className="card feed" aria-labelledby="feed-title">
      <h2 id="feed-title">Pack activity</h2>
      {items.length === 0 ? <p className="hint">Nothing logged yet.</p> : null}
      <ul aria-live="polite" data-testid="feed">
        {items.map((item) =>
          item.kind === 'entry' ? (
            <li key={item.key} className="feed-entry">
              <span className="feed-text">{feedLine(item.entry, state.members, state.metrics, youId)}</span>
              <span className="feed-foot">
                <time dateTime={new Date(item.at).toISOString()}>{relativeTime(item.at, now)}</time>
                {item.entry.memberId !== youId && item.entry.type === 'log' && youId ? (
                  <CheerButtons
                    target={{ eventId: item.entry.eventId }}
                    name={nameOf(state.members, item.entry.memberId, youId)}
                  />
                ) : null}
              </span>
            </li>
          ) : (
            <li key={item.key} className={`feed-cheer ${item.cheer.reaction}`}>
              <span className="feed-text">{cheerLine(item.cheer, state.members, youId)}</span>
              <span className="feed-foot">
                <time dateTime={new Date(item.at).toISOString()}>{relativeTime(item.at, now)}</time>
              </span>
            </li>
          ),
        )}
      </ul>
    </section>
  );
}
