import { parseArgs } from 'node:util';
import type { ParseArgsOptionsConfig } from 'node:util';
import { usageError } from './errors.ts';

const COMMON_OPTIONS = {
  profile: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsOptionsConfig;

/** parseArgs with the options every command takes, and its errors turned into one readable line. */
export function parseCommand<const O extends ParseArgsOptionsConfig>(args: string[], options: O) {
  try {
    return parseArgs({
      args: joinNegativeValues(args, options),
      options: { ...COMMON_OPTIONS, ...options },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw usageError(describeParseError(error));
  }
}

/**
 * parseArgs takes "-2" after --count for an option of its own and says "--count needs a value",
 * which hid the real problem from a user who typed --count -2; as --count=-2 it reaches the check
 * that explains what a count is.
 */
function joinNegativeValues(args: string[], options: ParseArgsOptionsConfig): string[] {
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const next = args[i + 1];
    const name = arg.startsWith('--') ? arg.slice(2) : null;
    if (name && options[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      joined.push(`${arg}=${next}`);
      i++;
    } else {
      joined.push(arg);
    }
  }
  return joined;
}

function describeParseError(error: unknown): string {
  const { code, message } = error as { code?: string; message: string };
  const option = /'(-{1,2}[^' =]+)/.exec(message)?.[1] ?? 'an option';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option} (see --help)`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return `${option} needs a value (see --help)`;
    default:
      return `${message} (see --help)`;
  }
}

/**
 * A whole number from 1 up, as typed in an option. Every refusal (-2, 0, 2.5, abc, too many)
 * gives the same sentence with the whole allowed range, so one reading says what to type.
 */
export function positiveInteger(value: string, option: string, max = Number.MAX_SAFE_INTEGER): number {
  const n = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!(n >= 1 && n <= max)) {
    const range = max === Number.MAX_SAFE_INTEGER ? 'of at least 1' : `from 1 to ${max}`;
    throw usageError(`${option} must be a whole number ${range}, not "${value}"`);
  }
  return n;
}

export function exactlyOne(positionals: string[], what: string): string {
  if (positionals.length !== 1 || positionals[0] === undefined) {
    throw usageError(
      `expected ${what}${positionals.length > 1 ? `, got ${positionals.length} arguments` : ''}`,
    );
  }
  return positionals[0];
}
