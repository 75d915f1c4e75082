/**
 * `npm start` on a machine without the Electron binary runs the relay alone. Stopping npm (as a
 * service manager or a terminal closing does, with SIGTERM) must stop the relay too.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const answers = (url: string): Promise<boolean> =>
  fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) }).then(
    (res) => res.ok,
    () => false,
  );

it.runIf(process.platform !== 'win32')(
  'stops the relay when npm itself is told to stop',
  async () => {
    dir = mkdtempSync(join(tmpdir(), 'wolfpack-npm-start-'));
    const npm = spawn('npm', ['start', '--', '--port', '0', '--db', join(dir, 'relay.sqlite')], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: join(dir, 'no-electron-here') },
    });
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no relay address in: ${output}`)), 60_000);
      npm.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const found = /relay on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
        if (found) {
          clearTimeout(timer);
          resolve(found);
        }
      });
    });
    expect(await answers(url)).toBe(true);
    const exited = new Promise<void>((resolve) => npm.once('exit', () => resolve()));
    npm.kill('SIGTERM');
    await exited;
    let stillUp = true;
    for (let i = 0; i < 40 && stillUp; i++) {
      await new Promise((r) => setTimeout(r, 100));
      stillUp = await answers(url);
    }
    expect(stillUp).toBe(false);
  },
  90_000,
);
