import { describe, expect, it } from 'vitest';
import { initialTrayIconName, isTemplateBitmap, toNativeBitmap, trayIconSize } from './bitmap.ts';

const px = (...bytes: number[]) => ({ width: bytes.length / 4, height: 1, rgba: Uint8Array.from(bytes) });

describe('toNativeBitmap', () => {
  it.each([
    ['opaque red becomes B,G,R,A', [255, 0, 0, 255], [0, 0, 255, 255]],
    ['opaque blue', [0, 0, 255, 255], [255, 0, 0, 255]],
    ['green stays in the middle', [10, 200, 30, 255], [30, 200, 10, 255]],
    ['half-transparent white is premultiplied', [255, 255, 255, 128], [128, 128, 128, 128]],
    ['half-transparent orange', [255, 128, 0, 128], [0, 64, 128, 128]],
    ['fully transparent colour carries nothing', [255, 255, 255, 0], [0, 0, 0, 0]],
  ])('%s', (_name, input, expected) => {
    expect([...toNativeBitmap(px(...input))]).toEqual(expected);
  });

  it('keeps pixel order', () => {
    const out = toNativeBitmap(px(1, 2, 3, 255, 4, 5, 6, 255));
    expect([...out]).toEqual([3, 2, 1, 255, 6, 5, 4, 255]);
  });

  it('refuses a buffer of the wrong size', () => {
    expect(() => toNativeBitmap({ width: 2, height: 2, rgba: new Uint8Array(12) })).toThrow(/expected 2x2x4/);
  });
});

describe('isTemplateBitmap', () => {
  it.each([
    ['black with alpha', [0, 0, 0, 255, 0, 0, 0, 80], true],
    ['transparent colour is ignored', [0, 0, 0, 255, 255, 0, 0, 0], true],
    ['a red pixel', [0, 0, 0, 255, 200, 0, 0, 255], false],
    ['white', [255, 255, 255, 255], false],
  ])('%s -> %s', (_name, input, expected) => {
    expect(isTemplateBitmap(px(...input))).toBe(expected);
  });
});

describe('trayIconSize', () => {
  it.each([
    ['darwin', 1, { pixels: 32, scaleFactor: 2 }],
    ['win32', 1, { pixels: 16, scaleFactor: 1 }],
    ['win32', 1.25, { pixels: 16, scaleFactor: 1 }],
    ['win32', 2, { pixels: 32, scaleFactor: 2 }],
    ['linux', 2, { pixels: 22, scaleFactor: 1 }],
  ] as const)('%s at %s', (platform, scale, expected) => {
    expect(trayIconSize(platform, scale)).toEqual(expected);
  });

  it('starts on a shipped icon', () => {
    expect(initialTrayIconName('darwin')).toBe('trayTemplate.png');
    expect(initialTrayIconName('linux')).toBe('tray-22.png');
  });
});
