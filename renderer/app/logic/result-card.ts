import { describeResult, formatInstant } from '../../../core/format.ts';
import { findMetric, metricNoun } from '../../../core/metrics.ts';
import type { ChallengeView } from '../../../core/types.ts';
import type { AppView } from '../services.ts';
import { nameOf } from './standings.ts';

/** The size social sites and chat apps show a link image at, so a shared card is not cropped. */
export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;
/** More rows than this would shrink the names below what reads on a phone; the rest are counted. */
const ROWS_SHOWN = 8;

export interface CardRow {
  rank: number;
  name: string;
  count: number;
  winner: boolean;
}

/** What the card says, worked out apart from the drawing so it can be checked without a canvas. */
export interface ResultCardModel {
  pack: string;
  title: string;
  /** "Alex won 41 to 38 (+3)": real names, since the card is shown to people outside the app. */
  headline: string;
  dates: string;
  rows: CardRow[];
  /** Participants beyond the rows shown. */
  more: number;
  /** The counted thing in the plural, "calls". */
  noun: string;
  /** Everything the picture says, for the screen-reader label of the preview. */
  summary: string;
  fileName: string;
}

export function resultCardModel(
  challenge: ChallengeView,
  state: Pick<AppView, 'members' | 'metrics' | 'pack'>,
): ResultCardModel {
  const result = challenge.result;
  const metric = findMetric(state.metrics, challenge.metric);
  const noun = metric ? metricNoun(metric, 2) : challenge.metric;
  const name = (id: string) => nameOf(state.members, id, null);
  const zone = state.pack?.timeZone ?? 'UTC';
  const standings = result?.standings ?? challenge.standings;
  // Ranked here from the counts, so members level on a count always share a rank on the card.
  const all = standings.map((s) => ({
    rank: 1 + standings.filter((other) => other.count > s.count).length,
    name: name(s.memberId),
    count: s.count,
    winner: result?.winners.includes(s.memberId) ?? false,
  }));
  const rows = all.slice(0, ROWS_SHOWN);
  const headline = result ? describeResult(result, '', name, noun, challenge.format) : 'Ended';
  const dates = dateRange(formatInstant(challenge.start, zone), formatInstant(challenge.end, zone));
  const pack = state.pack?.name ?? 'Wolfpack';
  const standingsWords = all.map((r) => `${r.rank}. ${r.name} ${r.count}`).join(', ');
  return {
    pack,
    title: challenge.title,
    headline,
    dates,
    rows,
    more: all.length - rows.length,
    noun,
    summary: `${challenge.title}, ${pack}: ${headline}. ${dates}. Final standings: ${standingsWords}.`,
    fileName: `wolfpack-${slug(challenge.title) || 'result'}.png`,
  };
}

