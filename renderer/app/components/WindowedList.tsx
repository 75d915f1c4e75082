import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { visibleRange } from '../logic/windowed.ts';
import type { WindowRange } from '../logic/windowed.ts';

function boxHeightFor(windowHeight: number): number {
  return Math.max(240, Math.min(760, Math.round(windowHeight * 0.7)));
}

interface WindowedListProps {
  count: number;
  rowHeight: number;
  renderRow: (index: number) => ReactNode;
  label: string;
  onRange?: (range: WindowRange) => void;
  /** Called once, after the first screenful of rows has been painted. */
  onFirstPaint?: () => void;
}

/**
 * A list of fixed-height rows that renders only the rows in view (plus a few), so thousands of
 * ended challenges cost what one screenful costs. The scroll box keeps its own offset.
 */
export function WindowedList({
  count,
  rowHeight,
  renderRow,
  label,
  onRange,
  onFirstPaint,
}: WindowedListProps) {
  const [scrollTop, setScrollTop] = useState(0);
  const [maxHeight, setMaxHeight] = useState(() => boxHeightFor(window.innerHeight));
  const painted = useRef(false);

  useEffect(() => {
    const resize = () => setMaxHeight(boxHeightFor(window.innerHeight));
    window.addEventListener('resize', resize);
    return () => window.removeEventListener('resize', resize);
  }, []);

  // The box is as tall as its rows, up to most of the window; its height is known without measuring.
  const viewport = Math.min(maxHeight, Math.max(count, 1) * rowHeight);
  const range = visibleRange({ scrollTop, viewportHeight: viewport, rowHeight, count });

  useEffect(() => {
    onRange?.(range);
  }, [range.start, range.end, count]);

  useLayoutEffect(() => {
    if (painted.current || range.end === 0 || !onFirstPaint) return;
    painted.current = true;
    // rAF runs just before the frame that shows these rows is painted; the task after it, once it is.
    requestAnimationFrame(() => setTimeout(onFirstPaint, 0));
  }, [range.end, onFirstPaint]);

  const rows: ReactNode[] = [];
  for (let i = range.start; i < range.end; i++) {
    rows.push(
      <li
        key={i}
        className="window-row"
        style={{ height: rowHeight }}
        aria-setsize={count}
        aria-posinset={i + 1}
      >
        {renderRow(i)}
      </li>,
    );
  }
  return (
    <div
      className="window-box"
      style={{ height: viewport }}
      tabIndex={0}
      role="region"
      aria-label={label}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
    >
      <div style={{ height: range.totalHeight, position: 'relative' }}>
        <ul className="window-rows" style={{ transform: `translateY(${range.offsetTop}px)` }}>
          {rows}
        </ul>
      </div>
    </div>
  );
}
