import { describe, expect, it } from 'vitest';
import {
  BADGE_INK,
  initials,
  MEMBER_PALETTE,
  memberColour,
  memberColourCss,
  memberColourIndex,
} from './member-colour.ts';

/** WCAG 2 relative luminance and contrast ratio of two #rrggbb colours. */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

// The page backgrounds and surfaces of base.css, light and dark.
const SURFACES = { light: ['#ffffff', '#f6f7f9'], dark: ['#1c2129', '#12151a'] };

const joined = (id: string, joinedAt: number) => ({ id, joinedAt });

describe('member colours', () => {
  it.each(MEMBER_PALETTE.map((colour, i) => [i, colour] as const))(
    'palette entry %i keeps initials readable (4.5:1) and the circle visible (3:1) in both themes',
    (_i, colour) => {
      expect(contrast(colour.light, BADGE_INK.light)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(colour.dark, BADGE_INK.dark)).toBeGreaterThanOrEqual(4.5);
      for (const bg of SURFACES.light) expect(contrast(colour.light, bg)).toBeGreaterThanOrEqual(3);
      for (const bg of SURFACES.dark) expect(contrast(colour.dark, bg)).toBeGreaterThanOrEqual(3);
    },
  );

  it('gives the eight members of a full pack eight different colours, by order of joining', () => {
    // Ids chosen so that a hash of them would collide; joining order must decide, not the id.
    const pack = ['h', 'g', 'f', 'e', 'd', 'c', 'b', 'a'].map((id, i) => joined(id, 1000 + i));
    const colours = pack.map((m) => memberColourIndex(m.id, pack));
    expect(new Set(colours).size).toBe(8);
    expect(colours).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('keeps each colour when the list comes in another order or a member leaves the list', () => {
    const pack = [joined('priya', 10), joined('sam', 20), joined('jo', 30)];
    const shuffled = [...pack].reverse();
    for (const m of pack) expect(memberColour(m.id, shuffled)).toEqual(memberColour(m.id, pack));
    // A member missing from the list (a former member) still gets the same colour every time.
    const gone = memberColourIndex('someone-who-left', pack);
    expect(memberColourIndex('someone-who-left', pack)).toBe(gone);
    expect(gone).toBeGreaterThanOrEqual(0);
    expect(gone).toBeLessThan(MEMBER_PALETTE.length);
  });

  it('writes the colour as CSS that follows the light and dark theme', () => {
    expect(memberColourCss({ light: '#111111', dark: '#eeeeee' })).toBe('light-dark(#111111, #eeeeee)');
  });
});

describe('initials', () => {
  it.each([
    ['Priya Shah', 'PS'],
    ['Sam', 'SA'],
    ['  sam   okafor ', 'SO'],
    ['Ana María de la Cruz', 'AC'],
    ['Émile Zola', 'ÉZ'],
    ['(Sam) Lee', 'SL'],
    ['Jo', 'JO'],
    ['J', 'J'],
    ['👩🏽‍💼 Ana', '👩🏽‍💼A'],
    ['🦊', '🦊'],
    ['Zoë🐺', 'ZO'],
    ['', '?'],
    ['   ', '?'],
  ])('%j -> %j', (name, expected) => {
    expect(initials(name)).toBe(expected);
  });
});
