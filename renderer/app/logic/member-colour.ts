import type { Member } from '../../../core/types.ts';

/** One member colour: a fill for the light theme and one for the dark theme. */
export interface MemberColour {
  light: string;
  dark: string;
}

/**
 * Eight fills, far apart in hue, so a full pack of eight never shares one. Light-theme fills are
 * dark enough for white initials and dark-theme fills light enough for near-black initials, both
 * at 4.5:1 or more (member-colour.test.ts measures it).
 */
export const MEMBER_PALETTE: readonly MemberColour[] = [
  { light: '#1f5fbf', dark: '#7fb0ff' },
  { light: '#b23c12', dark: '#ff9a6b' },
  { light: '#1b6e36', dark: '#6fd39a' },
  { light: '#7a3aa0', dark: '#c99af0' },
  { light: '#0b6b75', dark: '#5fd0d8' },
  { light: '#ad1f5c', dark: '#ff8fbf' },
  { light: '#7d5200', dark: '#e8c15a' },
  { light: '#4a5361', dark: '#b7c0cc' },
];

const FALLBACK: MemberColour = { light: '#4a5361', dark: '#b7c0cc' };

/** The initials' colour on a member fill, per theme. */
export const BADGE_INK: MemberColour = { light: '#ffffff', dark: '#12151a' };

/** A small stable hash: a former member missing from the list still keeps one colour. */
function hash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return Math.abs(h);
}

/**
 * Which palette entry a member gets: their place in the pack's joining order, so the first eight
 * members to join all differ. The list may include members who left (their history stays), so a
 * departure does not recolour anyone.
 */
export function memberColourIndex(
  memberId: string,
  members: readonly Pick<Member, 'id' | 'joinedAt'>[],
): number {
  const order = [...members].sort((a, b) => a.joinedAt - b.joinedAt || a.id.localeCompare(b.id));
  const place = order.findIndex((m) => m.id === memberId);
  return (place >= 0 ? place : hash(memberId)) % MEMBER_PALETTE.length;
}

export function memberColour(
  memberId: string,
  members: readonly Pick<Member, 'id' | 'joinedAt'>[],
): MemberColour {
  return MEMBER_PALETTE[memberColourIndex(memberId, members)] ?? FALLBACK;
}

/** The colour as CSS that follows the page's colour scheme (system or the theme toggle). */
export function memberColourCss(colour: MemberColour): string {
  return `light-dark(${colour.light}, ${colour.dark})`;
}

// One segmenter for every call: making one costs about a millisecond, and Live draws a badge for
// each standing of each challenge on every update (160 with 20 challenges of 8).
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const graphemes = (text: string): string[] => [...segmenter.segment(text)].map((s) => s.segment);

/**
 * "Priya Shah" -> "PS", "Sam" -> "SA", "Ana María de la Cruz" -> "AC"; counted in graphemes so an
 * emoji or an accented letter is never cut in half. Leading punctuation ("(Sam)") is skipped.
 */
export function initials(displayName: string): string {
  let known = initialsOf.get(displayName);
  if (known === undefined) {
    known = initialsFresh(displayName);
    // A pack has at most a few hundred names; the cap only guards against an endless stream.
    if (initialsOf.size > 1000) initialsOf.clear();
    initialsOf.set(displayName, known);
  }
  return known;
}

/** Live draws the same few names on every update, and segmenting them costs; each is worked out once. */
const initialsOf = new Map<string, string>();

function initialsFresh(displayName: string): string {
  const words = displayName
    .split(/\s+/)
    .map((word) => word.replace(/^\p{P}+/u, ''))
    .filter((word) => word.length > 0);
  const first = words[0];
  if (first === undefined) return '?';
  const last = words.length > 1 ? words[words.length - 1] : undefined;
  const picked =
    last !== undefined ? [graphemes(first)[0], graphemes(last)[0]] : graphemes(first).slice(0, 2);
  return picked.join('').toLocaleUpperCase();
}
