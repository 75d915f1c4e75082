import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../core/uuid.ts';
import { SqliteStorage } from '../server/storage/sqlite.ts';
import {
  connect,
  createPack,
  logEvent,
  ok,
  pair,
  post,
  rawRequest,
  removeDir,
  request,
  testRelay,
  type TestRelay,
  type TestSocket,
} from './helpers/relay.ts';

/** Names that people read as one another, and text that prints lines nobody wrote. */
let relay: TestRelay;
let storage: SqliteStorage;

beforeAll(async () => {
  storage = SqliteStorage.open(':memory:');
  relay = await testRelay({ storage, messageRate: { perSecond: 10_000, burst: 10_000 } });
});
afterAll(async () => {
  await relay.close();
  removeDir(relay.dir);
});

/** What a member sees of the pack, without the clock. */
async function state(socket: TestSocket) {
  const { members, challenges, feed, metrics, cheers } = await ok(socket, 'session:resume', {});
  return { members, challenges, feed, metrics, cheers };
}

const join = (inviteCode: string, displayName: string) =>
  post(relay.url, '/api/join', { inviteCode, displayName });

describe('a display name', () => {
  it.each([
    ['a zero-width space', 'Alex\u200b', 400, 'bad_request'],
    ['a zero-width joiner inside', 'Al\u200dex', 400, 'bad_request'],
    ['a right-to-left override', '\u202exelA', 400, 'bad_request'],
    ['NEL (U+0085)', 'Alex\u0085', 400, 'bad_request'],
    ['a newline', 'Mal\n 2. Mal 99', 400, 'bad_request'],
    ['a Cyrillic А', '\u0410lex', 409, 'conflict'],
    ['a combining accent', 'Alex\u0301', 409, 'conflict'],
    ['fullwidth letters', 'Ａｌｅｘ', 409, 'conflict'],
    ['a capital I for the l', 'AIex', 409, 'conflict'],
  ])(
    'that looks like "Alex" but has %s cannot join a pack with an Alex',
    async (_what, name, status, code) => {
      const alex = await createPack(relay.url, 'Alex');
      const socket = await connect(relay.url, alex.token);
      const before = await state(socket);
      const refused = await join(alex.inviteCode, name);
      expect(refused).toMatchObject({ status, json: { error: { code } } });
      if (code === 'conflict') {
        expect(refused.json).toMatchObject({
          error: { message: expect.stringContaining('already called Alex') },
        });
      }
      expect(await state(socket)).toEqual(before);
      socket.close();
    },
  );

  it('is stored in one spelling, and an accented name keeps its accent', async () => {
    const alex = await createPack(relay.url, 'Alex');
    expect(await join(alex.inviteCode, ' Ｓａｍ ')).toMatchObject({
      json: { member: { displayName: 'Sam' } },
    });
    expect(await join(alex.inviteCode, 'Jose\u0301')).toMatchObject({
      json: { member: { displayName: 'José' } },
    });
    expect(await join(alex.inviteCode, 'Jose')).toMatchObject({
      status: 409,
      json: { error: { code: 'conflict' } },
    });
    const socket = await connect(relay.url, alex.token);
    expect((await state(socket)).members.map((m) => m.displayName)).toEqual(['Alex', 'Sam', 'José']);
    socket.close();
  });
});

