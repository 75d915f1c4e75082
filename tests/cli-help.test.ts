import { describe, expect, it } from 'vitest';
import type { CliContext } from '../cli/context.ts';
import { main } from '../cli/main.ts';

/** Runs `wolfpack ARGS` in this process and returns what it printed on stdout. */
async function printed(args: string[]): Promise<string> {
  let stdout = '';
  const ctx: CliContext = {
    out: (text) => (stdout += text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => expect.unreachable(`unexpected stderr: ${text}`),
    env: {},
    cwd: '/',
    platform: 'linux',
    homedir: '/nonexistent',
    now: () => 0,
    timeZone: 'UTC',
    onInterrupt: () => () => undefined,
  };
  expect(await main(args, ctx)).toBe(0);
  return stdout;
}

/** Every command as typed, taken from the overview so that a new command is checked too. */
async function everyCommand(): Promise<string[][]> {
  const overview = await printed(['--help']);
  return overview
    .split('\n')
    .filter((line) => line.startsWith('  wolfpack '))
    .map((line) => {
      const words = line.trim().split(' ').slice(1);
      const end = words.findIndex((word) => !/^[a-z][a-z-]*$/.test(word));
      return end === -1 ? words : words.slice(0, end);
    });
}

describe('wolfpack COMMAND --help', () => {
  it('covers every command', async () => {
    const commands = (await everyCommand()).map((words) => words.join(' '));
    expect(commands).toEqual(
      expect.arrayContaining(['server', 'pack create', 'log', 'undo', 'watch', 'sync', 'recap', 'streaks']),
    );
    expect(commands).toHaveLength(20);
  });

  it('lines up every option, the first one included, with its description in one column', async () => {
    for (const command of await everyCommand()) {
      const help = await printed([...command, '--help']);
      const [usage, summary, ...rest] = help.trimEnd().split('\n\n');
      expect(usage).toMatch(new RegExp(`^Usage: wolfpack ${command.join(' ')}\\b`));
      expect(summary).not.toBe('');
      const lines = rest.join('\n\n').split('\n');
      expect(lines.at(-1)).toMatch(/^ {2}--help {2,}show this help$/);
      const columns = lines.map((line) => {
        const option = /^( {2}\S+(?: \S+)* {2,})\S/.exec(line);
        if (option) return option[1]?.length;
        return /^( {3,})\S/.exec(line)?.[1]?.length;
      });
      expect(new Set(columns), `${command.join(' ')}:\n${lines.join('\n')}`).toEqual(new Set([columns[0]]));
      expect(columns[0]).toBeGreaterThan(2);
    }
  });
});
