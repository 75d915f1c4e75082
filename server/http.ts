import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { WolfpackError, isWolfpackError } from '../core/errors.ts';
import { LIMITS, createPackSchema, describeIssue, joinPackSchema } from '../core/protocol.ts';
import type { Member } from '../core/types.ts';
import type { RelayContext } from './context.ts';
import { exportChallengesCsv, exportEventsCsv } from './history.ts';
import { createPack, joinPack } from './packs.ts';
import type { RateLimiter } from './rate-limit.ts';
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
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
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

/** The relay's HTTP side: health, metrics, pack creation and joining, CSV export. */
export function httpHandler(
  ctx: RelayContext,
  joinLimiter: RateLimiter,
  isReady: () => boolean,
  webRoot: string | null,
  addressOf: (req: IncomingMessage) => string,
) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://relay');
    const route = `${req.method ?? 'GET'} ${url.pathname}`;
    try {
      switch (route) {
        case 'GET /healthz':
          return sendJson(res, isReady() ? 200 : 503, { ok: isReady() });
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
          if (!url.pathname.startsWith('/api/') && (await serveWeb(webRoot, req, res, url.pathname))) return;
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
