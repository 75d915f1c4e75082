import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { WolfpackError, isWolfpackError } from '../core/errors.ts';
import { LIMITS, createPackSchema, describeIssue, joinPackSchema } from '../core/protocol.ts';
import type { Member } from '../core/types.ts';
import type { RelayContext } from './context.ts';
import { relayHealth } from './health.ts';
import { exportChallengesCsv, exportEventsCsv } from './history.ts';
import { createPack, joinPack } from './packs.ts';
import type { RateLimiter } from './rate-limit.ts';
import { jsonShapeProblem } from './socket/json-shape.ts';
import { serveWeb } from './static.ts';
import { hashToken } from './tokens.ts';

const STATUS: Partial<Record<WolfpackError['code'], number>> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  invite_invalid: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
};

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

function sendError(res: ServerResponse, error: WolfpackError): void {
  sendJson(res, STATUS[error.code] ?? 500, { error: error.toWire() });
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > LIMITS.maxHttpBodyBytes)
    throw new WolfpackError('payload_too_large', 'the request body is too large');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > LIMITS.maxHttpBodyBytes)
      throw new WolfpackError('payload_too_large', 'the request body is too large');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  // 16 KiB of brackets is 16,000 levels for JSON.parse and zod to walk: refused before either does.
  const shape = jsonShapeProblem(text);
  if (shape) throw new WolfpackError('payload_too_large', `the request body was refused unread: ${shape}`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new WolfpackError('bad_request', 'the request body is not valid JSON');
  }
}

function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new WolfpackError('bad_request', describeIssue(parsed.error));
  return parsed.data;
}

async function bearerMember(ctx: RelayContext, req: IncomingMessage): Promise<Member> {
  const match = /^Bearer (\S{1,200})$/.exec(req.headers.authorization ?? '');
  if (!match?.[1])
    throw new WolfpackError('unauthorized', 'send your member token as "Authorization: Bearer TOKEN"');
  const member = await ctx.storage.read((q) => q.findMemberByTokenHash(hashToken(match[1] ?? '')));
  if (!member) throw new WolfpackError('unauthorized', 'this member token is not valid');
  return member;
}

export type HttpHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * The path a request line names, in the usual form (`/healthz`) or the absolute one
 * (`http://relay/healthz`); null when it names none that parses (`//[`, a port above 65535).
 */
export function requestPath(target: string | undefined): string | null {
  return URL.parse(target ?? '/', 'http://relay')?.pathname ?? null;
}

/**
 * Whatever escapes a handler is answered `internal` and logged. Left to itself it would be an
 * unhandled rejection, and that ends the process: one request would take the relay from everyone.
 */
export function answerFailures(handle: HttpHandler, ctx: Pick<RelayContext, 'log' | 'metrics'>) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    let handling: Promise<void>;
    try {
      handling = handle(req, res);
    } catch (error) {
      handling = Promise.reject(error);
    }
    handling.catch((error: unknown) => {
      ctx.log.error({ err: error, method: req.method, url: req.url?.slice(0, 200) }, 'http request failed');
      ctx.metrics.rejections.inc({ code: 'internal' });
      // Half an answer cannot be finished truthfully: the client sees the connection close.
      if (res.headersSent) res.destroy();
      else sendError(res, new WolfpackError('internal', 'the relay failed; nothing was changed'));
    });
  };
}

/** The relay's HTTP side: health, metrics, pack creation and joining, CSV export. */
export function httpHandler(
  ctx: RelayContext,
  joinLimiter: RateLimiter,
  isReady: () => boolean,
  webRoot: string | null,
  addressOf: (req: IncomingMessage) => string,
) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let route = `${req.method ?? 'GET'} (unparsed)`;
    try {
      const path = requestPath(req.url);
      if (path === null) throw new WolfpackError('bad_request', 'the request line names no valid path');
      route = `${req.method ?? 'GET'} ${path}`;
      switch (route) {
        case 'GET /healthz': {
          const health = await relayHealth(ctx.storage, isReady);
          return sendJson(res, health.status, health.body);
        }
        case 'GET /metrics': {
          const body = await ctx.metrics.registry.metrics();
          res.writeHead(200, { 'content-type': ctx.metrics.registry.contentType });
          res.end(body);
          return;
        }
        case 'POST /api/packs':
        case 'POST /api/join': {
          // Joining is where an invite code could be guessed, so it is limited per address.
          if (!joinLimiter.take(addressOf(req))) {
            throw new WolfpackError('rate_limited', 'too many attempts from your address; wait a minute');
          }
          const body = await readJson(req);
          if (route === 'POST /api/packs')
            return sendJson(res, 201, await createPack(ctx, parse(createPackSchema, body)));
          return sendJson(res, 200, await joinPack(ctx, parse(joinPackSchema, body)));
        }
        case 'GET /api/export/events.csv':
        case 'GET /api/export/challenges.csv': {
          const member = await bearerMember(ctx, req);
          const csv = route.includes('events')
            ? await exportEventsCsv(ctx, member)
            : await exportChallengesCsv(ctx, member);
          const file = route.includes('events') ? 'wolfpack-events.csv' : 'wolfpack-challenges.csv';
          res.writeHead(200, {
            'content-type': 'text/csv; charset=utf-8',
            'content-disposition': `attachment; filename="${file}"`,
          });
          res.end(csv);
          return;
        }
        default:
          if (!path.startsWith('/api/') && (await serveWeb(webRoot, req, res, path))) return;
          throw new WolfpackError('not_found', `no such endpoint: ${route}`);
      }
    } catch (error) {
      if (isWolfpackError(error)) {
        ctx.metrics.rejections.inc({ code: error.code });
        return sendError(res, error);
      }
      ctx.log.error({ err: error, route }, 'http request failed');
      sendError(res, new WolfpackError('internal', 'the relay failed; nothing was changed'));
    }
  };
}
