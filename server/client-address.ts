import type { IncomingMessage } from 'node:http';

/**
 * The address that limits per client key on. Without trusted proxies, the TCP peer. Behind
 * `trustedProxies` proxies of your own, each of which appends the address it saw to
 * X-Forwarded-For, the address that the outermost of them saw: counted from the right, so that
 * whatever a client wrote into the header itself is never taken for its address.
 */
export function clientAddress(req: IncomingMessage, trustedProxies: number): string {
  const peer = req.socket.remoteAddress ?? 'unknown';
  if (trustedProxies <= 0) return peer;
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((hop) => hop.trim())
    .filter((hop) => hop.length > 0);
  // Nearest last: [..., what the outermost proxy saw, ..., what the nearest proxy saw, peer].
  const chain = [...forwarded, peer];
  return chain[Math.max(0, chain.length - 1 - trustedProxies)] ?? peer;
}
