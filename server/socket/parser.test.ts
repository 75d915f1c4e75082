import { Decoder, Encoder, PacketType, type Packet } from 'socket.io-parser';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RefusedFrame, shapeCheckingParser } from './parser.ts';

const LIMIT = { depth: 4, elements: 50 };

function decode(
  frames: (string | Uint8Array)[],
  D: typeof Decoder = shapeCheckingParser(LIMIT).Decoder,
): Packet[] {
  const decoder = new D();
  const packets: Packet[] = [];
  decoder.on('decoded', (packet: Packet) => packets.push(packet));
  for (const frame of frames) decoder.add(frame);
  return packets;
}

const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

afterEach(() => vi.restoreAllMocks());

describe('the shape-checking parser', () => {
  it.each([
    ['a request', '2["challenge:list",{}]'],
    ['a request with an ack id', '217["activity:log",{"events":[{"id":"x"}]}]'],
    ['a request in a namespace', '2/admin,3["x",{}]'],
    ['a handshake', '0{"token":"wp_x","protocol":2}'],
    ['a request at the depth limit', `25["activity:log",{"events":${deep(2)}}]`],
  ])('decodes %s exactly as socket.io-parser does', (_label, frame) => {
    expect(decode([frame])).toEqual(decode([frame], Decoder));
  });

  it('decodes a binary request as socket.io-parser does', () => {
    const [head, ...attachments] = new Encoder().encode({
      type: PacketType.EVENT,
      nsp: '/',
      id: 4,
      data: ['cheer:send', { blob: new Uint8Array([1, 2, 3]) }],
    }) as [string, ...Uint8Array[]];
    expect(decode([head, ...attachments])).toEqual(decode([head, ...attachments], Decoder));
  });

  it('turns a request over the limit into a RefusedFrame with its ack id, never parsing it', () => {
    const parse = vi.spyOn(JSON, 'parse');
    const [packet] = decode([`242["activity:log",{"events":${deep(100_000)}}]`]);
    expect(parse).not.toHaveBeenCalled();
    expect(packet).toEqual({
      type: PacketType.EVENT,
      nsp: '/',
      id: 42,
      data: [new RefusedFrame('activity:log', 'it nests more than 4 levels deep')],
    });
  });

  it.each([
    ['no ack id', `2["activity:log",${deep(9)}]`, undefined, 'activity:log'],
    ['a name of another shape', `27["Activity Log",${deep(9)}]`, 7, null],
    ['no name', `28[1,${deep(9)}]`, 8, null],
    ['too many values', `29["board:list",[${Array(60).fill(0).join(',')}]]`, 9, 'board:list'],
  ])('refuses a request with %s the same way', (_label, frame, id, event) => {
    const [packet] = decode([frame]);
    expect(packet?.id).toBe(id);
    expect(packet?.data).toEqual([expect.objectContaining({ event })]);
  });

  it.each([
    ['a handshake', `0{"token":${deep(10)}}`],
    ['an acknowledgement', `31${deep(10)}`],
    ['a binary request', `51-["activity:log",${deep(10)}]`],
  ])('throws on %s over the limit, which makes Socket.IO close the connection', (_label, frame) => {
    expect(() => decode([frame])).toThrow(/refused unread: it nests more than 4 levels deep/);
  });
});
