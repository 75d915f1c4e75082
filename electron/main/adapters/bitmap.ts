import type { IconBitmap } from '../ports.ts';

/**
 * Our icons are straight (unpremultiplied) RGBA. `nativeImage.createFromBitmap` copies the bytes
 * into an N32 premultiplied Skia bitmap (`SkImageInfo::MakeN32(w, h, kPremul_SkAlphaType)` in
 * shell/common/api/electron_api_native_image.cc), and Chromium's N32 is B, G, R, A in memory on
 * every desktop platform it ships on. Handing RGBA over as is swaps red and blue and makes
 * half-transparent edges too bright.
 */
export function toNativeBitmap(image: IconBitmap): Uint8Array {
  const { width, height, rgba } = image;
  if (rgba.length !== width * height * 4) {
    throw new Error(`icon is ${rgba.length} bytes, expected ${width}x${height}x4`);
  }
  const out = new Uint8Array(rgba.length);
  for (let i = 0; i < rgba.length; i += 4) {
    const a = rgba[i + 3] ?? 0;
    out[i] = premultiply(rgba[i + 2] ?? 0, a);
    out[i + 1] = premultiply(rgba[i + 1] ?? 0, a);
    out[i + 2] = premultiply(rgba[i] ?? 0, a);
    out[i + 3] = a;
  }
  return out;
}

function premultiply(channel: number, alpha: number): number {
  return alpha === 255 ? channel : Math.round((channel * alpha) / 255);
}

/**
 * A macOS template image is black plus alpha; the menu bar recolours it for light and dark mode.
 * An icon drawn only in black is used as one; a coloured one (a red "behind" badge) is not.
 */
export function isTemplateBitmap(image: IconBitmap): boolean {
  const { rgba } = image;
  for (let i = 0; i < rgba.length; i += 4) {
    if ((rgba[i + 3] ?? 0) === 0) continue;
    if (rgba[i] !== 0 || rgba[i + 1] !== 0 || rgba[i + 2] !== 0) return false;
  }
  return true;
}

export interface TrayIconSize {
  /** Pixels of the bitmap we draw. */
  pixels: number;
  /** Its device pixels per point. */
  scaleFactor: number;
}

/**
 * macOS draws a 16 pt menu bar icon, sharp at 2x on every current Mac; Windows a 16 px icon at
 * the display's scale; AppIndicator asks for 22 px and scales it itself.
 */
export function trayIconSize(platform: NodeJS.Platform, displayScale: number): TrayIconSize {
  if (platform === 'darwin') return { pixels: 32, scaleFactor: 2 };
  if (platform === 'win32') {
    const scale = displayScale >= 1.5 ? 2 : 1;
    return { pixels: 16 * scale, scaleFactor: scale };
  }
  return { pixels: 22, scaleFactor: 1 };
}

/** The icon shown before the first score is drawn; nativeImage picks up the @2x file itself. */
export function initialTrayIconName(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'trayTemplate.png';
  return platform === 'win32' ? 'tray-16.png' : 'tray-22.png';
}
