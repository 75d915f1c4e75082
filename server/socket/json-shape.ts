import { LIMITS } from '../../core/limits.ts';

export interface JsonShapeLimit {
  /** Arrays and objects inside one another. */
  depth: number;
  /** Values in arrays and objects, all levels together. */
  elements: number;
}

export const MESSAGE_SHAPE: JsonShapeLimit = {
  depth: LIMITS.maxMessageDepth,
  elements: LIMITS.maxMessageElements,
};

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;
const COMMA = 0x2c;

/** The quote that ends the string opened at `open`, or -1. indexOf skips a string's text natively. */
function closingQuote(text: string, open: number): number {
  let end = text.indexOf('"', open + 1);
  while (end >= 0) {
    let backslashes = 0;
    while (text.charCodeAt(end - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return end;
    end = text.indexOf('"', end + 1);
  }
  return -1;
}

/**
 * Why this JSON text is too deep or holds too many values to be parsed, or null. JSON.parse,
 * Socket.IO and zod walk a structure level by level and value by value: a frame nested 120,000
 * deep cost JSON.parse alone 40 ms. This is one pass over the characters that stops at the first
 * level or value over the limit and allocates nothing (for a full activity:log batch, about half
 * what JSON.parse of it costs). Brackets and commas inside strings do not count. The text need not
 * be valid JSON: whatever JSON.parse would make of it is no deeper and no larger than counted here.
 * Also for HTTP bodies, before JSON.parse.
 */
export function jsonShapeProblem(text: string, limit: JsonShapeLimit = MESSAGE_SHAPE): string | null {
  let depth = 0;
  // Each container and each comma starts a value: an upper bound of the values, never below it.
  let elements = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = closingQuote(text, i);
      // An unterminated string: JSON.parse fails on it without walking anything deep.
      if (end < 0) return null;
      i = end;
    } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      depth++;
      elements++;
      if (depth > limit.depth) return `it nests more than ${limit.depth} levels deep`;
      if (elements > limit.elements) return `it holds more than ${limit.elements} values`;
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
      depth--;
    } else if (c === COMMA) {
      elements++;
      if (elements > limit.elements) return `it holds more than ${limit.elements} values`;
    }
  }
  return null;
}
