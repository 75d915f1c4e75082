import { appendFile, copyFile, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../core/uuid.ts';
import type { LogEvent, UndoEvent } from '../core/types.ts';
import { Outbox, OutboxCorruptError } from './outbox.ts';
import { makeTempDir, removeTempDirs } from '../tests/helpers/profile-dirs.ts';

function call(count = 1): LogEvent {
  return { id: uuidv7(), type: 'log', metric: 'call', count, occurredAt: Date.now() };
}

async function outboxPath(): Promise<string> {
  return join(await makeTempDir('outbox-'), 'outbox.jsonl');
}

afterEach(removeTempDirs);

describe('Outbox', () => {
  it('keeps appended events across a reopen, in order', async () => {
    const path = await outboxPath();
    const events = [call(), call(2), call(3)];
    const first = await Outbox.open(path);
    for (const event of events) await first.append(event);
    await first.close();

    const second = await Outbox.open(path);
    expect(second.pending()).toEqual(events);
    await second.close();
  });

  it('forgets finished events after a reopen and ignores ids it never had', async () => {
    const path = await outboxPath();
    const [a, b] = [call(), call()];
    const outbox = await Outbox.open(path);
    await outbox.append([a, b]);
    await outbox.markDone([a.id, uuidv7()]);
    await outbox.markDone([uuidv7()]);
    await outbox.close();

    const reopened = await Outbox.open(path);
    expect(reopened.pending()).toEqual([b]);
    expect(reopened.size).toBe(1);
    await reopened.close();
  });

  it('ignores a torn last line left by a crash and appends cleanly after it', async () => {
    const path = await outboxPath();
    const kept = call();
    const outbox = await Outbox.open(path);
    await outbox.append(kept);
    await outbox.close();
    await appendFile(path, '{"op":"add","event":{"id":"0190');

    const reopened = await Outbox.open(path);
    expect(reopened.pending()).toEqual([kept]);
    const next = call();
    await reopened.append(next);
    await reopened.close();

    const again = await Outbox.open(path);
    expect(again.pending()).toEqual([kept, next]);
    await again.close();
  });

  it('reports damage before the last line with the file and line number', async () => {
    const path = await outboxPath();
    const good = JSON.stringify({ op: 'add', event: call() });
    await writeFile(path, `${good}\nnot json at all\n${good}\n`);
    const failure = Outbox.open(path);
    await expect(failure).rejects.toBeInstanceOf(OutboxCorruptError);
    await expect(failure).rejects.toThrow(`${path} is damaged at line 2`);
  });

  it('compacts to exactly the pending events once finished ones dominate', async () => {
    const path = await outboxPath();
    const outbox = await Outbox.open(path, { compactAfter: 10 });
    const events = Array.from({ length: 30 }, () => call());
    await outbox.append(events);
    const finished = events.filter((_, i) => i % 3 !== 0);
    for (const event of finished) await outbox.markDone([event.id]);
    const pending = events.filter((_, i) => i % 3 === 0);
    expect(outbox.pending()).toEqual(pending);

    const lines = (await readFile(path, 'utf8')).trim().split('\n');
    expect(lines.length).toBeLessThan(events.length + finished.length);
    await outbox.append(call());
    await outbox.close();

    const reopened = await Outbox.open(path);
    expect(reopened.pending().slice(0, pending.length)).toEqual(pending);
    expect(reopened.size).toBe(pending.length + 1);
    await reopened.close();
  });

  it('shrinks the file to nothing when every event is finished', async () => {
    const path = await outboxPath();
    const outbox = await Outbox.open(path, { compactAfter: 1 });
    const events = [call(), call()];
    await outbox.append(events);
    await outbox.markDone(events.map((e) => e.id));
    await outbox.close();
    expect((await stat(path)).size).toBe(0);
  });

  it('puts a rewritten event in the place of the old one, on disk before it resolves', async () => {
    const path = await outboxPath();
    const [a, b, c] = [call(), call(2), call(3)];
    const outbox = await Outbox.open(path);
    await outbox.append([a, b, c]);
    const renamed = { ...b, id: uuidv7() };
    expect(await outbox.rewrite([{ from: b.id, event: renamed }])).toEqual([{ from: b.id, event: renamed }]);
    expect(outbox.pending()).toEqual([a, renamed, c]);
    expect(outbox.has(b.id)).toBe(false);

    // A crash before the event is sent: what is on disk now is all that survives.
    const survived = `${path}.crash`;
    await copyFile(path, survived);
    const reopened = await Outbox.open(survived);
    expect(reopened.pending()).toEqual([a, renamed, c]);
    await reopened.close();
    await outbox.close();
  });

  it('keeps every change of a rewrite or none when a crash tears its line', async () => {
    const path = await outboxPath();
    const log = call();
    const undo: UndoEvent = { id: uuidv7(), type: 'undo', retracts: log.id, occurredAt: Date.now() };
    const outbox = await Outbox.open(path);
    await outbox.append([log, undo]);
    await outbox.close();
    const renamed = { ...log, id: uuidv7() };
    const line = JSON.stringify({
      op: 'rewrite',
      changes: [
        { from: log.id, event: renamed },
        { from: undo.id, event: { ...undo, retracts: renamed.id } },
      ],
    });
    await appendFile(path, line.slice(0, line.length - 20));

    const reopened = await Outbox.open(path);
    expect(reopened.pending()).toEqual([log, undo]);
    await reopened.close();
  });

  it('skips a change whose event already left, and never gives two pending events one id', async () => {
    const path = await outboxPath();
    const [a, b] = [call(), call()];
    const outbox = await Outbox.open(path);
    await outbox.append([a, b]);
    await outbox.markDone([a.id]);
    expect(await outbox.rewrite([{ from: a.id, event: { ...a, id: uuidv7() } }])).toEqual([]);
    const [c] = [call()];
    await outbox.append(c);
    await expect(outbox.rewrite([{ from: b.id, event: { ...b, id: c.id } }])).rejects.toThrow(
      `already holds an event with id ${c.id}`,
    );
    expect(outbox.pending()).toEqual([b, c]);
    await outbox.close();
  });

  it('keeps a rewritten event through compaction and a reopen', async () => {
    const path = await outboxPath();
    const outbox = await Outbox.open(path, { compactAfter: 4 });
    const events = Array.from({ length: 6 }, () => call());
    await outbox.append(events);
    const [kept] = events;
    if (!kept) throw new Error('no event');
    const renamed = { ...kept, id: uuidv7() };
    await outbox.rewrite([{ from: kept.id, event: renamed }]);
    await outbox.markDone(events.slice(1).map((e) => e.id));
    expect((await readFile(path, 'utf8')).trim().split('\n')).toHaveLength(1);
    await outbox.close();

    const reopened = await Outbox.open(path);
    expect(reopened.pending()).toEqual([renamed]);
    await reopened.close();
  });

  it('lets only one process hold the outbox at a time', async () => {
    const path = await outboxPath();
    const holder = await Outbox.open(path);
    const blocked = Outbox.open(path, { lock: { timeoutMs: 100 } });
    await expect(blocked).rejects.toThrow(/held by another Wolfpack process/);
    await holder.close();
  });

  it('takes over a lock left by a process that no longer runs', async () => {
    const path = await outboxPath();
    await writeFile(`${path}.lock`, '999999999');
    const outbox = await Outbox.open(path, { lock: { timeoutMs: 100, isAlive: () => false } });
    await outbox.append(call());
    expect(outbox.size).toBe(1);
    await outbox.close();
  });
});
