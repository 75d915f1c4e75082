import { createServer, connect, type Socket } from 'node:net';
import { once } from 'node:events';
import { afterEach, expect, it } from 'vitest';
import { corkPerTurn } from './cork.ts';

const open: Socket[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.destroy();
});

it('holds the writes of one piece of synchronous code back and sends them together, in order', async () => {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const accepted = once(server, 'connection') as Promise<[Socket]>;
  const client = connect(address.port, '127.0.0.1');
  open.push(client);
  const [side] = await accepted;
  open.push(side);
  corkPerTurn(side);

  let received = '';
  client.on('data', (chunk: Buffer) => (received += chunk.toString()));
  side.write('standings;');
  side.write('feed;');
  side.write('ack;');
  // Nothing has left yet: the socket is corked until the next tick.
  expect(side.writableCorked).toBe(1);
  await new Promise((resolve) => process.nextTick(resolve));
  expect(side.writableCorked).toBe(0);
  for (let i = 0; i < 50 && received.length < 19; i++) await new Promise((r) => setTimeout(r, 10));
  expect(received).toBe('standings;feed;ack;');

  // Later writes cork again.
  side.write('next;');
  expect(side.writableCorked).toBe(1);
  await new Promise((resolve) => process.nextTick(resolve));
  for (let i = 0; i < 50 && received.length < 24; i++) await new Promise((r) => setTimeout(r, 10));
  expect(received).toBe('standings;feed;ack;next;');
  server.close();
});
