import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

/**
 * Draws Wolfpack's paw mark and writes every icon electron-builder and the tray need under
 * build/. The PNGs are committed; `npm run build:icons` regenerates them, and a test checks
 * that the committed files are exactly what this script draws.
 */

type Rgb = readonly [number, number, number];
interface Ellipse {
  cx: number;
  cy: number;
  rx: number;
  ry: number;
  /** Radians. */
  angle: number;
}

/** In a unit square: the big pad and four toes. */
const PAW: readonly Ellipse[] = [
  { cx: 0.5, cy: 0.67, rx: 0.25, ry: 0.21, angle: 0 },
  { cx: 0.18, cy: 0.42, rx: 0.09, ry: 0.125, angle: -0.45 },
  { cx: 0.37, cy: 0.24, rx: 0.095, ry: 0.13, angle: -0.15 },
  { cx: 0.63, cy: 0.24, rx: 0.095, ry: 0.13, angle: 0.15 },
  { cx: 0.82, cy: 0.42, rx: 0.09, ry: 0.125, angle: 0.45 },
];

const AMBER: Rgb = [245, 158, 11];
const SLATE: Rgb = [31, 41, 55];
const WHITE: Rgb = [255, 255, 255];
const BLACK: Rgb = [0, 0, 0];

function inEllipse(x: number, y: number, e: Ellipse): boolean {
  const dx = x - e.cx;
  const dy = y - e.cy;
  const cos = Math.cos(e.angle);
  const sin = Math.sin(e.angle);
  const u = (dx * cos + dy * sin) / e.rx;
  const v = (-dx * sin + dy * cos) / e.ry;
  return u * u + v * v <= 1;
}

function inRoundedSquare(x: number, y: number, radius: number): boolean {
  const cx = Math.min(Math.max(x, radius), 1 - radius);
  const cy = Math.min(Math.max(y, radius), 1 - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

/** Fraction of a pixel inside a shape, sampled 4x4 so that small tray sizes stay smooth. */
function coverage(size: number, px: number, py: number, inside: (x: number, y: number) => boolean): number {
  let hits = 0;
  for (let sy = 0; sy < 4; sy++) {
    for (let sx = 0; sx < 4; sx++) {
      if (inside((px + (sx + 0.5) / 4) / size, (py + (sy + 0.5) / 4) / size)) hits++;
    }
  }
  return hits / 16;
}

export interface Style {
  paw: Rgb;
  /** A rounded square behind the paw (the app icon); none for tray icons. */
  background?: Rgb;
  /** Margin around the paw, as a fraction of the size. */
  inset: number;
}

export function drawPaw(size: number, style: Style): Uint8Array {
  const rgba = new Uint8Array(size * size * 4);
  const scale = 1 - 2 * style.inset;
  const paw = (x: number, y: number) =>
    PAW.some((e) => inEllipse((x - style.inset) / scale, (y - style.inset) / scale, e));
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const i = (py * size + px) * 4;
      const a = coverage(size, px, py, paw);
      const bg = style.background ? coverage(size, px, py, (x, y) => inRoundedSquare(x, y, 0.2)) : 0;
      const base = style.background ?? style.paw;
      for (let c = 0; c < 3; c++)
        rgba[i + c] = Math.round((base[c] ?? 0) * (1 - a) + (style.paw[c] ?? 0) * a);
      rgba[i + 3] = Math.round(255 * (style.background ? bg : a));
    }
  }
  return rgba;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/** A minimal PNG: 8-bit RGBA, no filtering, one IDAT. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    rows.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

const APP: Style = { paw: WHITE, background: SLATE, inset: 0.15 };
const TRAY: Style = { paw: AMBER, inset: 0.04 };
const TEMPLATE: Style = { paw: BLACK, inset: 0.06 };

/** Every icon, by path under build/. */
export function iconFiles(): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const add = (name: string, size: number, style: Style) =>
    files.set(name, encodePng(size, size, drawPaw(size, style)));
  add('icon.png', 512, APP);
  // electron-builder's Linux icon set: NxN.png in one folder.
  for (const size of [16, 32, 48, 64, 128, 256, 512]) add(`icons/${size}x${size}.png`, size, APP);
  for (const size of [16, 22, 24, 32, 48]) {
    add(`tray/tray-${size}.png`, size, TRAY);
    add(`tray/tray-${size}@2x.png`, size * 2, TRAY);
  }
  // macOS menu bar: black plus alpha, recoloured by the system for light and dark.
  add('tray/trayTemplate.png', 16, TEMPLATE);
  add('tray/trayTemplate@2x.png', 32, TEMPLATE);
  return files;
}

export async function writeIcons(buildDir: string): Promise<string[]> {
  const written: string[] = [];
  for (const [name, data] of iconFiles()) {
    const file = path.join(buildDir, name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, data);
    written.push(file);
  }
  return written;
}

if (import.meta.main) {
  const files = await writeIcons(path.join(import.meta.dirname, '..', 'build'));
  console.log(`wrote ${files.length} icons under build/`);
}
