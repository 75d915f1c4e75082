import { useState } from 'react';

/** The leader's mark: a crown and the word, so the lead never rests on colour alone. */
export function LeaderMark({ joint }: { joint: boolean }) {
  return (
    <span className="leader-mark" data-testid="leader-mark">
      <svg viewBox="0 0 24 24" width="14" height="14" aria-hidden="true" focusable="false">
        <path fill="currentColor" d="M3 8l4.5 4L12 5l4.5 7L21 8l-2 11H5z" />
      </svg>
      {joint ? 'Joint leader' : 'Leader'}
    </span>
  );
}

/**
 * A score that grows and settles each time it changes (the key restarts the CSS animation), so a
 * partner's move catches the eye. The value it first showed does not move: nothing changed yet.
 */
export function BumpingCount({ value }: { value: number }) {
  const [first] = useState(value);
  return (
    <span key={value} className={value !== first ? 'count-bump' : undefined}>
      {value}
    </span>
  );
}