/** "Mon 7 Dec 09:00 – 17:00" when both ends fall on one day; the day is said once. */
function dateRange(start: string, end: string): string {
  const day = (instant: string) => instant.slice(0, instant.lastIndexOf(' '));
  return day(start) === day(end) ? `${start} – ${end.slice(end.lastIndexOf(' ') + 1)}` : `${start} – ${end}`;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

/** The card's own colours: it is an image to share, so it looks the same whatever the app's theme. */
const INK = {
  bg: '#12151a',
  text: '#eef1f5',
  muted: '#a9b3c1',
  gold: '#f2c14e',
  bar: '#5c9bff',
  track: '#2a313c',
};
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif';
const PAD = 64;

/** Cuts a line to the width with an ellipsis, so a long title never runs off the card. */
function fit(ctx: CanvasRenderingContext2D, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  let cut = text;
  while (cut.length > 1 && ctx.measureText(`${cut}…`).width > width) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/** Sets the largest font from `max` down to `min` px at which the text fits, then cuts if it must. */
function shrinkToFit(
  ctx: CanvasRenderingContext2D,
  text: string,
  width: number,
  weight: number,
  max: number,
  min: number,
): string {
  let size = max;
  ctx.font = `${weight} ${size}px ${FONT}`;
  while (size > min && ctx.measureText(text).width > width) {
    size -= 2;
    ctx.font = `${weight} ${size}px ${FONT}`;
  }
  return fit(ctx, text, width);
}

/** Draws the card at 1200x630 onto a canvas of that size. */
export function drawResultCard(ctx: CanvasRenderingContext2D, card: ResultCardModel): void {
  const inner = CARD_WIDTH - 2 * PAD;
  ctx.fillStyle = INK.bg;
  ctx.fillRect(0, 0, CARD_WIDTH, CARD_HEIGHT);
  ctx.fillStyle = INK.gold;
  ctx.fillRect(0, 0, CARD_WIDTH, 10);
  ctx.textBaseline = 'alphabetic';

  ctx.fillStyle = INK.muted;
  ctx.font = `600 26px ${FONT}`;
  ctx.fillText(fit(ctx, `${card.pack.toUpperCase()} · WOLFPACK`, inner), PAD, PAD + 20);
  ctx.fillStyle = INK.text;
  ctx.fillText(shrinkToFit(ctx, card.title, inner, 800, 56, 40), PAD, PAD + 88);
  ctx.fillStyle = INK.gold;
  ctx.fillText(shrinkToFit(ctx, card.headline, inner, 700, 40, 28), PAD, PAD + 146);
  ctx.fillStyle = INK.muted;
  ctx.font = `500 24px ${FONT}`;
  ctx.fillText(fit(ctx, card.dates, inner), PAD, PAD + 186);

  ctx.fillStyle = INK.track;
  ctx.fillRect(PAD, PAD + 212, inner, 2);
  const footer = CARD_HEIGHT - 36;
  const more = card.more > 0 ? ` · and ${card.more} more` : '';
  ctx.fillStyle = INK.muted;
  ctx.font = `500 22px ${FONT}`;
  ctx.fillText(fit(ctx, `Final standings · ${card.noun}${more}`, inner - 160), PAD, footer);
  ctx.textAlign = 'right';
  ctx.fillText('wolfpack', CARD_WIDTH - PAD, footer);
  ctx.textAlign = 'left';

  // More than four rows go in two columns, so each name keeps a size that reads on a phone.
  const columns = card.rows.length > 4 ? 2 : 1;
  const perColumn = Math.ceil(card.rows.length / columns);
  const area = { top: PAD + 236, bottom: footer - 40 };
  const rowHeight = Math.min(68, (area.bottom - area.top) / Math.max(1, perColumn));
  const top = area.top + (area.bottom - area.top - rowHeight * perColumn) / 2;
  const gutter = 48;
  const columnWidth = (inner - gutter * (columns - 1)) / columns;
  const highest = Math.max(1, ...card.rows.map((r) => r.count));
  card.rows.forEach((row, i) => {
    const left = PAD + Math.floor(i / perColumn) * (columnWidth + gutter);
    drawRow(
      ctx,
      row,
      { left, width: columnWidth, middle: top + ((i % perColumn) + 0.5) * rowHeight, rowHeight },
      highest,
    );
  });
  ctx.textBaseline = 'alphabetic';
}

/** One standing: rank (a star for a winner), name, a bar against the highest count, the count. */
function drawRow(
  ctx: CanvasRenderingContext2D,
  row: CardRow,
  at: { left: number; width: number; middle: number; rowHeight: number },
  highest: number,
): void {
  const size = Math.round(Math.min(36, at.rowHeight * 0.58));
  const rankWidth = 56;
  const countWidth = 100;
  const nameWidth = Math.min(380, (at.width - rankWidth - countWidth) * 0.55);
  const barX = at.left + rankWidth + nameWidth;
  const barWidth = at.width - rankWidth - nameWidth - countWidth;
  const barHeight = Math.max(8, Math.round(at.rowHeight * 0.3));
  ctx.textBaseline = 'middle';
  ctx.fillStyle = row.winner ? INK.gold : INK.muted;
  ctx.font = `700 ${size}px ${FONT}`;
  ctx.fillText(row.winner ? '★' : String(row.rank), at.left, at.middle);
  ctx.fillStyle = INK.text;
  ctx.font = `${row.winner ? 700 : 500} ${size}px ${FONT}`;
  ctx.fillText(fit(ctx, row.name, nameWidth - 16), at.left + rankWidth, at.middle);
  ctx.fillStyle = INK.track;
  ctx.fillRect(barX, at.middle - barHeight / 2, barWidth, barHeight);
  ctx.fillStyle = row.winner ? INK.gold : INK.bar;
  ctx.fillRect(barX, at.middle - barHeight / 2, Math.round((row.count / highest) * barWidth), barHeight);
  ctx.fillStyle = INK.text;
  ctx.font = `800 ${size}px ${FONT}`;
  ctx.textAlign = 'right';
  ctx.fillText(String(row.count), at.left + at.width, at.middle);
  ctx.textAlign = 'left';
}

/** The drawn card as PNG bytes. */
export function cardBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('The card could not be drawn.'))),
      'image/png',
    );
  });
}
