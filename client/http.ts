import { ERROR_CODES } from '../core/errors.ts';
import type { ErrorCode } from '../core/errors.ts';
import type { z } from 'zod';
import type { JoinResponse, createPackSchema, joinPackSchema } from '../core/protocol.ts';
import { RelayError } from './relay-error.ts';

/** Creating and joining a pack happen over HTTP: there is no member token for a socket yet. */
export type CreatePackRequest = z.input<typeof createPackSchema>;
export type JoinPackRequest = z.input<typeof joinPackSchema>;

export interface HttpOptions {
  fetch?: typeof globalThis.fetch;
  timeoutMs?: number;
}

/** 'http://host:7420/' and 'host:7420' both mean http://host:7420; anything else is refused. */
export function normalizeRelayUrl(input: string): string | null {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(input) ? input : `http://${input}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.search || url.hash) return null;
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}

export function createPack(
  relayUrl: string,
  body: CreatePackRequest,
  options?: HttpOptions,
): Promise<JoinResponse> {
  return post(relayUrl, '/api/packs', body, options);
}

export function joinPack(
  relayUrl: string,
  body: JoinPackRequest,
  options?: HttpOptions,
): Promise<JoinResponse> {
  return post(relayUrl, '/api/join', body, options);
}

/** Readable words for the codes a person can do something about; the relay's message otherwise. */
function messageFor(code: ErrorCode, relayMessage: string): string {
  switch (code) {
    case 'invite_invalid':
      return 'that invite code is not valid (ask the pack owner for the current one)';
    case 'rate_limited':
      return 'the relay is refusing too many attempts from this address; wait a minute and try again';
    default:
      return relayMessage;
  }
}

async function post<T>(relayUrl: string, path: string, body: unknown, options: HttpOptions = {}): Promise<T> {
  const fetchFn = options.fetch ?? globalThis.fetch;
  let response: Response;
  try {
    response = await fetchFn(`${relayUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
  } catch {
    throw new RelayError('unreachable', `cannot reach the relay at ${relayUrl}`);
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new RelayError(
      'internal',
      `${relayUrl} answered ${response.status} without JSON; is it a Wolfpack relay?`,
    );
  }
  if (response.ok) return json as T;
  const error = (json as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  const code = ERROR_CODES.find((c) => c === error?.code) ?? 'internal';
  const message =
    typeof error?.message === 'string' ? error.message : `the relay answered ${response.status}`;
  throw new RelayError(code, messageFor(code, message));
}
