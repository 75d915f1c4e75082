import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('./relay-main.ts', import.meta.url));

export interface RelayProcess {
  url: string;
  child: ChildProcess;
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
}

/** The relay in a process of its own, so a test can kill it with SIGKILL mid-stream. */
export function spawnRelay(dbPath: string, port: number, graceMs = 0): Promise<RelayProcess> {
  const child = spawn(process.execPath, [entry, dbPath, String(port), String(graceMs)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /READY (\S+)/.exec(out);
      if (match?.[1]) resolve({ url: match[1], child, exited });
    });
    child.once('exit', (code) => reject(new Error(`relay process exited early with ${code}`)));
  });
}
