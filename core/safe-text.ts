/**
 * Which characters stored text may hold. Everything that people type into Wolfpack ends up in a
 * terminal line, a notification, a CSV cell or a list of names, where a line break forges a line,
 * a control character drives the terminal and an invisible character makes two names look alike.
 * No Unicode data beyond what the JavaScript engine has, so that the web app can use it too.
 */

/** LF, VT, FF, CR, NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR. */
const LINE_BREAK = /[\n\v\f\r\u0085\u2028\u2029]/u;
/** C0 and C1 controls and DEL (TAB too: it moves the cursor and starts a CSV formula). */
const CONTROL = /\p{Cc}/u;
/** Zero-width characters, bidi overrides and isolates, the BOM, soft hyphen: category Cf. */
const FORMAT = /\p{Cf}/u;
/**
 * Characters that draw nothing at all (Unicode's Default_Ignorable_Code_Point: also variation
 * selectors, the combining grapheme joiner and the Hangul fillers), so "Alex" and "Alex" with one
 * of them appended read the same. A note may carry them (an emoji's presentation selector); a
 * name may not.
 */
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/u;
const LEADING_MARK = /^\p{M}/u;

/** Why the text may not be stored, as a zod message would put it; null when it may. */
export function textProblem(text: string): string | null {
  if (LINE_BREAK.test(text)) return 'must be a single line (no line breaks)';
  if (CONTROL.test(text)) return 'must not contain control characters';
  if (FORMAT.test(text))
    return 'must not contain invisible formatting characters (zero-width or direction marks)';
  // A lone surrogate turns into U+FFFD on the way to UTF-8, so what is stored is not what was sent.
  if (!text.isWellFormed()) return 'must be valid Unicode text';
  return null;
}

/** As textProblem, for a display name, pack name or label after normalizeName. */
export function nameProblem(name: string): string | null {
  const problem = textProblem(name);
  if (problem) return problem;
  if (INVISIBLE.test(name)) return 'must not contain invisible characters';
  // It would sit on whatever is printed before the name, such as the quote around it.
  if (LEADING_MARK.test(name)) return 'must not start with a combining mark';
  return null;
}

/**
 * The form a name is stored in: NFKC (fullwidth "Ａｌｅｘ" is "Alex", a ligature its letters, an
 * accent typed as a combining mark joins its letter), every run of spaces one plain space, trimmed.
 */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/\p{Zs}+/gu, ' ')
    .trim();
}

const UNSAFE_SPACE = /[\t\n\v\f\r\u0085\u2028\u2029]/gu;
const UNSAFE_OTHER = /[\p{Cc}\p{Cf}\p{Cs}]/gu;

/**
 * Stored text as one line that is safe to print: a line break or tab becomes a space, any other
 * control or format character (and a lone surrogate) a visible U+FFFD. Rows that an older relay
 * stored may hold any of them; the relay no longer accepts them.
 */
export function oneLine(text: string): string {
  return text.replace(UNSAFE_SPACE, ' ').replace(UNSAFE_OTHER, '\uFFFD');
}