describe('text that members write', () => {
  it('is refused with a line break or an invisible character, and nothing changes', async () => {
    const { sa, sb } = await pair(relay.url);
    const feedEntry = logEvent('call');
    await ok(sb, 'activity:log', { events: [feedEntry] });
    const before = await state(sa);
    const refusals: [string, unknown][] = [
      ['activity:log', { events: [logEvent('call', { note: 'ok\nAlex logged 0 calls: I give up' })] }],
      [
        'challenge:create',
        { metric: 'call', format: 'most', period: { kind: 'today' }, title: 'a\n2. Mal 99' },
      ],
      ['challenge:create', { metric: 'call', format: 'most', period: { kind: 'today' }, stake: 'x\u2028y' }],
      ['cheer:send', { id: uuidv7(), reaction: 'cheer', text: 'go\r\ngo', eventId: feedEntry.id }],
      ['metric:add', { id: 'demo', label: 'Demos\u0085' }],
      ['board:create', { label: 'TV\u202e' }],
    ];
    for (const [name, body] of refusals) {
      expect(await rawRequest(sa, name, body)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    }
    const pack = await post(relay.url, '/api/packs', { name: 'A\nB', timeZone: 'UTC', displayName: 'Kim' });
    expect(pack).toMatchObject({ status: 400, json: { error: { code: 'bad_request' } } });
    expect(await state(sa)).toEqual(before);
    sa.close();
    sb.close();
  });
});

describe('dates', () => {
  it.each<[string, object, string]>([
    [
      'a range in the year 9999',
      { metric: 'call', format: 'most', period: { kind: 'range', from: '9999-12-25', to: '9999-12-31' } },
      'period.from: must be a date in the years 2000 to 2100',
    ],
    [
      'a horizon from a range ending in 9999',
      {
        metric: 'forward_appointment',
        format: 'most',
        period: { kind: 'range', from: '2026-12-01', to: '9999-12-31' },
        horizonMonths: 24,
      },
      'period.to: must be a date in the years 2000 to 2100',
    ],
    [
      'instants past 2100',
      {
        metric: 'call',
        format: 'most',
        period: { kind: 'instants', start: Date.now(), end: 4_200_000_000_000 },
      },
      'period.end: must be an instant in the years 2000 to 2100',
    ],
  ])('refuses a challenge over %s with a readable bad_request', async (_what, body, message) => {
    const { sa, sb } = await pair(relay.url);
    expect(await rawRequest(sa, 'challenge:create', body)).toEqual({
      ok: false,
      error: { code: 'bad_request', message },
    });
    sa.close();
    sb.close();
  });

  it('refuses counts and meeting dates past 2100, and takes a horizon that reaches past it', async () => {
    const { sa, sb } = await pair(relay.url);
    expect(
      await request(sa, 'history:counts', { from: '9999-12-31', to: '9999-12-31', bucket: 'day' }),
    ).toEqual({
      ok: false,
      error: { code: 'bad_request', message: 'from: must be a date in the years 2000 to 2100' },
    });
    const meeting = logEvent('forward_appointment', { meetingDate: '9999-12-31' });
    expect(await request(sa, 'activity:log', { events: [meeting] })).toMatchObject({
      ok: false,
      error: {
        code: 'bad_request',
        message: 'events.0.meetingDate: must be a date in the years 2000 to 2100',
      },
    });
    const { challenge } = await ok(sa, 'challenge:create', {
      metric: 'forward_appointment',
      format: 'most',
      period: { kind: 'range', from: '2100-12-01', to: '2100-12-31' },
      horizonMonths: 24,
    });
    expect(challenge.horizon).toEqual({ from: '2100-12-01', to: '2103-01-01' });
    sa.close();
    sb.close();
  });
});

describe('the CSV export', () => {
  it('guards a cell that starts with a tab or a quote, so one leading quote always means "guarded"', async () => {
    const { a, sa, sb } = await pair(relay.url);
    await ok(sa, 'activity:log', { events: [logEvent('call', { note: "'til Friday" })] });
    // A row from before the relay refused tabs in notes.
    await storage.transaction(
      async (q) => {
        await q.appendEvent({
          ...logEvent('call', { note: '\t=1+1' }),
          packId: a.pack.id,
          memberId: a.member.id,
          receivedAt: Date.now(),
          meetingDate: null,
          note: '\t=1+1',
          retracts: null,
        });
      },
      { lock: a.pack.id },
    );
    const csv = await (
      await fetch(`${relay.url}/api/export/events.csv`, { headers: { authorization: `Bearer ${a.token}` } })
    ).text();
    const notes = csv
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[8]);
    expect(notes).toEqual([`"''til Friday"`, `"'\t=1+1"`]);
    sa.close();
    sb.close();
  });
});
