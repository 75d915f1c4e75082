import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { pipeline } from 'node:stream';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};

/** The web app talks only to this relay: its own origin, over HTTP and the websocket. */
export const WEB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self' ws: wss:",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Wolfpack relay</title></head>
<body><h1>Wolfpack relay</h1><p>The relay is running. The web app is not built in this checkout:
run <code>npm run build:web</code> and reload.</p></body></html>`;

/**
 * Serves the built web app (and the floor board, one of its routes). Any path without a file
 * extension is a route of the app and gets index.html; nothing outside the root is reachable.
 */
export async function serveWeb(
  root: string | null,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<boolean> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const headers = {
    'content-security-policy': WEB_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return false;
  }
  // normalize() of an absolute path stops at the root, so '..' cannot climb out of it.
  const relative = normalize(`/${decoded}`).replace(/^([/\\])+/, '');
  if (relative.split(sep).includes('..')) return false;
  const isRoute = extname(relative) === '';
  if (root === null) {
    if (!isRoute) return false;
    res.writeHead(200, { ...headers, 'content-type': TYPES['.html'] });
    res.end(NOT_BUILT);
    return true;
  }
  const file = join(root, isRoute ? 'index.html' : relative);
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    if (!isRoute) return false;
    res.writeHead(200, { ...headers, 'content-type': TYPES['.html'] });
    res.end(NOT_BUILT);
    return true;
  }
  // Hashed asset names never change content; the page itself must be fetched fresh.
  const cache = relative.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
  res.writeHead(200, {
    ...headers,
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'content-length': info.size,
    'cache-control': cache,
  });
  if (req.method === 'HEAD') {
    res.end();
    return true;
  }
  // pipe() would leave a read error (a file gone or unreadable since stat) unhandled, and that
  // ends the process; the headers are out, so the client can only see the connection close.
  pipeline(createReadStream(file), res, () => undefined);
  return true;
}
