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
  // Only the blank lines around the details go: trimming all whitespace once took the first
  // option's indent with it.
  const details = alignOptions(command.details.replace(/^\n+/, '').trimEnd());
  return `Usage: ${command.usage}\n\n${command.summary}\n\n${details}\n`;
}

const OPTION_LINE = /^ {2}(\S+(?: \S+)*) {2,}(\S.*)$/;
const CONTINUATION_LINE = /^ {3,}(\S.*)$/;

/**
 * Puts every description in one column. A command's own options and COMMON_HELP are written
 * apart, each lined up for itself; a long option such as --grace-seconds N would leave them askew.
 */
function alignOptions(details: string): string {
  const lines = details.split('\n');
  const labels = lines.map((line) => OPTION_LINE.exec(line)?.[1]?.length ?? 0);
  const column = 2 + Math.max(...labels) + 2;
  return lines
    .map((line) => {
      const option = OPTION_LINE.exec(line);
      if (option) return `  ${(option[1] ?? '').padEnd(column - 2)}${option[2] ?? ''}`;
      const continued = CONTINUATION_LINE.exec(line);
      return continued ? `${' '.repeat(column)}${continued[1] ?? ''}` : line;
    })
    .join('\n');
}

export const COMMON_HELP = `  --profile DIR   profile folder (default: $WOLFPACK_HOME, else the OS config folder)
  --help          show this help`;
