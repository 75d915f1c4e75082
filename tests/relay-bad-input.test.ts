import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../core/uuid.ts';
import { PROTOCOL_VERSION } from '../core/protocol.ts';
import {
  connect,
  createPack,
  joinPack,
  logEvent,
  nextPush,
  ok,
  post,
  rawRequest,
  removeDir,
  testRelay,
  type TestRelay,
  type TestSocket,
} from './helpers/relay.ts';

/**
 * Every kind of bad input gets a clear error and changes nothing: after each one the pack's
 * state, its history and the other pack's state are exactly what they were.
 */
interface Env {
  url: string;
  a: TestSocket;
  b: TestSocket;
  other: TestSocket;
  aEventId: string;
  otherEventId: string;
  otherChallengeId: string;
  otherMemberId: string;
  bMemberId: string;
  challengeId: string;
}

let relay: TestRelay;
let env: Env;
let aToken: string;

beforeAll(async () => {
  relay = await testRelay({
    messageRate: { perSecond: 10_000, burst: 10_000 },
    joinRate: { perSecond: 1000, burst: 1000 },
  });
  const packA = await createPack(relay.url, 'Alex');
  const memberB = await joinPack(relay.url, packA.inviteCode, 'Sam');
  const packC = await createPack(relay.url, 'Outsider');
  aToken = packA.token;
  const a = await connect(relay.url, packA.token);
  const b = await connect(relay.url, memberB.token);
  const other = await connect(relay.url, packC.token);
  const { challenge } = await ok(a, 'challenge:create', {
    metric: 'call',
    format: 'most',
    period: { kind: 'this-week' },
  });
  const aEvent = logEvent('call', { count: 2 });
  await ok(a, 'activity:log', { events: [aEvent] });
  await ok(b, 'activity:log', { events: [logEvent('call')] });
  const otherEvent = logEvent('call');
  await ok(other, 'activity:log', { events: [otherEvent] });
  const packC2 = await joinPack(relay.url, packC.inviteCode, 'Outsider Two');
  const { challenge: otherChallenge } = await ok(other, 'challenge:create', {
    metric: 'call',
    format: 'most',
    period: { kind: 'today' },
  });
  env = {
    url: relay.url,
    a,
    b,
    other,
    aEventId: aEvent.id,
    otherEventId: otherEvent.id,
    otherChallengeId: otherChallenge.id,
    otherMemberId: packC2.member.id,
    bMemberId: memberB.member.id,
    challengeId: challenge.id,
  };
});

afterAll(async () => {
  for (const s of [env.a, env.b, env.other]) s.close();
  await relay.close();
  removeDir(relay.dir);
});

async function fingerprint(): Promise<string> {
  const strip = (s: Record<string, unknown>) => ({ ...s, serverTime: 0 });
  const snapA = strip((await ok(env.a, 'session:resume', {})) as never);
  const snapB = strip((await ok(env.b, 'session:resume', {})) as never);
  const snapC = strip((await ok(env.other, 'session:resume', {})) as never);
  const history = await ok(env.a, 'history:challenges', {});
  const csv = await (
    await fetch(`${env.url}/api/export/events.csv`, { headers: { authorization: `Bearer ${aToken}` } })
  ).text();
  return JSON.stringify({ snapA, snapB, snapC, history, csv });
}

const log = (event: Record<string, unknown>) => ({ events: [{ ...logEvent(), ...event }] });
const undo = (retracts: unknown) => ({
  events: [{ id: uuidv7(), type: 'undo', retracts, occurredAt: Date.now() }],
});
const today = new Date().toISOString().slice(0, 10);
// The pack's zone may be a day ahead of or behind UTC.
const yesterday = new Date(Date.now() - 24 * 3600 * 1000).toISOString().slice(0, 10);
const tomorrow = new Date(Date.now() + 24 * 3600 * 1000).toISOString().slice(0, 10);
const DAY = 24 * 3600 * 1000;

type Expectation = { ack: string } | { outcome: string };
type Case = [string, string, (e: Env) => unknown, Expectation, ((e: Env) => TestSocket)?];

const badAck = (code = 'bad_request'): Expectation => ({ ack: code });
const badEvent = (code: string): Expectation => ({ outcome: code });

