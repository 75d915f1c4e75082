import { describe, expect, it } from 'vitest';
import type { IconBitmap } from '../ports.ts';
import { FakeClock, FakeTray } from '../testing/fakes.ts';
import { STATUS_COLORS, TrayIconUpdater, compactCount, iconLayout, renderTrayIcon } from './icon-render.ts';
import { glyph } from './pixel-font.ts';
import type { IconSpec } from './tray-model.ts';

const spec = (over: Partial<IconSpec> = {}): IconSpec => ({
  you: 23,
  them: 27,
  status: 'behind',
  offline: false,
  ...over,
});

function pixel(image: IconBitmap, x: number, y: number): [number, number, number, number] {
  const i = (y * image.width + x) * 4;
  return [image.rgba[i] ?? -1, image.rgba[i + 1] ?? -1, image.rgba[i + 2] ?? -1, image.rgba[i + 3] ?? -1];
}

const WHITE = [255, 255, 255, 255];

/** The set of white (digit) pixels, as "x,y" strings. */
function litPixels(image: IconBitmap): Set<string> {
  const lit = new Set<string>();
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      if (pixel(image, x, y).join() === WHITE.join()) lit.add(`${x},${y}`);
    }
  }
  return lit;
}

describe('renderTrayIcon', () => {
  it.each([16, 20, 24, 32, 48, 64])('%d px: square RGBA, transparent corner, badge colour inside', (size) => {
    const image = renderTrayIcon(spec(), size);
    expect([image.width, image.height, image.rgba.length]).toEqual([size, size, size * size * 4]);
    expect(pixel(image, 0, 0)[3]).toBe(0);
    // The middle of the left edge is badge, never digit: digits are centred with padding.
    expect(pixel(image, 0, Math.floor(size / 2))).toEqual([...STATUS_COLORS.behind, 255]);
  });

  it.each<[IconSpec['status'], readonly number[]]>([
    ['leading', STATUS_COLORS.leading],
    ['behind', STATUS_COLORS.behind],
    ['tied', STATUS_COLORS.tied],
    ['none', STATUS_COLORS.none],
  ])('%s paints the badge %j', (status, color) => {
    expect(pixel(renderTrayIcon(spec({ status }), 32), 1, 16)).toEqual([...color, 255]);
  });

  it('leading is green and behind is not', () => {
    const [r, g] = STATUS_COLORS.leading;
    expect(g).toBeGreaterThan(r);
    expect(STATUS_COLORS.behind[0]).toBeGreaterThan(STATUS_COLORS.behind[1]);
  });

  it.each([16, 32, 48])('at %d px each lit pixel of your count is where the font says', (size) => {
    const s = spec({ you: 8, them: null });
    const image = renderTrayIcon(s, size);
    const [run] = iconLayout(s, size);
    if (!run) throw new Error('no text laid out');
    const eight = glyph('8');
    const expected = new Set<string>();
    eight.lit.forEach((row, gy) =>
      row.forEach((lit, gx) => {
        for (let dy = 0; dy < run.scale; dy++) {
          for (let dx = 0; dx < run.scale; dx++) {
            if (lit) expected.add(`${run.x + gx * run.scale + dx},${run.y + gy * run.scale + dy}`);
          }
        }
      }),
    );
    expect(litPixels(image)).toEqual(expected);
    // The hole in the 8 shows the badge through it.
    expect(pixel(image, run.x + run.scale, run.y + run.scale)).toEqual([...STATUS_COLORS.behind, 255]);
  });

  it('different counts draw different pixels', () => {
    const one = litPixels(renderTrayIcon(spec({ you: 1, them: null }), 16));
    const eight = litPixels(renderTrayIcon(spec({ you: 8, them: null }), 16));
    expect(one.size).toBeGreaterThan(0);
    expect(eight.size).toBeGreaterThan(one.size);
    expect(one).not.toEqual(eight);
  });

  it('draws both counts: yours on top in white, the partner below', () => {
    const layout = iconLayout(spec({ you: 23, them: 27 }), 32);
    expect(layout.map((r) => r.text)).toEqual(['23', '27']);
    expect(layout[0]?.y).toBeLessThan(layout[1]?.y ?? 0);
    const image = renderTrayIcon(spec({ you: 23, them: 27 }), 32);
    const bottom = layout[1]?.y ?? 0;
    const whiteRows = [...litPixels(image)].map((p) => Number(p.split(',')[1]));
    expect(Math.max(...whiteRows)).toBeLessThan(bottom);
  });

  it.each([
    [5, '5'],
    [99, '99'],
    [999, '999'],
    [1000, '1k'],
    [12_345, '12k'],
    [1_000_000, '99k'],
  ])('%d reads %s', (n, text) => {
    expect(compactCount(n)).toBe(text);
  });

  it.each([16, 32, 48, 64])('three-digit counts fit inside %d px', (size) => {
    for (const run of iconLayout(spec({ you: 888, them: 999 }), size)) {
      expect(run.x).toBeGreaterThanOrEqual(1);
      expect(run.x + (run.text.length * 4 - 1) * run.scale).toBeLessThanOrEqual(size - 1);
    }
  });

  it('grows the digits with the icon', () => {
    const scales = [16, 32, 64].map((size) => iconLayout(spec(), size)[0]?.scale);
    expect(scales).toEqual([1, 2, 5]);
  });

  it('without a live score draws a W', () => {
    expect(iconLayout(spec({ you: null, them: null, status: 'none' }), 32).map((r) => r.text)).toEqual(['W']);
  });

  it('offline dims the whole icon and greys the badge', () => {
    const online = renderTrayIcon(spec({ status: 'leading' }), 32);
    const offline = renderTrayIcon(spec({ status: 'leading', offline: true }), 32);
    const [r, g, b, a] = pixel(offline, 1, 16);
    expect(a).toBeLessThan(pixel(online, 1, 16)[3]);
    expect(g - r).toBeLessThan(STATUS_COLORS.leading[1] - STATUS_COLORS.leading[0]);
    expect(b).toBeGreaterThan(0);
  });
});

