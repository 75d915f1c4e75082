import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// The pinned Node 24, not whatever `node` is first on the PATH.
const NODE = fileURLToPath(new URL('../../node_modules/.bin/node', import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function environment(extra: Record<string, string>): NodeJS.ProcessEnv {
  // A developer's own WOLFPACK_HOME must never leak into (or be written by) a test.
  const { WOLFPACK_HOME: _home, INIT_CWD: _cwd, ...rest } = process.env;
  return { ...rest, ...extra };
}

export function spawnCli(args: string[], env: Record<string, string> = {}): ChildProcessWithoutNullStreams {
  return spawn(NODE, ['cli/main.ts', ...args], { cwd: ROOT, env: environment(env) });
}

/** Runs `wolfpack ARGS` to the end and returns what a user would see. */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawnCli(args, env);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A long-running command (watch, server) whose output can be awaited line by line. */
export class CliProcess {
  readonly child: ChildProcessWithoutNullStreams;
  stdout = '';
  stderr = '';
  readonly exited: Promise<number | null>;
  #waiters: (() => void)[] = [];

  constructor(args: string[], env: Record<string, string> = {}) {
    this.child = spawnCli(args, env);
    const wake = () => {
      for (const waiter of this.#waiters.splice(0)) waiter();
    };
    this.child.stdout.on('data', (chunk: Buffer) => {
      this.stdout += chunk.toString();
      wake();
    });
    this.child.stderr.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
      wake();
    });
    this.exited = new Promise((resolve) => this.child.on('close', (code) => resolve(code)));
  }

  /** Waits until stdout matches, failing with what was printed so far. */
  async waitFor(pattern: RegExp, timeoutMs = 10_000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = this.stdout.match(pattern);
      if (match) return match;
      const left = deadline - Date.now();
      if (left <= 0 || this.child.exitCode !== null) {
        throw new Error(`no ${pattern} in output:\n${this.stdout}\nstderr:\n${this.stderr}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async stop(signal: NodeJS.Signals = 'SIGINT'): Promise<number | null> {
    if (this.child.exitCode === null) this.child.kill(signal);
    return this.exited;
  }
}
