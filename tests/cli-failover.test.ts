import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from './helpers/profile-cli.ts';
import { startTestRelay, type TestRelay } from './helpers/profile-relay.ts';
import { freePort, removeDir } from './helpers/relay.ts';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

describe('wolfpack with several relay addresses', () => {
  it('joins through the address that answers, remembers the others, and logs through whichever is up', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wolfpack-cli-failover-'));
    cleanup.push(() => removeDir(dir));
    const db = join(dir, 'relay.sqlite');
    const [portA, portB] = [await freePort(), await freePort()];
    const urlA = `http://127.0.0.1:${portA}`;
    const urlB = `http://127.0.0.1:${portB}`;
    let nodeB: TestRelay | null = await startTestRelay({ dbPath: db, port: portB });
    cleanup.push(() => nodeB?.close());

    const alex = join(dir, 'alex');
    const created = await runCli([
      'pack',
      'create',
      '--server',
      urlA,
      '--server',
      urlB,
      '--name',
      'Wolves',
      '--as',
      'Alex',
      '--profile',
      alex,
      '--json',
    ]);
    expect(created.code).toBe(0);
    const config = JSON.parse(await readFile(join(alex, 'config.json'), 'utf8')) as {
      relayUrl: string;
      alternates: string[];
    };
    expect(config).toMatchObject({ relayUrl: urlB, alternates: [urlA] });

    // B goes down, A (same database) comes up: the same profile carries on there.
    await nodeB.close();
    nodeB = null;
    const nodeA = await startTestRelay({ dbPath: db, port: portA });
    cleanup.push(() => nodeA.close());
    const logged = await runCli(['log', 'call', '--count', '2', '--profile', alex, '--json']);
    expect(logged.code).toBe(0);
    expect(JSON.parse(logged.stdout)).toMatchObject({ queued: false });
    const status = await runCli(['sync', '--profile', alex, '--json']);
    expect(JSON.parse(status.stdout)).toMatchObject({ sync: { remaining: 0 } });
  });
});
