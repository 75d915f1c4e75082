import { helpText } from './command.ts';
import type { Command } from './command.ts';
import type { CliContext } from './context.ts';

/** How long a reading command waits for the relay before saying it cannot be reached. */
export const ONLINE_TIMEOUT_MS = 5_000;

export function printJson(ctx: CliContext, value: unknown): number {
  ctx.out(JSON.stringify(value, null, 2));
  return 0;
}

export function showHelp(ctx: CliContext, command: Command): number {
  ctx.out(helpText(command));
  return 0;
}