const cases: Case[] = [
  ['log: no payload', 'activity:log', () => null, badAck()],
  ['log: a string', 'activity:log', () => 'three calls', badAck()],
  ['log: a number', 'activity:log', () => 42, badAck()],
  ['log: an array', 'activity:log', () => [], badAck()],
  ['log: events not a list', 'activity:log', () => ({ events: 'call' }), badAck()],
  ['log: empty batch', 'activity:log', () => ({ events: [] }), badAck()],
  [
    'log: batch over 500',
    'activity:log',
    () => ({ events: Array.from({ length: 501 }, () => logEvent()) }),
    badAck(),
  ],
  [
    'log: missing id',
    'activity:log',
    () => ({ events: [{ type: 'log', metric: 'call', count: 1, occurredAt: Date.now() }] }),
    badAck(),
  ],
  ['log: id not a uuid', 'activity:log', () => log({ id: 'abc' }), badAck()],
  ['log: id a v4 uuid', 'activity:log', () => log({ id: '4f1c9a3e-0b1d-4c2a-9f3e-2d5b6a7c8d9e' }), badAck()],
  ['log: unknown type', 'activity:log', () => log({ type: 'delete' }), badAck()],
  ['log: metric in capitals', 'activity:log', () => log({ metric: 'CALL' }), badAck()],
  ['log: unknown metric', 'activity:log', () => log({ metric: 'coffee' }), badEvent('unknown_metric')],
  ['log: count zero', 'activity:log', () => log({ count: 0 }), badAck()],
  ['log: negative count', 'activity:log', () => log({ count: -5 }), badAck()],
  ['log: fractional count', 'activity:log', () => log({ count: 1.5 }), badAck()],
  ['log: count as text', 'activity:log', () => log({ count: '3' }), badAck()],
  ['log: huge count', 'activity:log', () => log({ count: 1e9 }), badAck()],
  ['log: occurredAt as text', 'activity:log', () => log({ occurredAt: 'yesterday' }), badAck()],
  ['log: negative occurredAt', 'activity:log', () => log({ occurredAt: -1 }), badAck()],
  ['log: null occurredAt', 'activity:log', () => log({ occurredAt: null }), badAck()],
  [
    'log: 100 days old',
    'activity:log',
    () => log({ occurredAt: Date.now() - 100 * DAY }),
    badEvent('bad_request'),
  ],
  [
    'log: month 13 meeting date',
    'activity:log',
    () => log({ metric: 'forward_appointment', meetingDate: '2026-13-01' }),
    badAck(),
  ],
  [
    'log: meeting date d/m/y',
    'activity:log',
    () => log({ metric: 'forward_appointment', meetingDate: '31/12/2026' }),
    badAck(),
  ],
  [
    'log: forward appointment without date',
    'activity:log',
    () => log({ metric: 'forward_appointment' }),
    badEvent('bad_request'),
  ],
  ['log: note over 500 chars', 'activity:log', () => log({ note: 'x'.repeat(501) }), badAck()],
  ['log: note with control character', 'activity:log', () => log({ note: 'ring\u0007' }), badAck()],
  ['log: 200 KB note', 'activity:log', () => log({ note: 'y'.repeat(200_000) }), badAck()],
  ['log: forged member id', 'activity:log', (e) => log({ memberId: e.bMemberId }), badAck()],
  ['log: forged pack id', 'activity:log', () => log({ packId: uuidv7() }), badAck()],
  ['undo: unknown event', 'activity:log', () => undo(uuidv7()), badEvent('not_found')],
  ["undo: another pack's event", 'activity:log', (e) => undo(e.otherEventId), badEvent('not_found')],
  ["undo: a partner's event", 'activity:log', (e) => undo(e.aEventId), badEvent('forbidden'), (e) => e.b],
  ['undo: retracts not a uuid', 'activity:log', () => undo('last'), badAck()],
  [
    "log: reuses a partner's event id",
    'activity:log',
    (e) => log({ id: e.aEventId }),
    badEvent('id_taken'),
    (e) => e.b,
  ],
  [
    'challenge: unknown metric',
    'challenge:create',
    () => ({ metric: 'coffee', format: 'most', period: { kind: 'today' } }),
    badAck('unknown_metric'),
  ],
  [
    'challenge: unknown format',
    'challenge:create',
    () => ({ metric: 'call', format: 'fastest', period: { kind: 'today' } }),
    badAck(),
  ],
  [
    'challenge: race without target',
    'challenge:create',
    () => ({ metric: 'call', format: 'race', period: { kind: 'today' } }),
    badAck(),
  ],
  [
    'challenge: most with target',
    'challenge:create',
    () => ({ metric: 'call', format: 'most', target: 5, period: { kind: 'today' } }),
    badAck(),
  ],
  [
    'challenge: negative target',
    'challenge:create',
    () => ({ metric: 'call', format: 'goal', target: -3, period: { kind: 'today' } }),
    badAck(),
  ],
  [
    'challenge: unknown period',
    'challenge:create',
    () => ({ metric: 'call', format: 'most', period: { kind: 'yesterday' } }),
    badAck(),
  ],
  [
    'challenge: range backwards',
    'challenge:create',
    () => ({
      metric: 'call',
      format: 'most',
      period: { kind: 'range', from: '2030-02-01', to: '2030-01-01' },
    }),
    badAck(),
  ],
  [
    'challenge: range in the past',
    'challenge:create',
    () => ({
      metric: 'call',
      format: 'most',
      period: { kind: 'range', from: '2020-01-01', to: '2020-01-31' },
    }),
    badAck(),
  ],
  [
    'challenge: end before start',
    'challenge:create',
    () => ({
      metric: 'call',
      format: 'most',
      period: { kind: 'instants', start: Date.now() + 2 * DAY, end: Date.now() + DAY },
    }),
    badAck(),
  ],
  [
    'challenge: longer than a year',
    'challenge:create',
    () => ({
      metric: 'call',
      format: 'most',
      period: { kind: 'instants', start: Date.now(), end: Date.now() + 400 * DAY },
    }),
    badAck(),
  ],
  [
    "challenge: another pack's member",
    'challenge:create',
    (e) => ({ metric: 'call', format: 'most', period: { kind: 'today' }, memberIds: [e.otherMemberId] }),
    badAck('unknown_member'),
  ],
  [
    'challenge: made-up member',
    'challenge:create',
    () => ({ metric: 'call', format: 'most', period: { kind: 'today' }, memberIds: [uuidv7()] }),
    badAck('unknown_member'),
  ],
  [
    'challenge: title too long',
    'challenge:create',
    () => ({ metric: 'call', format: 'most', period: { kind: 'today' }, title: 't'.repeat(121) }),
    badAck(),
  ],
  [
    'challenge: horizon on calls',
    'challenge:create',
    () => ({ metric: 'call', format: 'most', period: { kind: 'today' }, horizonMonths: 3 }),
    badAck(),
  ],
  [
    'challenge: horizon of 99 months',
    'challenge:create',
    () => ({ metric: 'forward_appointment', format: 'most', period: { kind: 'today' }, horizonMonths: 99 }),
    badAck(),
  ],
  [
    "cancel: another pack's challenge",
    'challenge:cancel',
    (e) => ({ challengeId: e.otherChallengeId }),
    badAck('not_found'),
  ],
  [
    "decline: another pack's challenge",
    'challenge:decline',
    (e) => ({ challengeId: e.otherChallengeId }),
    badAck('not_found'),
  ],
  [
    'decline: own challenge',
    'challenge:decline',
    (e) => ({ challengeId: e.challengeId }),
    badAck('forbidden'),
  ],
  ['cancel: id not a uuid', 'challenge:cancel', () => ({ challengeId: '1; drop table events' }), badAck()],
  ['history: forged cursor', 'history:challenges', () => ({ cursor: 'page-2' }), badAck()],
  ['history: limit 10000', 'history:challenges', () => ({ limit: 10_000 }), badAck()],
  [
    'counts: from after to',
    'history:counts',
    () => ({ from: '2026-05-01', to: '2026-04-01', bucket: 'day' }),
    badAck(),
  ],
  [
    'counts: 30 February',
    'history:counts',
    () => ({ from: '2026-02-30', to: '2026-03-02', bucket: 'day' }),
    badAck(),
  ],
  ['counts: monthly bucket', 'history:counts', () => ({ from: today, to: today, bucket: 'month' }), badAck()],
  [
    "head-to-head: another pack's member",
    'history:head-to-head',
    (e) => ({ memberId: e.bMemberId, otherId: e.otherMemberId }),
    badAck('unknown_member'),
  ],
  [
    'remove member: not the owner',
    'pack:remove-member',
    (e) => ({ memberId: e.bMemberId }),
    badAck('forbidden'),
    (e) => e.b,
  ],
  [
    "remove member: another pack's",
    'pack:remove-member',
    (e) => ({ memberId: e.otherMemberId }),
    badAck('unknown_member'),
  ],
  ['rotate invite: not the owner', 'pack:rotate-invite', () => ({}), badAck('forbidden'), (e) => e.b],
  ['metric: id with spaces', 'metric:add', () => ({ id: 'cold call', label: 'Cold calls' }), badAck()],
  ['metric: built-in id', 'metric:add', () => ({ id: 'call', label: 'Calls again' }), badAck('conflict')],
  ['metric: empty label', 'metric:add', () => ({ id: 'demo', label: '   ' }), badAck()],
  ['result ack: empty list', 'result:ack', () => ({ challengeIds: [] }), badAck()],
  [
    'result ack: an open challenge',
    'result:ack',
    (e) => ({ challengeIds: [e.challengeId] }),
    { ack: 'none' },
  ],
  ['resume: unexpected fields', 'session:resume', () => ({ since: 5 }), badAck()],
];

