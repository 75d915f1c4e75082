import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../core/limits.ts';
import { PROTOCOL_VERSION } from '../core/protocol.ts';
import type { LogEvent } from '../core/types.ts';
import { rawSocket, type RawSocket } from './helpers/raw-socket.ts';
import {
  connect,
  createPack,
  joinPack,
  logEvent,
  ok,
  removeDir,
  request,
  testRelay,
  type TestRelay,
  type TestSocket,
} from './helpers/relay.ts';

/**
 * Issue 11: what one socket sends or fails to read costs the relay a bounded amount, and the
 * relay keeps answering everyone else. Frames are written by hand (tests/helpers/raw-socket.ts)
 * where no client library would write them.
 */
let relay: TestRelay;

beforeAll(async () => {
  relay = await testRelay({ messageRate: { perSecond: 10_000, burst: 10_000 } });
});

afterAll(async () => {
  await relay.close();
  removeDir(relay.dir);
});

const auth = (token: string) => ({ token, protocol: PROTOCOL_VERSION });

/** The acknowledgement of the raw request with this id, parsed. */
async function ackOf(
  raw: RawSocket,
  id: number,
): Promise<{ ok: boolean; error?: { code: string; message: string } }> {
  const packet = await raw.next((p) => p.startsWith(`3${id}[`));
  return (JSON.parse(packet.slice(`3${id}`.length)) as [never])[0];
}

/** The next request:error push, parsed. */
async function requestError(
  raw: RawSocket,
): Promise<{ event: string; error: { code: string; message: string } }> {
  const packet = await raw.next((p) => p.startsWith('2["request:error"'));
  return (JSON.parse(packet.slice(1)) as [string, never])[1];
}

/** What the pack's owner sees on resume, without the clock. */
async function packState(socket: TestSocket): Promise<string> {
  const { serverTime: _serverTime, ...rest } = await ok(socket, 'session:resume', {});
  return JSON.stringify(rest);
}

async function connectedSockets(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Number(/^wolfpack_connected_sockets (\d+)$/m.exec(text)?.[1]);
}

function pushCounter(socket: TestSocket): () => number {
  let pushes = 0;
  socket.on('activity:stored', () => (pushes += 1));
  return () => pushes;
}

async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('the condition did not hold in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('a socket that stops reading', () => {
  it('is disconnected once its buffer passes the limit, while the pack keeps getting every push', async () => {
    const own = await testRelay({ messageRate: { perSecond: 10_000, burst: 10_000 } });
    const sockets: TestSocket[] = [];
    try {
      const a = await createPack(own.url, 'Alex');
      const b = await joinPack(own.url, a.inviteCode, 'Sam');
      const [logger, aOther, bOther] = [
        await connect(own.url, a.token),
        await connect(own.url, a.token),
        await connect(own.url, b.token),
      ];
      sockets.push(logger, aOther, bOther);
      const pushesToA = pushCounter(aOther);
      const pushesToB = pushCounter(bOther);
      const stalled = await rawSocket(own.url, auth(b.token));
      stalled.pause();
      const before = await connectedSockets(own.url);
      // About 190 KB of pushes per batch to each socket of the pack. The kernel's buffers take a
      // few megabytes before anything stays in the relay; 60 MB is far past both.
      const note = '[call], {notes}: '.repeat(29);
      let batches = 0;
      while ((await connectedSockets(own.url)) === before && batches < 300) {
        await ok(logger, 'activity:log', {
          events: Array.from({ length: 300 }, () => logEvent('call', { note })),
        });
        batches += 1;
      }
      expect(await connectedSockets(own.url)).toBe(before - 1);
      // Once it reads again it finds the connection closed, well short of what was pushed.
      stalled.resume();
      await stalled.closed;
      expect(stalled.packets.filter((p) => p.startsWith('2["activity:stored"')).length).toBeLessThan(batches);

      const last = logEvent();
      await ok(logger, 'activity:log', { events: [last] });
      await eventually(() => pushesToA() === batches + 1 && pushesToB() === batches + 1);
      // Its client catches up on reconnect, as after any other disconnect.
      const again = await connect(own.url, b.token);
      sockets.push(again);
      expect((await ok(again, 'session:resume', {})).feed.at(-1)?.eventId).toBe(last.id);
    } finally {
      for (const s of sockets) s.close();
      await own.close();
      removeDir(own.dir);
    }
  }, 120_000);
});

