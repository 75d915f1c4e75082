import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ActivityEvent, EventOutcome, LogEvent, UndoEvent } from '../core/types.ts';
import { uuidv7 } from '../core/uuid.ts';
import { makeTempDir, removeTempDirs } from '../tests/helpers/profile-dirs.ts';
import { Outbox } from './outbox.ts';
import { OutboxSender } from './outbox-sender.ts';
import { RelayError } from './relay-error.ts';
import type { EventRewrite, Rejection } from './session-events.ts';

const call = (count = 1): LogEvent => ({
  id: uuidv7(),
  type: 'log',
  metric: 'call',
  count,
  occurredAt: Date.now(),
});
const undoOf = (log: LogEvent): UndoEvent => ({
  id: uuidv7(),
  type: 'undo',
  retracts: log.id,
  occurredAt: Date.now(),
});

const TAKEN = {
  code: 'id_taken',
  message: 'this event id is taken; send the event again with a new id',
} as const;

/**
 * A relay in miniature: ids that `strangers` hold are another member's, and an undo is judged
 * against what this member stored, as server/ingest.ts does.
 */
function fakeRelay(strangers: Iterable<string>) {
  const theirs = new Set(strangers);
  const mine = new Map<string, ActivityEvent>();
  const batches: ActivityEvent[][] = [];
  const send = async (events: ActivityEvent[]): Promise<EventOutcome[]> => {
    batches.push(events);
    return events.map((event): EventOutcome => {
      if (theirs.has(event.id)) return { id: event.id, status: 'rejected', error: TAKEN };
      if (mine.has(event.id)) return { id: event.id, status: 'duplicate', seq: 1 };
      if (event.type === 'undo' && !mine.has(event.retracts)) {
        return {
          id: event.id,
          status: 'rejected',
          error: { code: 'not_found', message: 'no such event to undo' },
        };
      }
      mine.set(event.id, event);
      return { id: event.id, status: 'accepted', seq: mine.size };
    });
  };
  return { send, batches, mine };
}

function sender(outbox: Outbox, send: (events: ActivityEvent[]) => Promise<EventOutcome[]>) {
  const told = { stored: [] as string[], rejected: [] as Rejection[], rewrites: [] as EventRewrite[] };
  const s = new OutboxSender(outbox, {
    send,
    canSend: () => true,
    onStored: (ids) => told.stored.push(...ids),
    onRejected: (r) => told.rejected.push(r),
    onReidentified: (changes) => told.rewrites.push(...changes),
  });
  return { sender: s, told };
}

const open: Outbox[] = [];
async function outboxWith(events: ActivityEvent[], path?: string): Promise<Outbox> {
  const outbox = await Outbox.open(path ?? join(await makeTempDir('sender-'), 'outbox.jsonl'));
  open.push(outbox);
  await outbox.append(events);
  return outbox;
}

afterEach(async () => {
  for (const outbox of open.splice(0)) await outbox.close();
  await removeTempDirs();
});

