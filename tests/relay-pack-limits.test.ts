import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../core/limits.ts';
import type { JoinResponse, RequestOf } from '../core/protocol.ts';
import type { Challenge, ChallengeView, PeriodSpec } from '../core/types.ts';
import { SqliteStorage } from '../server/storage/sqlite.ts';
import {
  connect,
  createPack,
  joinPack,
  nextPush,
  ok,
  pair,
  post,
  removeDir,
  request,
  testRelay,
  type TestRelay,
  type TestSocket,
} from './helpers/relay.ts';

/** How large one pack may grow: members, open challenges, participants, metrics. */
let relay: TestRelay;
let storage: SqliteStorage;
let now = Date.now();
const warnings: string[] = [];

beforeAll(async () => {
  storage = SqliteStorage.open(':memory:');
  relay = await testRelay({
    storage,
    // The relay's clock is ours, so a weekly challenge can be made to end.
    clock: () => now,
    logger: pino({ level: 'warn' }, { write: (line: string) => void warnings.push(line) }),
    messageRate: { perSecond: 10_000, burst: 10_000 },
  });
});
afterAll(async () => {
  await relay.close();
  removeDir(relay.dir);
});

const thisWeek = (extra: Partial<RequestOf<'challenge:create'>> = {}): RequestOf<'challenge:create'> => ({
  metric: 'call',
  format: 'most',
  period: { kind: 'this-week' },
  ...extra,
});

/** A period that outlasts every jump of the clock below: the challenge stays open. */
const LATER: PeriodSpec = { kind: 'range', from: '2099-01-01', to: '2099-01-31' };

/** `count` more open challenges in the socket's pack. */
async function fill(socket: TestSocket, count: number, period: PeriodSpec = LATER): Promise<ChallengeView[]> {
  const made: ChallengeView[] = [];
  for (let i = 0; i < count; i++) {
    made.push(
      (await ok(socket, 'challenge:create', thisWeek({ period, title: `Challenge ${i}` }))).challenge,
    );
  }
  return made;
}

describe('a pack as large as a sales floor', () => {
  let owner: JoinResponse & { inviteCode: string };
  let socket: TestSocket;
  const members: JoinResponse[] = [];

  beforeAll(async () => {
    owner = await createPack(relay.url, 'Owner');
    for (let i = 1; i < LIMITS.membersPerPack; i++)
      members.push(await joinPack(relay.url, owner.inviteCode, `Rep ${i}`));
    socket = await connect(relay.url, owner.token);
  });
  afterAll(() => socket.close());

  it(`takes ${LIMITS.membersPerPack} members; one more may join only once someone leaves`, async () => {
    const full = await post(relay.url, '/api/join', {
      inviteCode: owner.inviteCode,
      displayName: 'One too many',
    });
    expect(full).toMatchObject({
      status: 409,
      json: { error: { code: 'conflict', message: 'this pack is full: it has 200 members' } },
    });
    const leaver = members.pop();
    if (!leaver) throw new Error('no member to leave');
    const leaving = await connect(relay.url, leaver.token);
    await ok(leaving, 'pack:leave', {});
    await joinPack(relay.url, owner.inviteCode, 'One too many');
    const snapshot = await ok(socket, 'session:resume', {});
    expect(snapshot.members.filter((m) => m.active)).toHaveLength(LIMITS.membersPerPack);
  });

  it(`challenges at most ${LIMITS.participants}, also when no partners are named`, async () => {
    expect(await request(socket, 'challenge:create', thisWeek())).toEqual({
      ok: false,
      error: {
        code: 'bad_request',
        message:
          'this pack has 200 members, more than the 50 a challenge can take: name up to 49 partners (memberIds)',
      },
    });
    const partners = members.slice(0, LIMITS.participants).map((m) => m.member.id);
    expect(await request(socket, 'challenge:create', thisWeek({ memberIds: partners }))).toMatchObject({
      ok: false,
      error: {
        code: 'bad_request',
        message: expect.stringContaining('at most 50 participants, you included'),
      },
    });
    const { challenge } = await ok(socket, 'challenge:create', thisWeek({ memberIds: partners.slice(1) }));
    expect(challenge.standings).toHaveLength(LIMITS.participants);
  });
});

