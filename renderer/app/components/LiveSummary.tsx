import { summaryLines, summaryText } from '../logic/summary.ts';
import type { AppView } from '../services.ts';
import { Link } from './Link.tsx';

/**
 * What Live says first: one line per running challenge you are in, the one that matters most
 * (ending soonest, as the tray features it) first and largest. Each line opens its card.
 */
export function LiveSummary({ state, now }: { state: AppView; now: number }) {
  const lines = summaryLines(state, now);
  if (lines.length === 0) return null;
  return (
    <section className="live-summary card" aria-labelledby="live-summary-title" data-testid="live-summary">
      <h2 id="live-summary-title" className="visually-hidden">
        Where you stand
      </h2>
      <ol className="summary-lines">
        {lines.map((line, index) => (
          <li
            key={line.challengeId}
            className={`summary-line tone-${line.tone}${index === 0 ? ' summary-top' : ''}`}
            data-testid="summary-line"
            data-challenge={line.challengeId}
          >
            <Link to={{ name: 'live', challengeId: line.challengeId }}>
              <span className="summary-title">{line.title}</span>
              {/* One sentence for screen readers; the styled parts below are the same words. */}
              <span className="visually-hidden" data-testid="summary-text">
                {summaryText(line)}
              </span>
              <span className="summary-figures" aria-hidden="true">
                <span className="summary-rank">{line.rank}</span>
                <span className="summary-gap">{line.gap}</span>
                <span className="summary-time">{line.timeLeft}</span>
              </span>
              {line.pace ? (
                <span className="summary-pace" aria-hidden="true">
                  {line.pace}
                </span>
              ) : null}
            </Link>
          </li>
        ))}
      </ol>
    </section>
  );
}