describe('bad input changes nothing', () => {
  it.each(cases)('%s', async (_label, event, payload, expected, who) => {
    const before = await fingerprint();
    const socket = who ? who(env) : env.a;
    const response = (await rawRequest(socket, event, payload(env))) as {
      ok: boolean;
      error?: { code: string; message: string };
      outcomes?: { status: string; error?: { code: string; message: string } }[];
    };
    if ('ack' in expected && expected.ack === 'none') {
      // Accepted but without effect: nothing to acknowledge yet.
      expect(response).toMatchObject({ ok: true, acknowledged: 0 });
    } else if ('ack' in expected) {
      expect(response.ok).toBe(false);
      expect(response.error?.code).toBe(expected.ack);
      expect(response.error?.message.length).toBeGreaterThan(5);
    } else {
      expect(response.ok).toBe(true);
      expect(response.outcomes?.[0]?.status).toBe('rejected');
      expect(response.outcomes?.[0]?.error?.code).toBe(expected.outcome);
    }
    expect(await fingerprint()).toBe(before);
  });

  it('answers messages without an acknowledgement, and unknown events, with a request error', async () => {
    const before = await fingerprint();
    const emit = env.a.emit.bind(env.a) as (event: string, ...args: unknown[]) => void;
    const noAck = nextPush(env.a, 'request:error', (info) => info.event === 'activity:log');
    emit('activity:log', { events: [logEvent()] });
    expect((await noAck).error.code).toBe('bad_request');
    const unknown = nextPush(env.a, 'request:error', (info) => info.event === 'pack:delete');
    emit('pack:delete', {});
    expect((await unknown).error.message).toMatch(/unknown event/);
    expect(await rawRequest(env.a, 'pack:delete', {})).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
    // A request sent with a callback and no payload still gets its answer.
    const onlyCallback = await new Promise((resolve) => emit('challenge:list', resolve));
    expect(onlyCallback).toMatchObject({
      ok: true,
      challenges: [expect.objectContaining({ id: env.challengeId })],
    });
    expect(await fingerprint()).toBe(before);
  });

  it('survives a long-polling request on the Socket.IO path', async () => {
    const res = await fetch(`${env.url}/socket.io/?EIO=4&transport=polling`);
    expect(res.status).toBe(400);
    expect((await fetch(`${env.url}/healthz`)).status).toBe(200);
  });
});

