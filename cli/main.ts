import { challengeCommands } from './commands/challenge.ts';
import { historyCommand } from './commands/history.ts';
import { logCommand, undoCommand } from './commands/log.ts';
import { metricCommands } from './commands/metric.ts';
import { packCommands } from './commands/pack.ts';
import { recapCommand, streaksCommand } from './commands/recap.ts';
import { serverCommand } from './commands/server.ts';
import { statusCommand } from './commands/status.ts';
import { syncCommand } from './commands/sync.ts';
import { watchCommand } from './commands/watch.ts';
import type { Command } from './command.ts';
import { processContext } from './context.ts';
import type { CliContext } from './context.ts';
import { CliError, EXIT_RUNTIME, EXIT_USAGE } from './errors.ts';

/** `wolfpack NAME ...` runs a command; `wolfpack GROUP NAME ...` one of a group's. */
const COMMANDS: Record<string, Command | Record<string, Command>> = {
  server: serverCommand,
  pack: packCommands,
  metric: metricCommands,
  log: logCommand,
  undo: undoCommand,
  challenge: challengeCommands,
  status: statusCommand,
  watch: watchCommand,
  history: historyCommand,
  recap: recapCommand,
  streaks: streaksCommand,
  sync: syncCommand,
};

function isCommand(entry: Command | Record<string, Command>): entry is Command {
  return typeof entry.run === 'function';
}

function overview(): string {
  const lines: string[] = [];
  for (const entry of Object.values(COMMANDS)) {
    for (const command of isCommand(entry) ? [entry] : Object.values(entry)) {
      lines.push(`  ${command.usage}\n      ${command.summary}`);
    }
  }
  return [
    'Usage: wolfpack COMMAND [options]',
    '',
    "Prospecting partners challenge each other and see each other's activity live.",
    '',
    ...lines,
    '',
    'Every command takes --profile DIR (default: $WOLFPACK_HOME, else the OS config folder) and --help.',
    '',
  ].join('\n');
}

function groupHelp(group: Record<string, Command>): string {
  return Object.values(group)
    .map((command) => `  ${command.usage}\n      ${command.summary}`)
    .join('\n');
}

type Resolved = { command: Command; args: string[] } | { usage: string } | { help: string };

function resolve(argv: string[]): Resolved {
  const [name, ...rest] = argv;
  const entry = name === undefined ? undefined : COMMANDS[name];
  if (!entry) return { usage: name === undefined ? 'no command given' : `unknown command "${name}"` };
  if (isCommand(entry)) return { command: entry, args: rest };
  const [sub, ...args] = rest;
  if (sub === '--help' || sub === '-h') return { help: groupHelp(entry) };
  const command = sub === undefined ? undefined : entry[sub];
  if (!command) {
    const choices = Object.keys(entry).join(', ');
    return {
      usage: `${sub === undefined ? `${name} needs a subcommand` : `unknown command "${name} ${sub}"`}: ${choices}`,
    };
  }
  return { command, args };
}

/** Runs one command line; returns the exit code. Failures become one "wolfpack: ..." line. */
export async function main(argv: string[], ctx: CliContext): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    (argv.length === 0 ? ctx.err : ctx.out)(overview());
    return argv.length === 0 ? EXIT_USAGE : 0;
  }
  const found = resolve(argv);
  if ('help' in found) {
    ctx.out(found.help);
    return 0;
  }
  if ('usage' in found) {
    ctx.err(`wolfpack: ${found.usage} (see \`wolfpack --help\`)`);
    return EXIT_USAGE;
  }
  try {
    return await found.command.run(found.args, ctx);
  } catch (error) {
    if (error instanceof CliError) {
      ctx.err(`wolfpack: ${error.message}`);
      return error.exitCode;
    }
    // An unexpected failure still gets one line; WOLFPACK_DEBUG=1 shows the stack for a bug report.
    const message = error instanceof Error ? error.message : String(error);
    ctx.err(`wolfpack: ${message}`);
    if (ctx.env.WOLFPACK_DEBUG && error instanceof Error && error.stack) ctx.err(error.stack);
    return EXIT_RUNTIME;
  }
}

if (import.meta.main) {
  process.exitCode = await main(process.argv.slice(2), processContext());
}
