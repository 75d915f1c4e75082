import { readFile } from 'node:fs/promises';
import { protocol, type Session } from 'electron';
import { APP_SCHEME } from '../../ipc-contract.ts';
import { CONTENT_SECURITY_POLICY, resolveAppRequest } from './app-protocol-routes.ts';

/** Must run before the app is ready: Chromium fixes its scheme list at start. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    // standard: real origins and relative URLs; secure: treated like https (no mixed content).
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true } },
  ]);
}

/** Serves the built renderer folder on app://wolfpack/ with our CSP on every response. */
export function serveAppScheme(session: Session, rendererDir: string): void {
  session.protocol.handle(APP_SCHEME, async (request) => {
    const target = request.method === 'GET' ? resolveAppRequest(request.url, rendererDir) : null;
    if (!target) return new Response('not found', { status: 404 });
    try {
      const body = await readFile(target.file);
      return new Response(body, {
        headers: {
          'content-type': target.contentType,
          'content-security-policy': CONTENT_SECURITY_POLICY,
          'x-content-type-options': 'nosniff',
        },
      });
    } catch {
      return new Response('not found', { status: 404 });
    }
  });
}
