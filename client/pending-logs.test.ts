import { describe, expect, it } from 'vitest';
import { pendingLogs } from './pending-logs.ts';

describe('pending logs', () => {
  it('keeps every queued log and undo, in outbox order, with what Pack activity shows', () => {
    expect(
      pendingLogs([
        { id: 'l1', type: 'log', metric: 'call', count: 2, occurredAt: 10, note: 'cold list' },
        { id: 'u1', type: 'undo', retracts: 'l0', occurredAt: 20 },
      ]),
    ).toEqual([
      { id: 'l1', type: 'log', metric: 'call', count: 2, at: 10, retracts: null },
      { id: 'u1', type: 'undo', metric: '', count: 0, at: 20, retracts: 'l0' },
    ]);
  });
});