describe('OutboxSender and an id another member took', () => {
  it('sends the log again under a new id in the same flush, and reports it stored, not refused', async () => {
    const [before, taken] = [call(), call(4)];
    const relay = fakeRelay([taken.id]);
    const outbox = await outboxWith([before, taken]);
    const { sender: s, told } = sender(outbox, relay.send);

    const report = await s.flush();

    const [renamed] = told.rewrites;
    expect(renamed?.from).toBe(taken.id);
    expect(renamed?.event).toEqual({ ...taken, id: expect.not.stringMatching(taken.id) });
    expect(report).toEqual({
      stored: [before.id, renamed?.event.id],
      rejected: [],
      remaining: 0,
      error: null,
    });
    expect([...relay.mine.values()]).toEqual([before, renamed?.event]);
    expect(told.rejected).toEqual([]);
    expect(outbox.size).toBe(0);
  });

  it('takes a queued undo of the log along, also one the relay refused in the same batch', async () => {
    const [taken, later] = [call(2), call()];
    const [undo, undoLater] = [undoOf(taken), undoOf(later)];
    const relay = fakeRelay([taken.id]);
    const outbox = await outboxWith([taken, undo, later, undoLater]);
    const { sender: s, told } = sender(outbox, relay.send);

    const report = await s.flush();

    const newId = told.rewrites.find((r) => r.from === taken.id)?.event.id;
    expect(told.rewrites).toEqual([
      { from: taken.id, event: { ...taken, id: newId } },
      { from: undo.id, event: { ...undo, retracts: newId } },
    ]);
    expect(report.rejected).toEqual([]);
    expect(report.remaining).toBe(0);
    expect([...relay.mine.values()]).toEqual([
      later,
      undoLater,
      { ...taken, id: newId },
      { ...undo, retracts: newId },
    ]);
  });

  it('points an undo queued later at the old id to the new one', async () => {
    const taken = call(2);
    const relay = fakeRelay([taken.id]);
    const outbox = await outboxWith([taken]);
    const { sender: s, told } = sender(outbox, relay.send);
    await s.flush();
    const newId = told.rewrites[0]?.event.id;

    // Built from a cache that had not caught up yet, while the log was being rewritten.
    const late = undoOf(taken);
    await outbox.append([late]);
    const report = await s.flush();

    expect(report).toEqual({ stored: [late.id], rejected: [], remaining: 0, error: null });
    expect(relay.mine.get(late.id)).toEqual({ ...late, retracts: newId });
  });

  it('sends the new id, never the old, after a crash between the rewrite and the send', async () => {
    const taken = call(3);
    const relay = fakeRelay([taken.id]);
    const outbox = await outboxWith([taken]);
    let calls = 0;
    const { sender: s, told } = sender(outbox, async (events) => {
      calls += 1;
      // The first answer comes; then the connection is gone before anything else is sent.
      if (calls > 1) throw new RelayError('offline', 'not connected');
      return relay.send(events);
    });
    const report = await s.flush();
    expect(report.error?.code).toBe('offline');
    expect(report.remaining).toBe(1);

    const survived = join(await makeTempDir('sender-'), 'outbox.jsonl');
    await copyFile(outbox.path, survived);
    const restarted = await outboxWith([], survived);
    const again = sender(restarted, relay.send);
    const sent = await again.sender.flush();

    const newId = told.rewrites[0]?.event.id;
    expect(relay.batches.at(-1)).toEqual([{ ...taken, id: newId }]);
    expect(sent).toEqual({ stored: [newId], rejected: [], remaining: 0, error: null });
  });

  it('keeps the event and stops when the relay calls a freshly made id taken too', async () => {
    const taken = call();
    const outbox = await outboxWith([taken]);
    const always = async (events: ActivityEvent[]): Promise<EventOutcome[]> =>
      events.map((e) => ({ id: e.id, status: 'rejected', error: TAKEN }));
    const { sender: s, told } = sender(outbox, always);

    const report = await s.flush();

    expect(report.error).toMatchObject({ code: 'id_taken' });
    expect(report.remaining).toBe(1);
    expect(told.rejected).toEqual([]);
    expect(outbox.pending()).toEqual([{ ...taken, id: told.rewrites[0]?.event.id }]);
  });

  it('still drops, and reports, an event refused for any other reason', async () => {
    const unknown = { ...call(), metric: 'coffee' };
    const outbox = await outboxWith([unknown]);
    const { sender: s, told } = sender(outbox, async (events) =>
      events.map((e) => ({
        id: e.id,
        status: 'rejected',
        error: { code: 'unknown_metric', message: 'no such metric' },
      })),
    );
    const report = await s.flush();
    expect(report.rejected).toEqual([
      { event: unknown, error: { code: 'unknown_metric', message: 'no such metric' } },
    ]);
    expect(told.rewrites).toEqual([]);
    expect(outbox.size).toBe(0);
  });
});