describe('a frame nested too deep or holding too many values', () => {
  let attacker: RawSocket;
  let owner: TestSocket;
  let other: TestSocket;

  beforeAll(async () => {
    const pack = await createPack(relay.url, 'Mallory');
    attacker = await rawSocket(relay.url, auth(pack.token));
    owner = await connect(relay.url, pack.token);
    other = await connect(relay.url, (await createPack(relay.url, 'Vic')).token);
  });

  afterAll(() => {
    attacker.close();
    owner.close();
    other.close();
  });

  const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
  const many = (count: number) => `[${Array.from({ length: count }, () => '0').join(',')}]`;

  const tooDeep = `nests more than ${LIMITS.maxMessageDepth} levels deep`;
  const tooMany = `holds more than ${LIMITS.maxMessageElements} values`;

  // The request itself is two levels deep: [name, { events: … }].
  it.each([
    ['nested 120,000 deep', deep(120_000), tooDeep],
    ['nested one level too deep', deep(LIMITS.maxMessageDepth - 1), tooDeep],
    ['holding too many values', many(LIMITS.maxMessageElements), tooMany],
  ])(
    'refuses an activity:log %s with payload_too_large, unread, and changes nothing',
    async (_label, events, reason) => {
      const before = await packState(owner);
      attacker.packets.length = 0;
      attacker.send(`221["activity:log",{"events":${events}}]`);
      const answer = await ackOf(attacker, 21);
      expect(answer).toMatchObject({ ok: false, error: { code: 'payload_too_large' } });
      expect(answer.error?.message).toMatch(/^activity:log was refused unread: /);
      expect(answer.error?.message).toContain(reason);
      // Without an acknowledgement the refusal comes as request:error.
      attacker.send(`2["activity:log",{"events":${events}}]`);
      expect(await requestError(attacker)).toMatchObject({
        event: 'activity:log',
        error: { code: 'payload_too_large' },
      });
      // The connection stays open and the relay answers everyone.
      attacker.send('222["challenge:list",{}]');
      expect(await ackOf(attacker, 22)).toMatchObject({ ok: true });
      expect(await request(other, 'challenge:list', {})).toMatchObject({ ok: true });
      expect(await packState(owner)).toBe(before);
    },
  );

  it('lets a request at the depth limit through to validation', async () => {
    attacker.send(`223["activity:log",{"events":${deep(LIMITS.maxMessageDepth - 2)}}]`);
    expect(await ackOf(attacker, 23)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('closes a connection whose handshake is nested too deep, as it closes an oversized one', async () => {
    let nested: unknown = 'wp_token';
    for (let i = 0; i < 50; i++) nested = [nested];
    await expect(rawSocket(relay.url, { token: nested, protocol: PROTOCOL_VERSION })).rejects.toThrow(
      /closed/,
    );
    expect(await request(other, 'challenge:list', {})).toMatchObject({ ok: true });
  });

  it('passes a full batch of 500 events, every field set, from the client library', async () => {
    const note = 'Müller GmbH: [site visit], {"budget": 3, "when": "Q3"} \\ again, '.repeat(3);
    const events: LogEvent[] = Array.from({ length: LIMITS.eventsPerBatch }, () =>
      logEvent('forward_appointment', { count: 2, meetingDate: '2030-01-14', note }),
    );
    expect(JSON.stringify(events).length).toBeGreaterThan(0.5 * LIMITS.maxMessageBytes);
    const { outcomes } = await ok(owner, 'activity:log', { events });
    expect(outcomes.filter((o) => o.status === 'accepted')).toHaveLength(LIMITS.eventsPerBatch);
  });
});

describe('error replies', () => {
  let pack: Awaited<ReturnType<typeof createPack>>;
  let raw: RawSocket;

  beforeAll(async () => {
    pack = await createPack(relay.url, 'Echo');
    raw = await rawSocket(relay.url, auth(pack.token));
  });

  afterAll(() => raw.close());

  const LIBRARY = /function|=>|callback|prevent|\{\s*$/;

  it.each([
    ['an ack id and no data', '2123', 123, 'a message without an event name'],
    ['a number for a name', '2124[7,{}]', 124, 'a message without an event name'],
    ['a name of another shape', '2126["Pack Delete!",{}]', 126, 'a message without an event name'],
    [
      'a name of the right shape, 5,000 characters long',
      `2127["a:${'b'.repeat(5000)}",{}]`,
      127,
      'a message without an event name',
    ],
    ['an unknown event', '2128["pack:delete",{}]', 128, 'unknown event "pack:delete"'],
  ])('answer %s without quoting it', async (_label, frame, id, message) => {
    raw.send(frame);
    const answer = await ackOf(raw, id);
    expect(answer).toMatchObject({ ok: false, error: { code: 'bad_request', message } });
    expect(answer.error?.message).not.toMatch(LIBRARY);
  });

  it.each([
    ['no name and no data', '2'],
    ['a number for a name', '2[7]'],
    ['a long name', `2["a:${'b'.repeat(5000)}"]`],
  ])('say "a message without an event name" in request:error for %s', async (_label, frame) => {
    raw.packets.length = 0;
    raw.send(frame);
    const push = await requestError(raw);
    expect(push.event).toBe('a message without an event name');
    expect(JSON.stringify(push)).not.toMatch(LIBRARY);
  });

  it('answer a request through its callback however many values come before it', async () => {
    raw.send('2132["challenge:list",{},0]');
    expect((await ackOf(raw, 132)).error).toEqual({
      code: 'bad_request',
      message: 'challenge:list takes one request object and a callback',
    });
    raw.send('2133["challenge:list"]');
    expect(await ackOf(raw, 133)).toMatchObject({ ok: true, challenges: [] });
  });

  it('quote an unknown field only when it looks like a field name', async () => {
    raw.send(`2130["challenge:list",{"x${'y'.repeat(100_000)}":1,"since":2}]`);
    const answer = await ackOf(raw, 130);
    expect(answer.error).toEqual({
      code: 'bad_request',
      message: 'payload: unknown fields "since" and 1 more',
    });
    raw.send('2131["challenge:list",{"since":1}]');
    expect((await ackOf(raw, 131)).error?.message).toBe('payload: unknown field "since"');
  });
});
