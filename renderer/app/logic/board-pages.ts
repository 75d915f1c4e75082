/**
 * How the floor board lays its challenge panels out, computed from the viewport alone.
 *
 * Measure-free on purpose: every size on the TV board is a multiple of one unit (`--u`, set from
 * `unit` below), each line is a single line that never wraps, and a panel's height follows from
 * its number of rows. So the pages can be worked out before anything is drawn: no render, measure
 * and re-page loop that flickers on a TV, and a plain table test can check every case. The
 * numbers in GEOMETRY are the ones styles/board.css multiplies `--u` by; change them together.
 */

export interface Viewport {
  width: number;
  height: number;
}

/** One challenge as the pager needs it. */
export interface PanelInput {
  id: string;
  /** Ends soonest first; ties by title, then id, so the order never flips between renders. */
  end: number;
  title: string;
  /** Participants who did not decline: one row each. */
  rows: number;
}

/** A panel placed on a page: `rows` are drawn, `hidden` more are summed up in one line. */
export interface PanelSlot {
  id: string;
  rows: number;
  hidden: number;
}

export interface BoardLayout {
  /** 'tv': fixed pages that fill the screen; 'scroll': a phone or tiny window, one long page. */
  mode: 'tv' | 'scroll';
  /** CSS pixels per unit. */
  unit: number;
  columns: number;
  /** Feed lines: the latest two in the header of a TV (the panels need the width), more on a phone. */
  feedLines: number;
  /** Each page is a list of columns, each a list of panels from top to bottom. */
  pages: PanelSlot[][][];
}

/** Sizes in units; styles/board.css uses the same numbers. */
export const GEOMETRY = {
  /** Units across and down a 16:9 screen: 64 x 36 plus room to spare. */
  unitsAcross: 64,
  unitsDown: 38,
  padY: 0.8,
  padX: 1.2,
  header: 2.8,
  headerGap: 0.8,
  /** Latest activity on a TV: two lines in the header, beside the pack's name. */
  tickerLines: 2,
  /** Latest activity on a phone, below the panels. */
  feedLines: 12,
  /** Room for a 20-letter title with its time left, and a row's name beside "22 behind". */
  panelMinWidth: 19,
  panelGap: 0.8,
  /** Padding, title line, pace line, border. */
  panelChrome: 4,
  row: 1.45,
  moreLine: 1,
  /** Rounding of fractional pixels across a column of panels. */
  slack: 0.3,
} as const;

const MIN_UNIT = 12;
const MAX_UNIT = 64;
const SCROLL_UNIT = 16;
/** Below these a screen is a phone or a small window: it scrolls instead of turning pages. */
const TV_MIN_WIDTH = 720;
const TV_MIN_HEIGHT = 420;