describe('open challenges', () => {
  it(`are at most ${LIMITS.openChallengesPerPack} per pack; cancelling one makes room`, async () => {
    const { sa, sb } = await pair(relay.url);
    const half = LIMITS.openChallengesPerPack / 2;
    const made = [...(await fill(sa, half, { kind: 'this-week' })), ...(await fill(sb, half))];
    const refused = await request(sb, 'challenge:create', thisWeek());
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('already has 30 open challenges') },
    });
    expect((await ok(sb, 'session:resume', {})).challenges).toHaveLength(LIMITS.openChallengesPerPack);
    await ok(sa, 'challenge:cancel', { challengeId: made[0]?.id ?? '' });
    await ok(sb, 'challenge:create', thisWeek());
    sa.close();
    sb.close();
  });
});

describe('custom metrics', () => {
  it(`are at most ${LIMITS.customMetricsPerPack} per pack`, async () => {
    const { sa, sb } = await pair(relay.url);
    for (let i = 0; i < LIMITS.customMetricsPerPack; i++)
      await ok(sa, 'metric:add', { id: `m${i}`, label: `Metric ${i}` });
    expect(await request(sb, 'metric:add', { id: 'one_more', label: 'One more' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('20 metrics of its own') },
    });
    expect((await ok(sb, 'session:resume', {})).metrics).toHaveLength(4 + LIMITS.customMetricsPerPack);
    sa.close();
    sb.close();
  });
});

describe('floor-board links', () => {
  it(`are at most ${LIMITS.boardsPerPack} live ones per pack; revoking one makes room`, async () => {
    const { sa } = await pair(relay.url);
    const boards = [];
    for (let i = 0; i < LIMITS.boardsPerPack; i++)
      boards.push((await ok(sa, 'board:create', { label: `TV ${i}` })).board);
    expect(await request(sa, 'board:create', { label: 'One more' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('revoke one') },
    });
    expect((await ok(sa, 'board:list', {})).boards).toHaveLength(LIMITS.boardsPerPack);
    await ok(sa, 'board:revoke', { boardId: boards[0]?.id ?? '' });
    await ok(sa, 'board:create', { label: 'One more' });
    sa.close();
  });
});

describe('a weekly challenge that ends', () => {
  it('starts again in a full pack, but not in one past the limit (from before it), and says so in the log', async () => {
    const full = await pair(relay.url);
    const over = await pair(relay.url);
    const weekly = async (socket: TestSocket) =>
      (await ok(socket, 'challenge:create', thisWeek({ repeat: 'weekly', title: 'Weekly' }))).challenge;
    const fullWeekly = await weekly(full.sa);
    await fill(full.sa, LIMITS.openChallengesPerPack - 1);
    const overWeekly = await weekly(over.sa);
    const rest = await fill(over.sa, LIMITS.openChallengesPerPack - 1);
    // Rows an older relay stored, before there was a limit: one open challenge too many.
    const extra: Challenge = { ...withoutView(rest[1] ?? overWeekly), id: randomUUID(), title: 'Older' };
    await storage.transaction((q) => q.insertChallenge(extra), { lock: extra.packId });

    const repeated = nextPush(
      full.sb,
      'challenge:created',
      (c) => c.title === 'Weekly' && c.id !== fullWeekly.id,
    );
    const overEnded = nextPush(over.sb, 'challenge:ended', (c) => c.id === overWeekly.id);
    now = fullWeekly.end + 1000;
    // Any new challenge wakes the scheduler, in whichever pack.
    const waker = await pair(relay.url);
    await ok(waker.sa, 'challenge:create', thisWeek({ period: { kind: 'today' } }));

    expect((await repeated).start).toBe(fullWeekly.end);
    await overEnded;
    const open = (await ok(over.sa, 'challenge:list', {})).challenges;
    expect(open.filter((c) => c.title === 'Weekly')).toEqual([]);
    expect(warnings.join('')).toContain(`"challengeId":"${overWeekly.id}"`);
    expect(warnings.join('')).toContain('weekly repeat not started');
    for (const { sa, sb } of [full, over, waker]) {
      sa.close();
      sb.close();
    }
  });
});

function withoutView(view: ChallengeView): Challenge {
  const { standings: _standings, result: _result, ...challenge } = view;
  return challenge;
}
