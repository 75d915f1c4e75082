import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { gateJoins, type SharedTake } from './fanout-limits.ts';
import { answerFailures, requestPath, type HttpHandler } from './http.ts';
import { createRelayMetrics } from './metrics.ts';

const servers: ReturnType<typeof createServer>[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function serve(listener: (req: IncomingMessage, res: ServerResponse) => void): Promise<number> {
  const server = createServer(listener);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** One request with the request line's target exactly as given (Node sends `path` unchanged). */
function send(port: number, method: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('requestPath', () => {
  it.each([
    ['/healthz', '/healthz'],
    ['/api/join?x=1', '/api/join'],
    ['http://relay:7420/api/join', '/api/join'],
    ['/api/./join', '/api/join'],
    ['/x/../api/packs', '/api/packs'],
    ['//[', null],
    ['http://[::1', null],
    ['//a:99999/', null],
    ['http://relay:70000/', null],
  ])('%s is %s', (target, path) => {
    expect(requestPath(target)).toBe(path);
  });
});

describe('answerFailures', () => {
  function logged() {
    const lines: { msg: string; url?: string }[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()) as { msg: string });
        done();
      },
    });
    return { log: pino({}, stream), lines };
  }

  it.each([
    [
      'throws',
      (() => {
        throw new Error('a bug');
      }) as HttpHandler,
    ],
    [
      'rejects',
      (async () => {
        throw new Error('a bug');
      }) as HttpHandler,
    ],
  ])('answers `internal` and logs when a handler %s', async (_how, handler) => {
    const { log, lines } = logged();
    const metrics = createRelayMetrics();
    const port = await serve(answerFailures(handler, { log, metrics }));
    const answer = await send(port, 'GET', '/anything');
    expect(answer.status).toBe(500);
    expect(JSON.parse(answer.body)).toEqual({
      error: { code: 'internal', message: 'the relay failed; nothing was changed' },
    });
    expect(lines).toEqual([expect.objectContaining({ msg: 'http request failed', url: '/anything' })]);
    expect(await metrics.registry.getSingleMetricAsString('wolfpack_rejections_total')).toContain(
      'wolfpack_rejections_total{code="internal"} 1',
    );
  });

  it('closes the connection when the failure comes after the answer began', async () => {
    const { log } = logged();
    const port = await serve(
      answerFailures(
        async (_req, res) => {
          res.writeHead(200, { 'content-length': 100 });
          res.write('part of it');
          throw new Error('a bug half-way');
        },
        { log, metrics: createRelayMetrics() },
      ),
    );
    await expect(send(port, 'GET', '/')).rejects.toThrow();
  });
});

describe('gateJoins', () => {
  // A shared bucket that is empty: every join from this address is over the limit of all nodes.
  const empty: SharedTake = async () => 0;

  it.each([['/api/join'], ['/api/packs'], ['http://relay/api/join'], ['/api/./join'], ['/x/../api/packs']])(
    'POST %s takes from the shared bucket like the route it reaches',
    async (path) => {
      let handled = 0;
      const handle: HttpHandler = async (_req, res) => {
        handled += 1;
        res.end('handled');
      };
      const gate = gateJoins(
        handle,
        empty,
        { perSecond: 1, burst: 1 },
        () => undefined,
        () => 'a',
      );
      const port = await serve((req, res) => void gate(req, res));
      const answer = await send(port, 'POST', path);
      expect(answer.status).toBe(429);
      expect(handled).toBe(0);
    },
  );
});