export function panelOrder(panels: readonly PanelInput[]): PanelInput[] {
  return [...panels].sort(
    (a, b) => a.end - b.end || a.title.localeCompare(b.title) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** A panel's height in units with `rows` rows and, when some are hidden, the "+N more" line. */
export function panelHeight(rows: number, hidden: number): number {
  return GEOMETRY.panelChrome + Math.max(rows, 1) * GEOMETRY.row + (hidden > 0 ? GEOMETRY.moreLine : 0);
}

/** `items` cut into `parts` runs of near-equal length, the longer runs first, order kept. */
export function splitEvenly<T>(items: readonly T[], parts: number): T[][] {
  const out: T[][] = [];
  let at = 0;
  for (let p = 0; p < parts; p++) {
    const size = Math.floor(items.length / parts) + (p < items.length % parts ? 1 : 0);
    out.push(items.slice(at, at + size));
    at += size;
  }
  return out;
}

const stackHeight = (slots: readonly PanelSlot[]): number =>
  slots.reduce((sum, s, i) => sum + panelHeight(s.rows, s.hidden) + (i > 0 ? GEOMETRY.panelGap : 0), 0);

/** Fills columns top to bottom in order; null when the panels do not fit in `columns`. */
function greedyColumns(slots: readonly PanelSlot[], columns: number, height: number): PanelSlot[][] | null {
  const out: PanelSlot[][] = [[]];
  for (const slot of slots) {
    const current = out[out.length - 1] ?? [];
    if (current.length > 0 && stackHeight([...current, slot]) > height) {
      if (out.length === columns) return null;
      out.push([slot]);
    } else current.push(slot);
  }
  return out;
}

/**
 * One page's columns: spread evenly when that fits (three panels on three columns, not two
 * and one and an empty one), else filled in order.
 */
function pageColumns(slots: readonly PanelSlot[], columns: number, height: number): PanelSlot[][] | null {
  const even = splitEvenly(slots, Math.min(columns, slots.length)).filter((c) => c.length > 0);
  if (even.every((column) => stackHeight(column) <= height)) return even;
  return greedyColumns(slots, columns, height);
}

/** Pages in order, each as full as it can be: the fewest pages that keep the order. */
function greedyPages(slots: readonly PanelSlot[], columns: number, height: number): PanelSlot[][] {
  const pages: PanelSlot[][] = [];
  let current: PanelSlot[] = [];
  for (const slot of slots) {
    if (current.length > 0 && !greedyColumns([...current, slot], columns, height)) {
      pages.push(current);
      current = [];
    }
    current.push(slot);
  }
  if (current.length > 0) pages.push(current);
  return pages;
}

/** The unit for a screen: the board scales with it, so a 720p and a 1080p TV look the same. */
export function boardUnit(viewport: Viewport): number {
  const unit = Math.min(viewport.width / GEOMETRY.unitsAcross, viewport.height / GEOMETRY.unitsDown);
  return Math.min(MAX_UNIT, Math.max(MIN_UNIT, unit));
}

/**
 * The board's pages for this screen. Every challenge is on exactly one page, in the order they
 * end; the pages hold near-equal numbers of panels (5 and 4 rather than 6 and 3), so no page
 * looks half empty; a panel too tall for the screen shows its top rows and "+N more".
 */
export function boardLayout(viewport: Viewport, panels: readonly PanelInput[]): BoardLayout {
  const ordered = panelOrder(panels);
  const base = layoutAt(viewport, ordered, boardUnit(viewport));
  if (base.mode !== 'tv' || base.pages.length !== 1) return base;
  // Everything fits on one screen: grow the type until it would not, so a pack of two or three
  // challenges fills the TV and reads from the back of the room instead of hugging the top.
  let best = base;
  for (let zoom = 1 + ZOOM_STEP; zoom <= MAX_ZOOM + 1e-9; zoom += ZOOM_STEP) {
    const unit = Math.min(MAX_UNIT, base.unit * zoom);
    const next = layoutAt(viewport, ordered, unit);
    const whole = next.pages.length === 1 && next.pages.flat(2).every((slot) => slot.hidden === 0);
    if (next.mode !== 'tv' || !whole) break;
    best = next;
  }
  return best;
}

/** How far a board that fits on one page may grow, in steps of a tenth. */
const MAX_ZOOM = 2;
const ZOOM_STEP = 0.1;

function layoutAt(viewport: Viewport, ordered: readonly PanelInput[], unit: number): BoardLayout {
  const g = GEOMETRY;
  const columnHeight = viewport.height / unit - 2 * g.padY - g.header - g.headerGap - g.slack;
  const tooSmall =
    viewport.width < TV_MIN_WIDTH || viewport.height < TV_MIN_HEIGHT || columnHeight < panelHeight(2, 1);
  if (tooSmall) {
    const slots = ordered.map((p) => ({ id: p.id, rows: p.rows, hidden: 0 }));
    return { mode: 'scroll', unit: SCROLL_UNIT, columns: 1, feedLines: g.feedLines, pages: [[slots]] };
  }

  // The panels get the whole width: a feed column beside them cut their titles short on a TV.
  const area = viewport.width / unit - 2 * g.padX;
  const columns = Math.max(1, Math.floor((area + g.panelGap) / (g.panelMinWidth + g.panelGap)));

  // The most rows a single panel can show: with the "+N more" line once some must be left out.
  const fitAll = Math.floor((columnHeight - g.panelChrome) / g.row);
  const fitSome = Math.max(1, Math.floor((columnHeight - g.panelChrome - g.moreLine) / g.row));
  const slots = ordered.map((p): PanelSlot => {
    if (p.rows <= fitAll) return { id: p.id, rows: p.rows, hidden: 0 };
    return { id: p.id, rows: fitSome, hidden: p.rows - fitSome };
  });

  const greedy = greedyPages(slots, columns, columnHeight);
  const even = splitEvenly(slots, greedy.length).map((page) => pageColumns(page, columns, columnHeight));
  const pages = even.every((page): page is PanelSlot[][] => page !== null)
    ? even
    : greedy.map((page) => pageColumns(page, columns, columnHeight) ?? [page]);
  return { mode: 'tv', unit, columns, feedLines: g.tickerLines, pages: pages.length > 0 ? pages : [[]] };
}
