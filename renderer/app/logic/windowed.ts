export interface WindowInput {
  scrollTop: number;
  viewportHeight: number;
  rowHeight: number;
  count: number;
  /** Rows drawn beyond each edge, so a fast scroll does not show blank space for a frame. */
  overscan?: number;
}

export interface WindowRange {
  /** First row to draw (inclusive). */
  start: number;
  /** Last row to draw (exclusive). */
  end: number;
  /** Where the first drawn row sits, in px from the top of the list. */
  offsetTop: number;
  /** Height of the whole list, so the scrollbar is true to it. */
  totalHeight: number;
}

/** Which rows of a fixed-height list are on screen: the only ones a long history renders. */
export function visibleRange({
  scrollTop,
  viewportHeight,
  rowHeight,
  count,
  overscan = 4,
}: WindowInput): WindowRange {
  const totalHeight = count * rowHeight;
  if (count === 0 || rowHeight <= 0) return { start: 0, end: 0, offsetTop: 0, totalHeight: 0 };
  const top = Math.min(Math.max(0, scrollTop), Math.max(0, totalHeight - viewportHeight));
  const first = Math.floor(top / rowHeight);
  const shown = Math.ceil(Math.max(viewportHeight, 0) / rowHeight) + 1;
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, first + shown + overscan);
  return { start, end, offsetTop: start * rowHeight, totalHeight };
}

/** Fetch the next page once the drawn rows come within `threshold` rows of the loaded end. */
export function needsMore(range: WindowRange, loaded: number, hasMore: boolean, threshold = 20): boolean {
  return hasMore && range.end + threshold >= loaded;
}
