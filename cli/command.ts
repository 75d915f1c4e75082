import type { CliContext } from './context.ts';

/** One `wolfpack` command; `run` returns the exit code. */
export interface Command {
  usage: string;
  summary: string;
  /** The rest of --help: options and notes. */
  details: string;
  run(args: string[], ctx: CliContext): Promise<number>;
}

export function helpText(command: Command): string {
  return `Usage: ${command.usage}\n\n${command.summary}\n\n${command.details.trim()}\n`;
}

export const COMMON_HELP = `  --profile DIR   profile folder (default: $WOLFPACK_HOME, else the OS config folder)
  --help          show this help`;
