import { describe, expect, it } from 'vitest';
import { boardLayout, boardUnit, GEOMETRY, panelHeight, splitEvenly } from './board-pages.ts';
import type { BoardLayout, PanelInput } from './board-pages.ts';

/** `n` challenges of `rows` members each, ending one minute apart in reverse order of id. */
const panels = (n: number, rows: number): PanelInput[] =>
  Array.from({ length: n }, (_, i) => ({ id: `c${i}`, end: (n - i) * 60_000, title: `T${i}`, rows }));

const perPage = (layout: BoardLayout) => layout.pages.map((page) => page.flat().length);
const shownIds = (layout: BoardLayout) => layout.pages.flatMap((page) => page.flat().map((s) => s.id));

describe('floor board pages', () => {
  it.each([
    // viewport, challenges x members -> panels on each page, columns
    [{ width: 1920, height: 1080 }, 9, 8, [5, 4], 3],
    [{ width: 1280, height: 720 }, 9, 8, [5, 4], 3],
    [{ width: 3840, height: 2160 }, 9, 8, [5, 4], 3],
    [{ width: 1920, height: 1080 }, 6, 8, [6], 3],
    [{ width: 1920, height: 1080 }, 7, 8, [4, 3], 3],
    // One page with room to spare grows (see below), to fewer, wider columns.
    [{ width: 1920, height: 1080 }, 1, 2, [1], 1],
    [{ width: 1920, height: 1080 }, 12, 2, [12], 3],
    [{ width: 1920, height: 1080 }, 13, 2, [7, 6], 3],
    [{ width: 1280, height: 800 }, 9, 8, [5, 4], 3],
    [{ width: 1024, height: 768 }, 7, 8, [4, 3], 3],
    // A portrait screen stacks more panels in each column.
    [{ width: 1080, height: 1920 }, 9, 8, [9], 2],
  ])(
    '%j with %i challenges of %i members: pages of %j on %i columns',
    (viewport, n, rows, pages, columns) => {
      const layout = boardLayout(viewport, panels(n, rows));
      expect(layout.mode).toBe('tv');
      expect(perPage(layout)).toEqual(pages);
      expect(layout.columns).toBe(columns);
    },
  );

  it('shows every challenge exactly once, ending soonest first', () => {
    const layout = boardLayout({ width: 1920, height: 1080 }, panels(9, 8));
    expect(shownIds(layout)).toEqual(['c8', 'c7', 'c6', 'c5', 'c4', 'c3', 'c2', 'c1', 'c0']);
  });

  it('orders challenges that end together by title, whatever order they arrive in', () => {
    const same = (id: string, title: string): PanelInput => ({ id, end: 1, title, rows: 2 });
    const a = boardLayout({ width: 1920, height: 1080 }, [same('x', 'Calls'), same('y', 'Appointments')]);
    const b = boardLayout({ width: 1920, height: 1080 }, [same('y', 'Appointments'), same('x', 'Calls')]);
    expect(shownIds(a)).toEqual(['y', 'x']);
    expect(shownIds(b)).toEqual(['y', 'x']);
  });

  it('keeps every column of every page within the screen height', () => {
    for (const viewport of [
      { width: 1920, height: 1080 },
      { width: 1280, height: 720 },
      { width: 1366, height: 768 },
    ]) {
      const mixed = [...panels(5, 8), ...panels(6, 3).map((p) => ({ ...p, id: `s${p.id}` }))];
      const layout = boardLayout(viewport, mixed);
      const room = viewport.height / layout.unit - 2 * GEOMETRY.padY - GEOMETRY.header - GEOMETRY.headerGap;
      for (const column of layout.pages.flat()) {
        const height = column.reduce((sum, s) => sum + panelHeight(s.rows, s.hidden), 0);
        expect(height + (column.length - 1) * GEOMETRY.panelGap).toBeLessThanOrEqual(room);
      }
      expect(shownIds(layout).sort()).toEqual(mixed.map((p) => p.id).sort());
    }
  });

  it('spreads a short page over all its columns rather than stacking it in one', () => {
    const layout = boardLayout({ width: 1920, height: 1080 }, panels(3, 8));
    expect(layout.pages[0]?.map((column) => column.length)).toEqual([1, 1, 1]);
  });

  it.each([
    [{ width: 1920, height: 1080 }, 3, 4],
    [{ width: 1280, height: 720 }, 3, 4],
    [{ width: 1920, height: 1080 }, 1, 2],
  ])('grows the type of a board that fits on one page (%j, %i challenges of %i)', (viewport, n, rows) => {
    const layout = boardLayout(viewport, panels(n, rows));
    // Larger than the screen's base unit, yet still one page with nobody left out.
    expect(layout.unit).toBeGreaterThan(boardUnit(viewport) * 1.3);
    expect(layout.pages).toHaveLength(1);
    expect(layout.pages.flat(2).every((s) => s.hidden === 0)).toBe(true);
    const room = viewport.height / layout.unit - 2 * GEOMETRY.padY - GEOMETRY.header - GEOMETRY.headerGap;
    for (const column of layout.pages.flat()) {
      const height = column.reduce((sum, s) => sum + panelHeight(s.rows, s.hidden), 0);
      expect(height + (column.length - 1) * GEOMETRY.panelGap).toBeLessThanOrEqual(room);
    }
  });

  it('keeps the base size when the board needs more than one page', () => {
    const viewport = { width: 1920, height: 1080 };
    expect(boardLayout(viewport, panels(9, 8)).unit).toBe(boardUnit(viewport));
  });

  it('cuts a challenge too long for the screen to its top rows and says how many more', () => {
    const [slot] = boardLayout({ width: 1920, height: 1080 }, panels(1, 40)).pages[0]?.flat() ?? [];
    expect(slot?.hidden).toBeGreaterThan(0);
    expect((slot?.rows ?? 0) + (slot?.hidden ?? 0)).toBe(40);
  });

  it('has one empty page with no challenge', () => {
    const layout = boardLayout({ width: 1920, height: 1080 }, []);
    expect(layout.pages).toHaveLength(1);
    expect(shownIds(layout)).toEqual([]);
  });

  it('lets a phone scroll through every challenge on one page, with nothing cut', () => {
    const layout = boardLayout({ width: 390, height: 844 }, panels(9, 40));
    expect(layout.mode).toBe('scroll');
    expect(layout.pages).toHaveLength(1);
    expect(layout.pages[0]?.flat().every((s) => s.hidden === 0 && s.rows === 40)).toBe(true);
  });

  it('keeps the latest two feed lines in a TV header and a longer list on a phone', () => {
    expect(boardLayout({ width: 1920, height: 1080 }, panels(9, 8)).feedLines).toBe(2);
    expect(boardLayout({ width: 390, height: 844 }, panels(9, 8)).feedLines).toBe(12);
  });
});

describe('splitting evenly', () => {
  it.each([
    [9, 2, [5, 4]],
    [9, 3, [3, 3, 3]],
    [7, 3, [3, 2, 2]],
    [2, 3, [1, 1, 0]],
  ])('%i items in %i parts are %j', (n, parts, sizes) => {
    const items = Array.from({ length: n }, (_, i) => i);
    const split = splitEvenly(items, parts);
    expect(split.map((p) => p.length)).toEqual(sizes);
    expect(split.flat()).toEqual(items);
  });
});
