import { describe, expect, it } from 'vitest';
import type { LogEvent, UndoEvent } from '../../core/types.ts';
import { uuidv7 } from '../../core/uuid.ts';
import { memoryStore } from './key-value.ts';
import { LocalOutbox } from './local-outbox.ts';

const log = (): LogEvent => ({ id: uuidv7(), type: 'log', metric: 'call', count: 1, occurredAt: Date.now() });

describe('the outbox in local storage', () => {
  it('keeps appended events across a new page (a new outbox on the same storage)', async () => {
    const store = memoryStore();
    const events = [log(), log()];
    await new LocalOutbox(store, 'k').append(events);
    const reloaded = new LocalOutbox(store, 'k');
    expect(reloaded.size).toBe(2);
    expect(reloaded.pending()).toEqual(events);
  });

  it('forgets what the relay acknowledged, and only that', async () => {
    const outbox = new LocalOutbox(memoryStore(), 'k');
    const [first, second] = [log(), log()];
    await outbox.append([first, second]);
    await outbox.markDone([first.id]);
    expect(outbox.pending()).toEqual([second]);
  });

  it('does not overwrite what another tab appended in between', async () => {
    const store = memoryStore();
    const tabA = new LocalOutbox(store, 'k');
    const tabB = new LocalOutbox(store, 'k');
    const fromA = log();
    const fromB = log();
    await tabA.append([fromA]);
    await tabB.append([fromB]);
    await tabA.markDone([fromA.id]);
    expect(tabB.pending()).toEqual([fromB]);
  });

  it('stores an event once even when appended twice', async () => {
    const outbox = new LocalOutbox(memoryStore(), 'k');
    const event = log();
    await outbox.append([event]);
    await outbox.append([event]);
    expect(outbox.size).toBe(1);
  });

  it('skips damaged entries instead of failing to start', () => {
    const store = memoryStore();
    store.setItem('k', JSON.stringify([{ id: 'nope' }, log()]));
    expect(new LocalOutbox(store, 'k').size).toBe(1);
    store.setItem('k', '{not json');
    expect(new LocalOutbox(store, 'k').size).toBe(0);
  });

  it('puts rewritten events in the place of the old ones, kept by the next page', async () => {
    const store = memoryStore();
    const outbox = new LocalOutbox(store, 'k');
    const [first, taken] = [log(), log()];
    const undo: UndoEvent = { id: uuidv7(), type: 'undo', retracts: taken.id, occurredAt: Date.now() };
    await outbox.append([first, taken, undo]);
    const renamed = { ...taken, id: uuidv7() };
    const changes = [
      { from: taken.id, event: renamed },
      { from: undo.id, event: { ...undo, retracts: renamed.id } },
    ];
    expect(await outbox.rewrite(changes)).toEqual(changes);

    // The tab closes before the event is sent again: the next page sends the new ids only.
    const reloaded = new LocalOutbox(store, 'k');
    expect(reloaded.pending()).toEqual([first, renamed, { ...undo, retracts: renamed.id }]);
  });

  it('leaves alone an event another tab sent or renamed first, and says it made no change', async () => {
    const store = memoryStore();
    const tabA = new LocalOutbox(store, 'k');
    const tabB = new LocalOutbox(store, 'k');
    const taken = log();
    await tabA.append([taken]);
    const byA = { ...taken, id: uuidv7() };
    await tabA.rewrite([{ from: taken.id, event: byA }]);
    expect(await tabB.rewrite([{ from: taken.id, event: { ...taken, id: uuidv7() } }])).toEqual([]);
    expect(tabB.pending()).toEqual([byA]);
  });

  it('honours a limit on pending()', async () => {
    const outbox = new LocalOutbox(memoryStore(), 'k');
    await outbox.append([log(), log(), log()]);
    expect(outbox.pending(2)).toHaveLength(2);
  });
});
