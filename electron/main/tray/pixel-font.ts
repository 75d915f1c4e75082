/**
 * A tiny bitmap font for the tray icon: 5 rows high, 3 columns wide (W is 5). Drawn by hand so
 * the icon renders identically everywhere, with no font files and no canvas.
 */
export const GLYPH_HEIGHT = 5;

// '#' is a lit pixel. Rows top to bottom.
const GLYPHS: Record<string, readonly string[]> = {
  '0': ['###', '#.#', '#.#', '#.#', '###'],
  '1': ['.#.', '##.', '.#.', '.#.', '###'],
  '2': ['###', '..#', '###', '#..', '###'],
  '3': ['###', '..#', '###', '..#', '###'],
  '4': ['#.#', '#.#', '###', '..#', '..#'],
  '5': ['###', '#..', '###', '..#', '###'],
  '6': ['###', '#..', '###', '#.#', '###'],
  '7': ['###', '..#', '.#.', '.#.', '.#.'],
  '8': ['###', '#.#', '###', '#.#', '###'],
  '9': ['###', '#.#', '###', '..#', '###'],
  k: ['#..', '#.#', '##.', '#.#', '#.#'],
  '+': ['...', '.#.', '###', '.#.', '...'],
  W: ['#...#', '#...#', '#.#.#', '#.#.#', '.#.#.'],
};

export interface Glyph {
  width: number;
  /** lit[row][column] */
  lit: boolean[][];
}

const parsed = new Map<string, Glyph>(
  Object.entries(GLYPHS).map(([char, rows]) => [
    char,
    { width: rows[0]?.length ?? 0, lit: rows.map((row) => [...row].map((c) => c === '#')) },
  ]),
);

export function glyph(char: string): Glyph {
  const found = parsed.get(char);
  if (!found) throw new RangeError(`the tray font has no glyph for ${JSON.stringify(char)}`);
  return found;
}

/** Width in pixels at a scale, with one scaled pixel between glyphs. */
export function textWidth(text: string, scale: number): number {
  const chars = [...text];
  const glyphs = chars.reduce((sum, c) => sum + glyph(c).width, 0);
  return (glyphs + Math.max(0, chars.length - 1)) * scale;
}
