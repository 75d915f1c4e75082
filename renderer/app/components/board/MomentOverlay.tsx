import type { Moment } from '../../logic/board-moments.ts';

/**
 * An overtake or a result, large over the board. The live region is always there, so a screen
 * reader hears each moment as it arrives; with reduced motion it appears without animating.
 */
export function MomentOverlay({ moment }: { moment: Moment | null }) {
  return (
    <div className="board-moment-region" role="status" aria-live="polite">
      {moment ? (
        <div
          key={moment.id}
          className={`board-moment board-moment-${moment.kind}`}
          data-testid="board-moment"
        >
          <p className="board-moment-kind">{moment.kind === 'result' ? 'Result' : 'Overtake'}</p>
          <p className="board-moment-text">{moment.text}</p>
        </div>
      ) : null}
    </div>
  );
}
