import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { healthy } from './probe.ts';

const entry = fileURLToPath(new URL('./relay-child.ts', import.meta.url));

/**
 * The relay in a child process, started again whenever an input killed it, on the same SQLite
 * file, so that the fuzzer can go on (and shrink) after a crash. What the process wrote to stderr
 * last is kept for the failure message.
 */
export class ChildRelay {
  url = '';
  #child: ChildProcess | null = null;
  #stderr = '';
  #exit: Promise<number | null> = Promise.resolve(null);
  readonly #args: string[];

  constructor(dbPath: string, webRoot: string, now: number) {
    this.#args = [dbPath, webRoot, String(now)];
  }

  get running(): boolean {
    return this.#child !== null && this.#child.exitCode === null && this.#child.signalCode === null;
  }

  async start(): Promise<void> {
    this.#stderr = '';
    const child = spawn(process.execPath, [entry, ...this.#args], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.#child = child;
    this.#exit = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    child.stderr?.on('data', (chunk: Buffer) => {
      this.#stderr = (this.#stderr + chunk.toString()).slice(-4000);
    });
    this.url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /READY (\S+)/.exec(out);
        if (match?.[1]) resolve(match[1]);
      });
      child.once('exit', (code) =>
        reject(new Error(`the relay exited with code ${code} on start:\n${this.#stderr}`)),
      );
    });
  }

  /** Starts the relay again if the last input killed it; true if it did. */
  async revive(): Promise<boolean> {
    if (this.running) return false;
    await this.start();
    return true;
  }

  /**
   * Null while the relay lives and answers /healthz; else what happened to it, with the first
   * line of its last words (the exception that killed it).
   */
  async death(): Promise<string | null> {
    if (this.running && (await healthy(this.url, 5000))) return null;
    const code = await Promise.race([
      this.#exit,
      new Promise<'alive'>((r) => setTimeout(() => r('alive'), 2000)),
    ]);
    if (code === 'alive') return 'the relay no longer answers GET /healthz';
    const words = this.#stderr
      .split('\n')
      .map((line) => line.trim())
      .find((line) => /^(\w*Error|Error)\b|Uncaught|Unhandled/.test(line));
    return `the relay exited with code ${code}${words ? ` (${words})` : ''}`;
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.#child?.kill('SIGTERM');
    const code = await Promise.race([
      this.#exit,
      new Promise<'late'>((r) => setTimeout(() => r('late'), 5000)),
    ]);
    if (code === 'late') this.#child?.kill('SIGKILL');
  }
}
