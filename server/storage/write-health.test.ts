import { describe, expect, it } from 'vitest';
import { pgFailure } from './pg-health.ts';
import { sqliteFailure } from './sqlite-health.ts';
import { WriteHealth, type WriteFailure } from './write-health.ts';

/** An error shaped as node:sqlite throws it: ERR_SQLITE_ERROR with the extended result code. */
function sqliteError(errcode: number, message: string): Error {
  return Object.assign(new Error(message), { code: 'ERR_SQLITE_ERROR', errcode, errstr: message });
}

function pgError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('which failed writes say the storage is unwell', () => {
  it.each([
    [sqliteError(13, 'database or disk is full'), 'probe', /disk holding the database is full/],
    [sqliteError(778, 'disk I/O error'), 'probe', /cannot be written/],
    [sqliteError(8, 'attempt to write a readonly database'), 'probe', /read-only/],
    [sqliteError(11, 'database disk image is malformed'), 'restart', /damaged.*restore a backup/],
    [sqliteError(26, 'file is not a database'), 'restart', /damaged/],
  ] as const)('SQLite: %s ends with a %s', (error, endsWith, reason) => {
    expect(sqliteFailure(error)).toEqual({ endsWith, reason: expect.stringMatching(reason) });
  });

  it.each([
    [sqliteError(2067, 'UNIQUE constraint failed: events.id')],
    [sqliteError(5, 'database is locked')],
    [new Error('storage is closed')],
  ])('SQLite: %s is not the storage being unwell', (error) => {
    expect(sqliteFailure(error)).toBeNull();
  });

  it.each([
    [pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'), 'probe', /cannot be reached/],
    [new Error('Connection terminated unexpectedly'), 'probe', /cannot be reached/],
    [pgError('57P01', 'terminating connection due to administrator command'), 'probe', /cannot take writes/],
    [pgError('25006', 'cannot execute INSERT in a read-only transaction'), 'probe', /cannot take writes/],
    [pgError('53300', 'sorry, too many clients already'), 'probe', /cannot take writes/],
    [pgError('53100', 'could not extend file: No space left on device'), 'write', /disk is full/],
    [pgError('58030', 'could not write to file'), 'write', /cannot read or write its files/],
    [pgError('XX001', 'invalid page in block 3'), 'write', /cannot read or write its files/],
  ] as const)('PostgreSQL: %s ends with a %s', (error, endsWith, reason) => {
    expect(pgFailure(error)).toEqual({ endsWith, reason: expect.stringMatching(reason) });
  });

  it.each([
    [pgError('23505', 'duplicate key value violates unique constraint "events_id_key"')],
    [pgError('WP001', 'the pack changed')],
    [pgError('40P01', 'deadlock detected')],
    [new Error('a statement failed, so the transaction was rolled back')],
  ])('PostgreSQL: %s is not the storage being unwell', (error) => {
    expect(pgFailure(error)).toBeNull();
  });
});

describe('WriteHealth', () => {
  const failure = (endsWith: WriteFailure['endsWith']): WriteFailure => ({ reason: endsWith, endsWith });

  it.each([
    ['probe', 'a probe', true],
    ['probe', 'a write', true],
    ['write', 'a probe', false],
    ['write', 'a write', true],
    ['restart', 'a probe', false],
    ['restart', 'a write', false],
  ] as const)('a failure that ends with a %s, after %s commits: healthy %s', (endsWith, after, ok) => {
    const health = new WriteHealth();
    health.failed(failure(endsWith));
    if (after === 'a probe') health.probed();
    else health.wrote();
    expect(health.report().ok).toBe(ok);
  });

  it('keeps a damaged file reported over a later, lesser failure', () => {
    const health = new WriteHealth();
    health.failed(failure('restart'));
    health.failed(failure('probe'));
    health.probed();
    expect(health.report()).toEqual({ ok: false, reason: 'restart' });
  });

  it('ignores a write refused for its own sake', () => {
    const health = new WriteHealth();
    health.failed(null);
    expect(health.report()).toEqual({ ok: true });
  });
});
