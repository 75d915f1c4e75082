import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Mirror } from '../../client/mirror.ts';
import { Outbox } from '../../client/outbox.ts';
import { removeDir } from '../../tests/helpers/relay.ts';
import { appState } from './app-state.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) removeDir(dir);
});

/** The desktop's state with no session: what the window shows while the relay is out of reach. */
function offlineState(outbox: Outbox) {
  const sources = {
    session: null,
    mirror: new Mirror(),
    outbox,
    membership: null,
    cache: null,
    hotkeys: { state: () => null },
    hosting: null,
    cheers: [],
    metrics: () => [],
  };
  return appState(sources as unknown as Parameters<typeof appState>[0]);
}

describe('desktop state', () => {
  it('lists what the outbox still holds as waiting, and drops it once the relay has it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wolfpack-app-state-'));
    dirs.push(dir);
    const outbox = await Outbox.open(join(dir, 'outbox.jsonl'));
    try {
      await outbox.append([
        { id: 'l1', type: 'log', metric: 'call', count: 1, occurredAt: 1000 },
        { id: 'u1', type: 'undo', retracts: 'l0', occurredAt: 2000 },
      ]);
      expect(offlineState(outbox).pending).toEqual([
        { id: 'l1', type: 'log', metric: 'call', count: 1, at: 1000, retracts: null },
        { id: 'u1', type: 'undo', metric: '', count: 0, at: 2000, retracts: 'l0' },
      ]);
      await outbox.markDone(['l1']);
      expect(offlineState(outbox).pending?.map((p) => p.id)).toEqual(['u1']);
    } finally {
      await outbox.close();
    }
  });
});
