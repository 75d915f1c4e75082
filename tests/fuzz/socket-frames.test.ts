import fc from 'fast-check';
import { afterAll, beforeAll, it } from 'vitest';
import { removeDir, testRelay, type TestRelay } from '../helpers/relay.ts';
import { ackProblem, preview, requestErrorProblem } from './answers.ts';
import { fuzzParams, fuzzTimeout } from './config.ts';
import { FuzzPacks } from './fixture.ts';
import { KNOWN_BINARY_FRAMES, KNOWN_FRAMES, frameSpec, frameText, type FrameSpec } from './frames.ts';
import { RawIo, type Received } from './raw-io.ts';
import { Watch, type Outcome } from './watch.ts';

/**
 * Issue 11: Socket.IO frames written by hand, as only a hostile client would. The relay may close
 * the connection, but it stays up, and whatever it answers (request:error, an acknowledgement) is
 * a typed error that shows nothing of the relay's or Socket.IO's insides.
 */
const NOW = Date.now();
const UNLIMITED = { perSecond: 1e9, burst: 1e9 };
// Far above any answer on a loaded machine; it is only waited out when no answer comes.
const ANSWER_MS = 5000;
/** A request behind each frame: once it is answered, everything the frame caused has arrived. */
const SENTINEL_ID = '7777777';
const SENTINEL = `42${SENTINEL_ID}["challenge:list",{}]`;

let relay: TestRelay;
let packs: FuzzPacks;
let watch: Watch;
let raw: RawIo | null = null;

beforeAll(async () => {
  relay = await testRelay({ clock: () => NOW, messageRate: UNLIMITED, joinRate: UNLIMITED, webRoot: null });
  packs = await FuzzPacks.create(relay.url, NOW);
  watch = await Watch.start(packs);
});

afterAll(async () => {
  raw?.close();
  packs?.close();
  await relay?.close();
  if (relay) removeDir(relay.dir);
});

const isSentinel = (p: Received) => p.type === '3' && p.id === SENTINEL_ID;

function problemsOf(packet: Received, sent: string): string | null {
  if (packet.type === '2' && Array.isArray(packet.data) && packet.data[0] === 'request:error') {
    return requestErrorProblem(packet.data[1], sent);
  }
  if (packet.type === '3' && !isSentinel(packet)) {
    return Array.isArray(packet.data) ? ackProblem(packet.data[0], sent) : `a malformed ack: ${packet.raw}`;
  }
  return null;
}

async function sendFrame(text: string, binary: Uint8Array | null): Promise<Outcome> {
  if (!raw || raw.closed) raw = await RawIo.open(relay.url, packs.attacker.token);
  const io = raw;
  io.received.length = 0;
  io.send(text);
  if (binary) io.send(binary);
  // A well-formed DISCONNECT leaves the namespace, as the client asked: nothing answers after it.
  const leaves = /^41(\/,)?\d*$/.test(text);
  if (!leaves) io.send(SENTINEL);
  const waited = leaves ? await io.until(() => false, 50) : await io.until(isSentinel, ANSWER_MS);
  if (leaves) io.close();
  const problems = io.received.map((packet) => problemsOf(packet, text));
  if (waited === 'timeout' && !leaves) {
    problems.push(
      `the relay neither answered the next request nor closed the connection within ${ANSWER_MS} ms`,
    );
  }
  const acked = io.received.some(
    (p) => p.type === '3' && !isSentinel(p) && /^\[\{"ok":true/.test(p.raw.slice(1 + p.id.length)),
  );
  return { problems, mayChange: acked };
}

async function check(spec: FrameSpec | { text: string; binary: Uint8Array | null }): Promise<void> {
  const text = 'text' in spec ? spec.text : frameText(spec, packs.resolve);
  const { binary } = spec;
  await watch.around(`frame ${preview(text)}${binary ? ` then ${binary.length} binary bytes` : ''}`, () =>
    sendFrame(text, binary),
  );
}

// Tables, not properties: each of these is a separate finding when it fails.
it.each(KNOWN_FRAMES.map((frame) => [JSON.stringify(frame), frame]))(
  'frame %s gets a typed answer or a closed connection, and the relay stays up',
  async (_, frame) => {
    await check({ text: frame, binary: null });
  },
);

it.each(KNOWN_BINARY_FRAMES.map(([text, binary]) => [JSON.stringify(text), text, binary]))(
  'binary frame %s and its attachment get a typed answer or a closed connection',
  async (_, text, binary) => {
    await check({ text, binary });
  },
);

it(
  'generated frames get a typed answer or a closed connection, and the relay stays up',
  async () => {
    await fc.assert(
      fc.asyncProperty(frameSpec, (spec) => check(spec)),
      fuzzParams(300),
    );
  },
  fuzzTimeout(),
);
