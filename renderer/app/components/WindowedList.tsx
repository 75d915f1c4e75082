import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { visibleRange } from '../logic/windowed.ts';
import type { WindowRange } from '../logic/windowed.ts';

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
  const box = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);
  const painted = useRef(false);

  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    setViewport(element.clientHeight);
    const observer = new ResizeObserver(() => setViewport(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

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
      ref={box}
      className="window-box"
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
