import { homedir } from 'node:os';

/** Everything a command touches outside itself, so tests and other hosts can hand in their own. */
export interface CliContext {
  out(text: string): void;
  err(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
  /** Where the user ran the command; npm runs scripts from the package root, INIT_CWD remembers. */
  cwd: string;
  platform: NodeJS.Platform;
  homedir: string;
  now(): number;
  /** The machine's time zone, the default for a new pack. */
  timeZone: string;
  /** Calls the handler on Ctrl-C or SIGTERM; returns the function that stops listening. */
  onInterrupt(handler: () => void): () => void;
}

export function processContext(): CliContext {
  return {
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    env: process.env,
    cwd: process.env.INIT_CWD ?? process.cwd(),
    platform: process.platform,
    homedir: homedir(),
    now: Date.now,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    onInterrupt(handler) {
      process.on('SIGINT', handler);
      process.on('SIGTERM', handler);
      return () => {
        process.off('SIGINT', handler);
        process.off('SIGTERM', handler);
      };
    },
  };
}
