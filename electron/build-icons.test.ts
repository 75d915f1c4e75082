import { readFileSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { drawPaw, encodePng, iconFiles } from './build-icons.ts';

const buildDir = path.join(import.meta.dirname, '..', 'build');

describe('icons', () => {
  it.each([...iconFiles().keys()])('build/%s is what the script draws', (name) => {
    expect(readFileSync(path.join(buildDir, name)).equals(iconFiles().get(name) ?? Buffer.alloc(0))).toBe(
      true,
    );
  });

  it('encodes a PNG whose pixels read back', () => {
    const rgba = drawPaw(8, { paw: [0, 0, 0], inset: 0 });
    const png = encodePng(8, 8, rgba);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(8);
    const idat = png.indexOf('IDAT');
    const rows = inflateSync(png.subarray(idat + 4, idat + 4 + png.readUInt32BE(idat - 4)));
    expect(rows[0]).toBe(0);
    expect(rows.subarray(1, 33).equals(Buffer.from(rgba.subarray(0, 32)))).toBe(true);
  });

  it('draws template images in black and alpha only', () => {
    const rgba = drawPaw(16, { paw: [0, 0, 0], inset: 0.06 });
    expect(rgba.filter((v, i) => i % 4 !== 3 && v !== 0)).toHaveLength(0);
    expect(rgba.some((v, i) => i % 4 === 3 && v === 255)).toBe(true);
  });
});
