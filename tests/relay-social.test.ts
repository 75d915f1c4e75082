import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../core/limits.ts';
import { uuidv7 } from '../core/uuid.ts';
import {
  connectBoard,
  logEvent,
  nextPush,
  nextStandings,
  ok,
  pair,
  rawRequest,
  removeDir,
  request,
  testRelay,
  type TestRelay,
} from './helpers/relay.ts';

let relay: TestRelay;
let now = Date.now();
beforeAll(async () => {
  // The relay's clock is ours, so a test can jump to next week.
  relay = await testRelay({ clock: () => now });
});
afterAll(async () => {
  await relay.close();
  removeDir(relay.dir);
});

describe('cheers and taunts', () => {
  it('reach the partner live, once, and stay in the snapshot', async () => {
    const { a, b, sa, sb } = await pair(relay.url);
    const call = logEvent('call', { occurredAt: now });
    await ok(sa, 'activity:log', { events: [call] });
    const received = nextPush(sa, 'cheer:received');
    const id = uuidv7();
    const sent = await ok(sb, 'cheer:send', {
      id,
      reaction: 'taunt',
      text: 'Is that all?',
      eventId: call.id,
    });
    expect(sent.cheer).toMatchObject({
      fromId: b.member.id,
      toId: a.member.id,
      reaction: 'taunt',
      text: 'Is that all?',
    });
    expect(await received).toEqual(sent.cheer);

    let again = 0;
    sa.on('cheer:received', () => again++);
    expect(
      (await ok(sb, 'cheer:send', { id, reaction: 'taunt', text: 'Is that all?', eventId: call.id })).cheer,
    ).toEqual(sent.cheer);
    await ok(sa, 'challenge:list', {});
    expect(again).toBe(0);
    expect((await ok(sa, 'session:resume', {})).cheers).toEqual([sent.cheer]);
    sa.close();
    sb.close();
  });

  it('cheer a standing in a challenge, never yourself or another pack', async () => {
    const { a, sa, sb } = await pair(relay.url);
    const other = await pair(relay.url);
    const { challenge } = await ok(sa, 'challenge:create', {
      metric: 'call',
      format: 'most',
      period: { kind: 'this-week' },
    });
    const onStanding = await ok(sb, 'cheer:send', {
      id: uuidv7(),
      reaction: 'cheer',
      challengeId: challenge.id,
      memberId: a.member.id,
    });
    expect(onStanding.cheer).toMatchObject({ toId: a.member.id, challengeId: challenge.id, eventId: null });
    expect(
      await request(sa, 'cheer:send', {
        id: uuidv7(),
        reaction: 'cheer',
        challengeId: challenge.id,
        memberId: a.member.id,
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'bad_request', message: expect.stringMatching(/yourself/) },
    });
    expect(
      await request(other.sa, 'cheer:send', {
        id: uuidv7(),
        reaction: 'cheer',
        challengeId: challenge.id,
        memberId: a.member.id,
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(
      await rawRequest(sb, 'cheer:send', { id: uuidv7(), reaction: 'cheer', challengeId: challenge.id }),
    ).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
    for (const s of [sa, sb, other.sa, other.sb]) s.close();
  });
});

describe('the cheer limit', () => {
  it('refuses the one over LIMITS.cheersPerMinute, stores and pushes nothing, and limits no one else', async () => {
    const { a, b, sa, sb } = await pair(relay.url);
    const call = logEvent('call', { occurredAt: now });
    await ok(sa, 'activity:log', { events: [call] });
    const cheer = () => ({ id: uuidv7(), reaction: 'cheer' as const, eventId: call.id });
    for (let i = 0; i < LIMITS.cheersPerMinute; i++) await ok(sb, 'cheer:send', cheer());

    let pushed = 0;
    sa.on('cheer:received', () => pushed++);
    const over = cheer();
    expect(await request(sb, 'cheer:send', over)).toEqual({
      ok: false,
      error: {
        code: 'rate_limited',
        message: expect.stringMatching(/at most 10 cheers and taunts a minute/),
      },
    });
    await ok(sa, 'challenge:list', {});
    expect(pushed).toBe(0);
    const stored = (await ok(sa, 'session:resume', {})).cheers;
    expect(stored.map((c) => c.id)).not.toContain(over.id);
    expect(stored.filter((c) => c.fromId === b.member.id)).toHaveLength(LIMITS.cheersPerMinute);

    // The partner cheering back is not held to the other's count.
    const theirs = logEvent('call', { occurredAt: now });
    await ok(sb, 'activity:log', { events: [theirs] });
    const back = await ok(sa, 'cheer:send', { id: uuidv7(), reaction: 'taunt', eventId: theirs.id });
    expect(back.cheer).toMatchObject({ fromId: a.member.id, toId: b.member.id });

    // A minute on, the window has moved and the same cheer goes through.
    now += 60_001;
    expect((await ok(sb, 'cheer:send', over)).cheer).toMatchObject({ id: over.id, toId: a.member.id });
    sa.close();
    sb.close();
  });
});

describe('floor board links', () => {
  it('show live standings read-only, and stop working the moment they are revoked', async () => {
    const { sa, sb } = await pair(relay.url);
    await ok(sa, 'challenge:create', { metric: 'call', format: 'most', period: { kind: 'this-week' } });
    expect(await request(sb, 'board:create', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const { board, token } = await ok(sa, 'board:create', { label: 'Sales floor TV' });
    expect(board).toMatchObject({ label: 'Sales floor TV', revokedAt: null });

    const tv = await connectBoard(relay.url, token);
    const shown = await ok(tv, 'board:resume', {});
    expect(shown.challenges).toHaveLength(1);
    expect(shown).not.toHaveProperty('inviteCode');
    expect(await request(tv, 'activity:log', { events: [logEvent()] })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await request(tv, 'session:resume', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });

    const live = nextStandings(tv);
    await ok(sb, 'activity:log', { events: [logEvent('call', { occurredAt: now, count: 4 })] });
    expect((await live).standings[0]?.count).toBe(4);

    const revoked = nextPush(tv, 'board:revoked');
    const gone = new Promise((resolve) => tv.once('disconnect', resolve));
    expect((await ok(sa, 'board:revoke', { boardId: board.id })).board.revokedAt).not.toBeNull();
    expect((await revoked).reason).toMatch(/revoked/);
    await gone;
    await expect(connectBoard(relay.url, token)).rejects.toMatchObject({ data: { code: 'unauthorized' } });
    expect((await ok(sa, 'board:list', {})).boards.map((b) => b.id)).toEqual([board.id]);
    sa.close();
    sb.close();
  });
});

describe('a weekly challenge', () => {
  it('starts again for the next week when it ends, with the same partners', async () => {
    const { a, b, sa, sb } = await pair(relay.url);
    const { challenge } = await ok(sa, 'challenge:create', {
      metric: 'appointment',
      format: 'most',
      period: { kind: 'this-week' },
      repeat: 'weekly',
      stake: 'Loser buys coffee',
    });
    const ended = nextPush(sb, 'challenge:ended', (c) => c.id === challenge.id);
    const next = nextPush(sb, 'challenge:created', (c) => c.id !== challenge.id && c.repeat === 'weekly');
    now = challenge.end + 1000;
    // Anything that wakes the scheduler will do; a new challenge does.
    await ok(sa, 'challenge:create', {
      metric: 'call',
      format: 'goal',
      target: 1,
      period: { kind: 'today' },
    });
    expect((await ended).result).not.toBeNull();
    const following = await next;
    expect(following.start).toBe(challenge.end);
    expect(following.end - following.start).toBeGreaterThanOrEqual(167 * 3600_000);
    expect(following).toMatchObject({ title: challenge.title, stake: 'Loser buys coffee', status: 'active' });
    expect(following.participants.map((p) => p.memberId).sort()).toEqual([a.member.id, b.member.id].sort());
    sa.close();
    sb.close();
  });

  it('is refused for a period that has no next week', async () => {
    const { sa, sb } = await pair(relay.url);
    expect(
      await request(sa, 'challenge:create', {
        metric: 'call',
        format: 'most',
        period: { kind: 'today' },
        repeat: 'weekly',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'bad_request', message: expect.stringMatching(/week/) },
    });
    sa.close();
    sb.close();
  });
});

describe('the web app', () => {
  it('is served at / and its routes, with a strict content security policy', async () => {
    const res = await fetch(`${relay.url}/board`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    // Escaping the web root is impossible: this would be the repository's own package.json.
    expect((await fetch(`${relay.url}/..%2F..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(`${relay.url}/%E0%A4%A`)).status).toBe(404);
    expect((await fetch(`${relay.url}/api/nothing`)).status).toBe(404);
  });
});
