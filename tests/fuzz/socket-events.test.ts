import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { requestSchemas, type RequestName } from '../../core/protocol.ts';
import { removeDir, testRelay, type TestRelay } from '../helpers/relay.ts';
import { ackProblem, preview, requestErrorProblem } from './answers.ts';
import { fuzzParams, fuzzTimeout } from './config.ts';
import { closeAllowed } from './contract.ts';
import { FuzzPacks } from './fixture.ts';
import { sweepExamples, payloadFor } from './payloads.ts';
import { READ_ONLY, VALID } from './templates.ts';
import { exchange } from './probe.ts';
import { materialize } from './spec.ts';
import { Tally } from './stats.ts';
import { Watch, type Outcome } from './watch.ts';

/**
 * Issue 11: every socket request, with random and mutated payloads, from the owner of one pack.
 * The relay must answer each through its acknowledgement, with ok or a typed error that shows
 * nothing of its insides and is never `internal`, and a refusal must change nothing.
 */
const NAMES = Object.keys(requestSchemas) as RequestName[];
// Far above any answer on a loaded machine; it is only waited out when no answer comes.
const ANSWER_MS = 5000;
// The clock stands still, so that no challenge starts or ends while the fuzzer compares states.
const NOW = Date.now();
const UNLIMITED = { perSecond: 1e9, burst: 1e9 };

let relay: TestRelay;
let packs: FuzzPacks;
let watch: Watch;

beforeAll(async () => {
  relay = await testRelay({ clock: () => NOW, messageRate: UNLIMITED, joinRate: UNLIMITED, webRoot: null });
  packs = await FuzzPacks.create(relay.url, NOW);
  watch = await Watch.start(packs);
});

const tally = new Tally('socket requests: answers by event and code');

afterAll(async () => {
  tally.print();
  packs?.close();
  await relay?.close();
  if (relay) removeDir(relay.dir);
});

async function sendChecked(name: string, args: unknown[]): Promise<Outcome> {
  const sent = preview([name, ...args], 1_000_000);
  const reply = await exchange(packs.attacker.socket, name, args, ANSWER_MS);
  // Not the relay's to answer: the client library could not put it on the wire.
  fc.pre(reply.unsendable === null);
  const problems = reply.requestErrors.map((push) => requestErrorProblem(push, sent));
  const code = !reply.answered
    ? (reply.disconnected ?? 'none')
    : ((reply.ack as { error?: { code?: string } }).error?.code ?? 'ok');
  tally.count(`${name} ${code}`);
  if (reply.answered) {
    problems.push(ackProblem(reply.ack, sent));
  } else if (!reply.disconnected) {
    problems.push(`no acknowledgement within ${ANSWER_MS} ms`);
  } else if (!closeAllowed(name, args)) {
    problems.push(`the relay closed the connection (${reply.disconnected}) instead of answering`);
  }
  const acked = reply.answered && (reply.ack as { ok?: unknown } | undefined)?.ok === true;
  return { problems, mayChange: acked && !READ_ONLY.has(name as RequestName) };
}

describe('every socket request with random and mutated payloads', () => {
  it.each(NAMES)(
    '%s',
    async (name) => {
      const examples = sweepExamples(name);
      const params = fuzzParams<[unknown]>(25);
      await fc.assert(
        fc.asyncProperty(payloadFor(name), async (spec) => {
          const payload = materialize(spec, packs.resolve);
          await watch.around(preview([name, payload]), () => sendChecked(name, [payload]));
        }),
        {
          ...params,
          numRuns: (params.numRuns ?? 0) + examples.length,
          examples: examples.map((e): [unknown] => [e]),
        },
      );
    },
    fuzzTimeout(),
  );
});

/**
 * However many arguments come before the callback, a request with one gets its answer there:
 * a client waiting on its acknowledgement cannot see a request:error.
 */
const shapes = fc.constantFrom<readonly ['ack-only' | 'null' | 'extra' | 'two-extra', unknown[]]>(
  ['ack-only', []],
  ['null', [null]],
  ['extra', [{}, 0]],
  ['two-extra', [{}, 'x', {}]],
);

it(
  'a request with its callback after any number of arguments is answered through it',
  async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...NAMES), shapes, async (name, [, before]) => {
        const args = before.map((arg, i) => (i === 0 && arg !== null ? (VALID[name][0] ?? arg) : arg));
        const payload = args.map((arg) => materialize(arg, packs.resolve));
        await watch.around(preview([name, ...payload]), () => sendChecked(name, payload));
      }),
      fuzzParams(40),
    );
  },
  fuzzTimeout(),
);
