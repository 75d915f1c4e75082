import { describe, expect, it } from 'vitest';
import { needsMore, visibleRange } from './windowed.ts';

describe('visible range of a windowed list', () => {
  it('draws the screenful plus the overscan, from the top', () => {
    expect(
      visibleRange({ scrollTop: 0, viewportHeight: 480, rowHeight: 48, count: 5000, overscan: 2 }),
    ).toEqual({
      start: 0,
      end: 13,
      offsetTop: 0,
      totalHeight: 240_000,
    });
  });

  it('follows the scroll offset', () => {
    const range = visibleRange({
      scrollTop: 4800,
      viewportHeight: 480,
      rowHeight: 48,
      count: 5000,
      overscan: 2,
    });
    expect(range).toMatchObject({ start: 98, end: 113, offsetTop: 98 * 48 });
  });

  it('clamps a scroll offset past the end (the list shrank under a filter)', () => {
    const range = visibleRange({
      scrollTop: 1e6,
      viewportHeight: 480,
      rowHeight: 48,
      count: 30,
      overscan: 0,
    });
    expect(range.end).toBe(30);
    expect(range.start).toBe(20);
  });

  it('draws everything when the list is shorter than the screen', () => {
    expect(visibleRange({ scrollTop: 0, viewportHeight: 480, rowHeight: 48, count: 3 })).toMatchObject({
      start: 0,
      end: 3,
    });
  });

  it('draws nothing for an empty list', () => {
    expect(visibleRange({ scrollTop: 0, viewportHeight: 480, rowHeight: 48, count: 0 })).toEqual({
      start: 0,
      end: 0,
      offsetTop: 0,
      totalHeight: 0,
    });
  });
});

describe('paging', () => {
  it.each([
    [{ start: 0, end: 13 }, 100, true, false],
    [{ start: 70, end: 85 }, 100, true, true],
    [{ start: 70, end: 85 }, 100, false, false],
  ])('%j of %d loaded, more: %s → fetch %s', (range, loaded, more, expected) => {
    expect(needsMore({ ...range, offsetTop: 0, totalHeight: 0 }, loaded, more)).toBe(expected);
  });
});
