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
      args,
      options: { ...COMMON_OPTIONS, ...options },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw usageError(describeParseError(error));
  }
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

/** A whole number from 1 up, as typed in an option; anything else is a usage error naming the option. */
export function positiveInteger(value: string, option: string, max = Number.MAX_SAFE_INTEGER): number {
  if (!/^\d+$/.test(value.trim()))
    throw usageError(`${option} must be a positive whole number, not "${value}"`);
  const n = Number(value);
  if (n < 1 || n > max) throw usageError(`${option} must be between 1 and ${max}, not ${value}`);
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
