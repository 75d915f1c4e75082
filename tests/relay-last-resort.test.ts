import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CliProcess } from './helpers/profile-cli.ts';
import { makeTempDir, removeTempDirs } from './helpers/profile-dirs.ts';
import { createPack } from './helpers/relay.ts';

/**
 * `wolfpack server` with a failure that nothing in the relay caught, made by a module the test
 * loads into the process (tests/helpers/fault-injector.ts): what the process does then is
 * server/last-resort.ts, which every relay entry point installs.
 */

const INJECTOR = pathToFileURL(join(import.meta.dirname, 'helpers', 'fault-injector.ts')).href;
const running: CliProcess[] = [];

afterAll(async () => {
  await Promise.all(running.map((p) => p.stop('SIGKILL')));
  await removeTempDirs();
});

async function startServer(): Promise<{ server: CliProcess; url: string; dbPath: string }> {
  const dbPath = join(await makeTempDir('wolfpack-last-resort-'), 'relay.sqlite');
  const server = new CliProcess(['server', '--port', '0', '--db', dbPath, '--log-level', 'info'], {
    NODE_OPTIONS: `--import=${INJECTOR}`,
  });
  running.push(server);
  const [, url] = await server.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
  return { server, url: url as string, dbPath };
}

/** The log lines (pino's JSON) printed so far whose message matches. */
function logged(server: CliProcess, message: RegExp): { level: number; msg: string }[] {
  return server.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { level: number; msg: string })
    .filter((entry) => message.test(entry.msg));
}

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('a failure that nothing in the relay caught', () => {
  it('an unhandled rejection is logged, and the relay goes on serving', async () => {
    const { server, url } = await startServer();
    server.child.stdin.write('reject\n');
    await until(() => logged(server, /nothing handled it/).length > 0, 'the error line');
    expect(logged(server, /nothing handled it/)[0]?.level).toBe(50);
    expect(server.child.exitCode).toBeNull();
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    // Still taking writes, not only answering health.
    expect((await createPack(url, 'Alex')).token).toBeTruthy();
  });

  it('an uncaught exception drains the relay, closes the database and exits with 1', async () => {
    const { server, url, dbPath } = await startServer();
    await createPack(url, 'Alex');
    expect(existsSync(`${dbPath}-wal`)).toBe(true);
    server.child.stdin.write('throw\n');
    expect(await server.exited).toBe(1);
    expect(logged(server, /failed unexpectedly/)[0]?.level).toBe(60);
    expect(server.stderr).toContain(
      'wolfpack: the relay failed unexpectedly (a fault the test injected) and stops',
    );
    // A clean close folds the WAL into the file and removes it; a crash would leave it behind.
    expect(existsSync(`${dbPath}-wal`)).toBe(false);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });
});
