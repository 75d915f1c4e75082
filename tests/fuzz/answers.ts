import { ERROR_CODES } from '../../core/errors.ts';

/**
 * What a user of the relay must never read in an error: its stack, its files, its source or the
 * text of an exception it did not mean to raise. Each pattern is checked against what was sent
 * too, since an error may rightly quote the caller's own input (an unknown key, an event name).
 */
const INTERNALS: readonly [RegExp, string][] = [
  [/\bat (?:async )?[\w$.<>[\]]+ \(|\bat (?:file:|node:|\/)|\n\s+at /, 'a stack frame'],
  [/node_modules/, 'node_modules'],
  [
    /file:\/\/|node:internal|(?:^|[\s("'`])\/(?:home|usr|tmp|work|opt|var|root|srv|Users)\/|[A-Za-z]:\\/,
    'a file path',
  ],
  [/\.(?:[cm]?js|ts):\d+/, 'a source location'],
  [/\bfunction\s*[\w$]*\s*\(|=>\s*\{|\bself\.[\w$]|\bthis\.[\w$]+\s*[(=]|\/\/ [a-z]/, 'library source'],
  [
    /\b(?:TypeError|RangeError|SyntaxError|ReferenceError)\b|Cannot read propert|is not a function|is not iterable|Maximum call stack|Unexpected token|in JSON at position|SQLITE_|constraint failed|Invalid time value/,
    'the text of an exception',
  ],
];

export function preview(value: unknown, max = 300): string {
  // Binary shows as its size: JSON would print a typed array as an object of its bytes. A replacer
  // costs stack, so a value too deep for it is printed without one.
  const binary = (_: string, v: unknown) => (ArrayBuffer.isView(v) ? `<${v.byteLength} binary bytes>` : v);
  let text: string | undefined;
  for (const print of [() => JSON.stringify(value, binary), () => JSON.stringify(value)]) {
    try {
      text = print();
      break;
    } catch {
      // Try the next way of printing it.
    }
  }
  text ??= `<unprintable ${Object.prototype.toString.call(value)}>`;
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The internals that `text` shows and that the caller did not send itself, or null. */
export function leak(text: string, sent: string): string | null {
  for (const [pattern, what] of INTERNALS) {
    const match = pattern.exec(text);
    if (match && !sent.includes(match[0])) return `${what} (${JSON.stringify(match[0])}) in ${preview(text)}`;
  }
  return null;
}

/** Why this is not a typed WireError that a user may read, or null if it is one. */
export function wireErrorProblem(error: unknown, sent: string): string | null {
  if (!isObject(error)) return `the error is not an object: ${preview(error)}`;
  const { code, message } = error;
  if (typeof code !== 'string' || !(ERROR_CODES as readonly string[]).includes(code)) {
    return `the error code ${preview(code)} is not one of ERROR_CODES`;
  }
  if (typeof message !== 'string') return `the error message is not a string: ${preview(message)}`;
  if (code === 'internal') {
    return `the relay answered internal ("${message}"): a handler threw on input the schema let through`;
  }
  const leaked = leak(message, sent);
  return leaked && `the error message shows ${leaked}`;
}

/** Why this acknowledgement is not `{ ok: true, … }` or `{ ok: false, error }`, or null. */
export function ackProblem(ack: unknown, sent: string): string | null {
  if (!isObject(ack)) return `the acknowledgement is not an object: ${preview(ack)}`;
  if (ack.ok === true) return null;
  if (ack.ok !== false) return `the acknowledgement has no ok flag: ${preview(ack)}`;
  return wireErrorProblem(ack.error, sent);
}

/** Why this request:error push is not `{ event, error }` with a typed error and no internals. */
export function requestErrorProblem(push: unknown, sent: string): string | null {
  if (!isObject(push)) return `request:error carries ${preview(push)}`;
  const problem = wireErrorProblem(push.error, sent);
  if (problem) return `request:error: ${problem}`;
  if (typeof push.event !== 'string') return `request:error names no event: ${preview(push)}`;
  const leaked = leak(push.event, sent);
  return leaked && `request:error's event shows ${leaked}`;
}
