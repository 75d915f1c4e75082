import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { SqliteStorage } from './sqlite.ts';
import { eventOf, seedPack, sleep } from './storage-contract-fixtures.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wolfpack-checkpoint-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('checkpoints the WAL in its own thread, keeps every commit, and leaves no WAL behind on close', async () => {
  const path = join(dir, 'relay.sqlite');
  const storage = SqliteStorage.open(path);
  const seeded = await seedPack(storage);
  const member = seeded.members[0];
  if (!member) throw new Error('no member');
  const events = Array.from({ length: 2000 }, () => eventOf(member, { note: 'x'.repeat(200) }));
  for (let i = 0; i < events.length; i += 100) {
    await storage.transaction(async (q) => {
      for (const e of events.slice(i, i + 100)) await q.appendEvent(e);
    });
  }
  // The relay's own connection no longer checkpoints: the WAL holds every commit until the
  // checkpointer, at most a second later, copies it into the database file.
  expect(statSync(`${path}-wal`).size).toBeGreaterThan(400_000);
  for (let waited = 0; waited < 5000 && storage.checkpoints === 0; waited += 50) await sleep(50);
  expect(storage.checkpoints).toBeGreaterThan(0);
  await storage.close();
  expect(existsSync(`${path}-wal`)).toBe(false);

  const reopened = SqliteStorage.open(path);
  try {
    const stored = await reopened.read((q) => q.exportEvents(seeded.pack.id));
    expect(stored.map((e) => e.id)).toEqual(events.map((e) => e.id));
  } finally {
    await reopened.close();
  }
});