describe('refused connections and requests', () => {
  it.each([
    ['no credentials', undefined, 'unauthorized'],
    ['a wrong token', 'wp_not-a-real-token', 'unauthorized'],
    ['a token that is not text', 12345, 'unauthorized'],
  ])('refuses a socket with %s', async (_label, token, code) => {
    const attempt = connect(env.url, token as string);
    await expect(attempt).rejects.toMatchObject({ data: { code } });
  });

  it('refuses another protocol version with a message that says which side to update', async () => {
    await expect(connect(env.url, aToken, PROTOCOL_VERSION - 1)).rejects.toMatchObject({
      data: { code: 'protocol_mismatch' },
      message: expect.stringMatching(/update Wolfpack on this computer$/),
    });
    await expect(connect(env.url, aToken, PROTOCOL_VERSION + 1)).rejects.toMatchObject({
      data: { code: 'protocol_mismatch' },
      message: expect.stringMatching(/ask whoever runs the relay to update it$/),
    });
  });

  it.each([
    ['invalid JSON', '/api/packs', '{"name": ', 400, 'bad_request'],
    [
      'an unknown time zone',
      '/api/packs',
      { name: 'P', timeZone: 'Mars/Olympus', displayName: 'A' },
      400,
      'bad_request',
    ],
    [
      'an empty pack name',
      '/api/packs',
      { name: '  ', timeZone: 'UTC', displayName: 'A' },
      400,
      'bad_request',
    ],
    [
      'an unknown invite code',
      '/api/join',
      { inviteCode: 'AAAA-BBBB-CCCC', displayName: 'Z' },
      404,
      'invite_invalid',
    ],
    ['a malformed invite code', '/api/join', { inviteCode: '!!!', displayName: 'Z' }, 404, 'invite_invalid'],
    [
      'a 20 KB body',
      '/api/join',
      { inviteCode: 'x', displayName: 'y'.repeat(20_000) },
      413,
      'payload_too_large',
    ],
  ])('answers HTTP %s with a typed error', async (_label, path, body, status, code) => {
    const before = await fingerprint();
    const res = await post(env.url, path, body);
    expect(res.status).toBe(status);
    expect((res.json as { error: { code: string } }).error.code).toBe(code);
    expect(await fingerprint()).toBe(before);
  });

  it.each([
    ['no token', undefined],
    ['a wrong token', 'Bearer wp_wrong'],
  ])('refuses the CSV export with %s', async (_label, authorization) => {
    const res = await fetch(`${env.url}/api/export/events.csv`, {
      headers: authorization ? { authorization } : {},
    });
    expect(res.status).toBe(401);
  });

  it('closes a connection that sends an oversized message and stays up for everyone else', async () => {
    const before = await fingerprint();
    const victim = await connect(env.url, aToken);
    const closed = new Promise<string>((resolve) => victim.once('disconnect', (reason) => resolve(reason)));
    victim.emit(
      'activity:log',
      { events: [{ ...logEvent(), note: 'z'.repeat(300 * 1024) }] },
      () => undefined,
    );
    expect(await closed).toBe('transport close');
    expect((await fetch(`${env.url}/healthz`)).status).toBe(200);
    expect(await fingerprint()).toBe(before);
  });
});

describe('rate limit', () => {
  it('refuses a flood past the limit and counts exactly the logs it accepted', async () => {
    const limited = await testRelay({ messageRate: { perSecond: 5, burst: 20 } });
    try {
      const pack = await createPack(limited.url, 'Flooder');
      const socket = await connect(limited.url, pack.token);
      const replies = await Promise.all(
        Array.from(
          { length: 120 },
          () =>
            rawRequest(socket, 'activity:log', { events: [logEvent()] }) as Promise<{
              ok: boolean;
              error?: { code: string };
            }>,
        ),
      );
      const accepted = replies.filter((r) => r.ok).length;
      const limitedReplies = replies.filter((r) => !r.ok);
      expect(limitedReplies.length).toBeGreaterThan(0);
      expect(limitedReplies.every((r) => r.error?.code === 'rate_limited')).toBe(true);
      await new Promise((r) => setTimeout(r, 1200));
      const counts = (await ok(socket, 'history:counts', {
        from: yesterday,
        to: tomorrow,
        bucket: 'day',
      })) as { rows: { count: number }[] };
      expect(counts.rows.reduce((n, r) => n + r.count, 0)).toBe(accepted);
      socket.close();
    } finally {
      await limited.close();
      removeDir(limited.dir);
    }
  });
});
