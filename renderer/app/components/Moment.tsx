import { useCallback, useEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { momentsBetween } from '../logic/moments.ts';
import type { Moment as MomentData } from '../logic/moments.ts';
import type { AppView } from '../services.ts';
import { Link } from './Link.tsx';

/** Long enough to read the sentence after the 2.5 s animation; paused while its link or button has focus. */
const SHOW_MS = 8_000;
/** A burst of news (a race ends as you overtake) is played in turn, never more than this many. */
const QUEUE_MAX = 4;
const CONFETTI_PIECES = 14;

/**
 * Plays the moments of the app's state changes (a win, an overtake, a personal best) one at a
 * time. The live region is always in the page, so a screen reader hears what is put into it.
 */
export function Moment({ state }: { state: AppView }) {
  const previous = useRef<AppView | null>(null);
  const played = useRef(new Set<string>());
  const [queue, setQueue] = useState<MomentData[]>([]);

  useEffect(() => {
    const found = momentsBetween(previous.current, state).filter((m) => !played.current.has(m.key));
    previous.current = state;
    if (found.length === 0) return;
    for (const moment of found) played.current.add(moment.key);
    setQueue((queued) => [...queued, ...found].slice(0, QUEUE_MAX));
  }, [state]);

  const dismiss = useCallback(() => setQueue((queued) => queued.slice(1)), []);
  const current = queue[0];
  return (
    <div className="moment-region" aria-live="polite" aria-atomic="true" data-testid="moment-region">
      {current ? <MomentCard key={current.key} moment={current} onDismiss={dismiss} /> : null}
    </div>
  );
}

function MomentCard({ moment, onDismiss }: { moment: MomentData; onDismiss: () => void }) {
  const [held, setHeld] = useState(false);
  useEffect(() => {
    if (held) return;
    const timer = setTimeout(onDismiss, SHOW_MS);
    return () => clearTimeout(timer);
  }, [held, onDismiss]);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') onDismiss();
  };
  return (
    <div
      className={`moment moment-${moment.kind}`}
      data-testid="moment"
      onFocus={() => setHeld(true)}
      onBlur={() => setHeld(false)}
      onKeyDown={onKeyDown}
    >
      {moment.kind === 'overtake' ? null : (
        <div className="moment-confetti" aria-hidden="true">
          {Array.from({ length: CONFETTI_PIECES }, (_, i) => (
            <span key={i} />
          ))}
        </div>
      )}
      <span className="moment-badge" aria-hidden="true">
        {BADGES[moment.kind]}
      </span>
      <div className="moment-words">
        <p className="moment-headline">{moment.headline}</p>
        <p className="moment-text" data-testid="moment-text">
          {moment.text}
        </p>
        {moment.challengeId ? (
          <Link to={{ name: 'history', challengeId: moment.challengeId }}>See the result card</Link>
        ) : null}
      </div>
      <button type="button" className="ghost moment-close" onClick={onDismiss} aria-label="Dismiss">
        ×
      </button>
    </div>
  );
}

/** Drawn with characters every system font has, so no emoji font is needed. */
const BADGES: Record<MomentData['kind'], string> = {
  win: '★',
  overtake: '▲',
  best: '✦',
};
