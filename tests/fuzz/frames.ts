import fc from 'fast-check';
import { requestSchemas } from '../../core/protocol.ts';
import { hostileValue } from './hostile.ts';
import { VALID } from './templates.ts';
import { materialize, type Resolve } from './spec.ts';

/**
 * Frames that no Socket.IO encoder would write: engine.io's type first ("4" is a message), then
 * Socket.IO's packet type, attachment count, namespace, ack id and JSON, each of them broken.
 */
export const KNOWN_FRAMES = [
  '42123',
  '4212',
  '421',
  '42[',
  '42',
  '4',
  '43',
  '431[{"ok":true}]',
  '4-1',
  '42["session:resume"',
  '42999999999999999999999["challenge:list",{}]',
  '429007199254740993["challenge:list",{}]',
  '42-1["challenge:list",{}]',
  '451-["activity:log",{"_placeholder":true,"num":0}]',
  '4599999999-["activity:log",{"_placeholder":true,"num":0}]',
  '451-["activity:log",{"_placeholder":true,"num":7}]',
  '451-["activity:log",{"_placeholder":"x","num":"__proto__"}]',
  '45-["x"]',
  '4[]',
  '40',
  '41',
  '44{"message":"x"}',
  '46',
  '47',
  '4x',
  '42{"a":1}',
  '42"str"',
  '42[1]',
  '421[1]',
  '42[null]',
  '42[{}]',
  '42[[]]',
  '42["__proto__"]',
  '421["__proto__",{}]',
  '42["constructor",{}]',
  '421["hasOwnProperty"]',
  '421["toString",{}]',
  '42["connect"]',
  '42["disconnecting"]',
  '42["request:error",{"event":"x","error":{"code":"internal","message":"x"}}]',
  '42/admin,["x"]',
  '42/,1["challenge:list",{}]',
  '2probe',
  '5',
  '6',
  '3',
  '',
  '42["session:resume",{}]',
  '421["session:resume",{},1]',
  '421["session:resume",1,{}]',
];

/** Binary packets: the header frame, then its attachment. Socket.IO puts each attachment back by assigning it. */
const BYTES = new Uint8Array([0, 1, 2, 0xff]);
export const KNOWN_BINARY_FRAMES: readonly [string, Uint8Array][] = [
  ['451-["session:resume",{"__proto__":{"_placeholder":true,"num":0}}]', BYTES],
  ['451-1["session:resume",{"__proto__":{"_placeholder":true,"num":0}}]', BYTES],
  ['451-1["activity:log",{"events":{"_placeholder":true,"num":0}}]', BYTES],
  ['451-1["activity:log",{"_placeholder":true,"num":0}]', BYTES],
  ['451-1["activity:log",{"_placeholder":true,"num":-1}]', BYTES],
  ['451-1["activity:log",{"_placeholder":true,"num":"0"}]', BYTES],
  ['451-1["constructor",{"_placeholder":true,"num":0}]', BYTES],
  ['451-1[{"_placeholder":true,"num":0}]', BYTES],
  ['452-1["activity:log",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]', BYTES],
  ['461-1[{"ok":true},{"_placeholder":true,"num":0}]', BYTES],
  ['42["session:resume",{}]', BYTES],
];

const NAMES = Object.keys(requestSchemas);

/** A frame to write: `head` then `body`, cut after `cut` characters, then `binary` if any. */
export interface FrameSpec {
  head: string;
  body: unknown;
  cut: number | null;
  binary: Uint8Array | null;
}

/** Deep nesting written as text, deeper than any client library would agree to encode. */
class DeepText {
  readonly depth: number;
  constructor(depth: number) {
    this.depth = depth;
  }
  [fc.toStringMethod](): string {
    return `deepText(${this.depth})`;
  }
}

/** JSON text as it is, for packets whose body is not an array. */
class RawText {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
  [fc.toStringMethod](): string {
    return `raw(${JSON.stringify(this.text)})`;
  }
}

const eventName = fc.oneof(
  fc.constantFrom(
    ...NAMES,
    'request:error',
    'connect',
    'disconnect',
    'error',
    'newListener',
    '__proto__',
    'toString',
  ),
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.constant(null),
);

const body = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(eventName, hostileValue) },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom(...NAMES)
      .chain((name) => fc.constant([name, ...(VALID[name as keyof typeof VALID].slice(0, 1) as unknown[])])),
  },
  { weight: 1, arbitrary: fc.json({ maxDepth: 3 }).map((text) => new RawText(text)) },
  { weight: 1, arbitrary: fc.integer({ min: 1000, max: 120_000 }).map((depth) => new DeepText(depth)) },
);

const head = fc
  .tuple(
    fc.constantFrom('4', '4', '4', '4', '4', '0', '1', '2', '3', '6', 'x'),
    fc.constantFrom('2', '2', '2', '5', '3', '0', '1', '4', '6', '9', ''),
    fc.option(fc.nat({ max: 12 }).map((n) => `${n}-`)),
    fc.option(fc.constantFrom('/', '/admin', '/x,y', '/%00')),
    fc.option(
      fc.oneof(fc.nat().map(String), fc.constantFrom('99999999999999999999', '1e3', '-1', '0x10', '1.5')),
    ),
  )
  .map(([engine, type, attachments, namespace, id]) =>
    [engine, type, attachments ?? '', namespace ? `${namespace},` : '', id ?? ''].join(''),
  );

export const frameSpec: fc.Arbitrary<FrameSpec> = fc.record({
  head,
  body,
  cut: fc.option(fc.nat({ max: 200 }), { freq: 4 }),
  binary: fc.option(fc.uint8Array({ maxLength: 64 }), { freq: 3 }),
});

/** The frame's text, with refs of the fixture filled in. */
export function frameText(spec: FrameSpec, resolve: Resolve): string {
  let bodyText: string;
  if (spec.body instanceof DeepText) {
    bodyText = `["activity:log",${'['.repeat(spec.body.depth)}${']'.repeat(spec.body.depth)}]`;
  } else if (spec.body instanceof RawText) {
    bodyText = spec.body.text;
  } else {
    bodyText = JSON.stringify(materialize(spec.body, resolve)) ?? '';
  }
  const text = spec.head + bodyText;
  return spec.cut === null ? text : text.slice(0, spec.cut);
}
