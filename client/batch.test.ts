import { describe, expect, it } from 'vitest';
import type { LogEvent, UndoEvent } from '../core/types.ts';
import { uuidv7 } from '../core/uuid.ts';
import { sortOutcomes, takeBatch } from './batch.ts';

function call(note?: string): LogEvent {
  return { id: uuidv7(), type: 'log', metric: 'call', count: 1, occurredAt: 1, ...(note ? { note } : {}) };
}

describe('takeBatch', () => {
  it('stops at the event limit', () => {
    const events = Array.from({ length: 600 }, () => call());
    expect(takeBatch(events)).toHaveLength(500);
  });

  it('stops before the message would get too large, but always sends one', () => {
    const events = Array.from({ length: 10 }, () => call('x'.repeat(500)));
    expect(takeBatch(events, 500, 5_000).length).toBeLessThan(10);
    expect(takeBatch(events, 500, 1)).toHaveLength(1);
  });
});

describe('sortOutcomes', () => {
  it('keeps stored and refused apart and ignores ids it never sent', () => {
    const [a, b, c] = [call(), call(), call()];
    const sorted = sortOutcomes(
      [a, b, c],
      [
        { id: a.id, status: 'accepted', seq: 1 },
        { id: b.id, status: 'duplicate', seq: 0 },
        { id: c.id, status: 'rejected', error: { code: 'unknown_metric', message: 'no such metric' } },
        { id: uuidv7(), status: 'accepted', seq: 2 },
      ],
    );
    expect(sorted.stored).toEqual([a.id, b.id]);
    expect(sorted.rejected).toEqual([
      { event: c, error: { code: 'unknown_metric', message: 'no such metric' } },
    ]);
    expect(sorted.done).toEqual([a.id, b.id, c.id]);
  });

  it('keeps an event whose id was taken, and an undo of it refused in the same batch, in the outbox', () => {
    const [taken, other] = [call(), call()];
    const undo: UndoEvent = { id: uuidv7(), type: 'undo', retracts: taken.id, occurredAt: 1 };
    const stray: UndoEvent = { id: uuidv7(), type: 'undo', retracts: uuidv7(), occurredAt: 1 };
    const notFound = { code: 'not_found', message: 'no such event to undo' } as const;
    const sorted = sortOutcomes(
      [taken, undo, other, stray],
      [
        { id: taken.id, status: 'rejected', error: { code: 'id_taken', message: 'taken' } },
        { id: undo.id, status: 'rejected', error: notFound },
        { id: other.id, status: 'accepted', seq: 3 },
        { id: stray.id, status: 'rejected', error: notFound },
      ],
    );
    expect(sorted.taken).toEqual([taken]);
    expect(sorted.held).toEqual([undo]);
    expect(sorted.stored).toEqual([other.id]);
    expect(sorted.rejected).toEqual([{ event: stray, error: notFound }]);
    expect(sorted.done).toEqual([other.id, stray.id]);
  });
});
