import unhomoglyph from 'unhomoglyph';
import { normalizeName } from './safe-text.ts';

/**
 * Unicode TR39's skeleton: NFD, each character replaced by its prototype from Unicode's
 * confusables.txt (the unhomoglyph package ships that table), NFD again. Two strings with one
 * skeleton look alike: Cyrillic "А" and Latin "A", "I" and "l", "rn" and "m".
 * https://www.unicode.org/reports/tr39/#def-skeleton
 */
export function skeleton(text: string): string {
  return unhomoglyph(text.normalize('NFD')).normalize('NFD');
}

/** Accents and other marks drawn on top of or below a letter, once NFD has split them off. */
const NONSPACING_MARK = /\p{Mn}/gu;

/**
 * What two display names are compared by: two names with one key read as the same person in a
 * standings list. Case does not count ("alex" is "Alex"), nor do look-alike letters, nor accents:
 * "José" is a fine name, but not in a pack that has a "Jose". The skeleton is taken before
 * lower-casing, where "AIex" with a capital I still looks like "Alex", and again after it.
 */
export function nameKey(name: string): string {
  return skeleton(skeleton(normalizeName(name)).toLowerCase()).replace(NONSPACING_MARK, '');
}
