import type { Clock, IconBitmap, TimerHandle, TrayPort } from '../ports.ts';
import { GLYPH_HEIGHT, glyph, textWidth } from './pixel-font.ts';
import type { IconSpec } from './tray-model.ts';

export type Rgb = readonly [number, number, number];

export const STATUS_COLORS: Record<IconSpec['status'], Rgb> = {
  leading: [46, 160, 67],
  behind: [214, 76, 38],
  tied: [108, 117, 128],
  none: [108, 117, 128],
};
const YOUR_DIGITS: Rgb = [255, 255, 255];
const OFFLINE_GREY: Rgb = [128, 128, 128];
/** Offline, the whole icon is drawn at this opacity: the score shown may be stale. */
export const OFFLINE_ALPHA = 0.5;

const mix = (a: Rgb, b: Rgb, t: number): Rgb => [
  Math.round(a[0] + (b[0] - a[0]) * t),
  Math.round(a[1] + (b[1] - a[1]) * t),
  Math.round(a[2] + (b[2] - a[2]) * t),
];

/**
 * Counts as the icon shows them: exact up to 999 (three digits fit even at 16 px), then in
 * thousands ("12k"), capped at "99k".
 */
export function compactCount(n: number): string {
  const count = Math.max(0, Math.floor(n));
  if (count <= 999) return String(count);
  return `${Math.min(99, Math.floor(count / 1000))}k`;
}

export interface TextRun {
  text: string;
  x: number;
  y: number;
  scale: number;
  color: Rgb;
}

/**
 * Where the text goes. With a partner's count: your count on top and theirs below, each as large
 * as both rows allow; the badge colour tells who leads. Without a live score, a "W".
 */
export function iconLayout(spec: IconSpec, size: number): TextRun[] {
  const pad = Math.max(1, Math.floor(size / 16));
  const inner = size - 2 * pad;
  const badge = STATUS_COLORS[spec.status];
  const rows: { text: string; color: Rgb }[] =
    spec.you === null
      ? [{ text: 'W', color: YOUR_DIGITS }]
      : [
          { text: compactCount(spec.you), color: YOUR_DIGITS },
          // The partner's number is quieter: your own is the one you look for.
          ...(spec.them === null
            ? []
            : [{ text: compactCount(spec.them), color: mix(YOUR_DIGITS, badge, 0.3) }]),
        ];
  const gap = rows.length > 1 ? pad : 0;
  // A lone figure filling the whole badge looks like a warning sign; keep it to about 3/4.
  const rowHeight = rows.length > 1 ? Math.floor((inner - gap) / 2) : Math.floor(inner * 0.75);
  let scale = Math.max(1, Math.floor(rowHeight / GLYPH_HEIGHT));
  while (scale > 1 && rows.some((r) => textWidth(r.text, scale) > inner)) scale--;
  const total = rows.length * GLYPH_HEIGHT * scale + gap;
  const top = Math.floor((size - total) / 2);
  return rows.map((row, i) => ({
    ...row,
    scale,
    x: Math.floor((size - textWidth(row.text, scale)) / 2),
    y: top + i * (GLYPH_HEIGHT * scale + gap),
  }));
}

function insideRoundedSquare(x: number, y: number, size: number): boolean {
  const r = Math.max(2, Math.round(size / 6));
  // Distance from the pixel's centre to the nearest point of the square shrunk by r.
  const cx = Math.min(Math.max(x + 0.5, r), size - r);
  const cy = Math.min(Math.max(y + 0.5, r), size - r);
  return (x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= r * r;
}

/** The tray icon as RGBA pixels: a rounded badge in the status colour with the score on it. */
export function renderTrayIcon(spec: IconSpec, size: number): IconBitmap {
  if (!Number.isInteger(size) || size < 8 || size > 256) throw new RangeError(`bad icon size ${size}`);
  const rgba = new Uint8Array(size * size * 4);
  const badge = spec.offline
    ? mix(STATUS_COLORS[spec.status], OFFLINE_GREY, 0.6)
    : STATUS_COLORS[spec.status];
  const alpha = Math.round(255 * (spec.offline ? OFFLINE_ALPHA : 1));
  const put = (x: number, y: number, color: Rgb) => {
    if (x < 0 || y < 0 || x >= size || y >= size) return;
    const i = (y * size + x) * 4;
    rgba.set([color[0], color[1], color[2], alpha], i);
  };

  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) if (insideRoundedSquare(x, y, size)) put(x, y, badge);
  }
  for (const run of iconLayout(spec, size)) {
    let x = run.x;
    for (const char of run.text) {
      const g = glyph(char);
      g.lit.forEach((row, gy) =>
        row.forEach((lit, gx) => {
          if (!lit) return;
          for (let dy = 0; dy < run.scale; dy++) {
            for (let dx = 0; dx < run.scale; dx++) {
              put(x + gx * run.scale + dx, run.y + gy * run.scale + dy, run.color);
            }
          }
        }),
      );
      x += (g.width + 1) * run.scale;
    }
  }
  return { width: size, height: size, rgba };
}

const sameSpec = (a: IconSpec | null, b: IconSpec | null) =>
  a !== null &&
  b !== null &&
  a.you === b.you &&
  a.them === b.them &&
  a.status === b.status &&
  a.offline === b.offline;

/**
 * Sets the tray image at most once a second and only when the spec changed: a burst of logs
 * re-renders once, and the change that arrives inside the second is applied when it is up, the
 * latest one winning.
 */
export class TrayIconUpdater {
  static readonly MIN_INTERVAL_MS = 1000;
  private readonly tray: Pick<TrayPort, 'setImage'>;
  private readonly clock: Clock;
  private readonly size: number;
  private shown: IconSpec | null = null;
  private shownAt = Number.NEGATIVE_INFINITY;
  private pending: IconSpec | null = null;
  private timer: TimerHandle | null = null;

  constructor(tray: Pick<TrayPort, 'setImage'>, clock: Clock, size: number) {
    this.tray = tray;
    this.clock = clock;
    this.size = size;
  }

  update(spec: IconSpec): void {
    const now = this.clock.now();
    if (!this.timer && sameSpec(spec, this.shown)) return;
    const wait = this.shownAt + TrayIconUpdater.MIN_INTERVAL_MS - now;
    if (wait <= 0 && !this.timer) {
      this.apply(spec);
      return;
    }
    // Inside the second: remember the latest; the timer decides whether it still differs.
    this.pending = { ...spec };
    this.timer ??= this.clock.setTimeout(() => this.flush(), wait);
  }

  dispose(): void {
    this.timer?.cancel();
    this.timer = null;
    this.pending = null;
  }

  private flush(): void {
    this.timer = null;
    const spec = this.pending;
    this.pending = null;
    if (spec) this.apply(spec);
  }

  private apply(spec: IconSpec): void {
    if (sameSpec(spec, this.shown)) return;
    this.tray.setImage(renderTrayIcon(spec, this.size));
    this.shown = { ...spec };
    this.shownAt = this.clock.now();
  }
}