describe('TrayIconUpdater', () => {
  function setup() {
    const tray = new FakeTray();
    const clock = new FakeClock();
    return { tray, clock, updater: new TrayIconUpdater(tray, clock, 16) };
  }

  it('draws the first score at once', () => {
    const { tray, updater } = setup();
    updater.update(spec());
    expect(tray.images).toHaveLength(1);
    expect(tray.image?.width).toBe(16);
  });

  it('does not redraw an unchanged score', () => {
    const { tray, clock, updater } = setup();
    updater.update(spec());
    clock.advance(5000);
    updater.update(spec());
    updater.update(spec());
    expect(tray.images).toHaveLength(1);
  });

  it('applies changes within the same second once, when it is up, the latest winning', () => {
    const { tray, clock, updater } = setup();
    updater.update(spec({ you: 23 }));
    clock.advance(200);
    updater.update(spec({ you: 24 }));
    updater.update(spec({ you: 25 }));
    expect(tray.images).toHaveLength(1);
    clock.advance(799);
    expect(tray.images).toHaveLength(1);
    clock.advance(1);
    expect(tray.images).toHaveLength(2);
    expect(tray.image).toEqual(renderTrayIcon(spec({ you: 25 }), 16));
    clock.advance(10_000);
    expect(tray.images).toHaveLength(2);
  });

  it('a change that is undone within the second draws nothing', () => {
    const { tray, clock, updater } = setup();
    updater.update(spec({ you: 23 }));
    updater.update(spec({ you: 24 }));
    updater.update(spec({ you: 23 }));
    clock.advance(2000);
    expect(tray.images).toHaveLength(1);
  });

  it('a change after a quiet second is drawn at once', () => {
    const { tray, clock, updater } = setup();
    updater.update(spec({ you: 23 }));
    clock.advance(1500);
    updater.update(spec({ offline: true }));
    expect(tray.images).toHaveLength(2);
  });

  it('dispose drops a pending change', () => {
    const { tray, clock, updater } = setup();
    updater.update(spec({ you: 1 }));
    updater.update(spec({ you: 2 }));
    updater.dispose();
    clock.advance(5000);
    expect(tray.images).toHaveLength(1);
    expect(clock.pending()).toBe(0);
  });
});
