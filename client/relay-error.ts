import type { ErrorCode } from '../core/errors.ts';

/**
 * Why talking to the relay failed: a code from the relay (core/errors.ts), or one of ours for
 * the network: 'unreachable' (no connection), 'offline' (not connected right now), 'timeout'.
 */
export type RelayErrorCode = ErrorCode | 'unreachable' | 'offline' | 'timeout';

export class RelayError extends Error {
  readonly code: RelayErrorCode;
  constructor(code: RelayErrorCode, message: string) {
    super(message);
    this.name = 'RelayError';
    this.code = code;
  }
}

export function isRelayError(value: unknown): value is RelayError {
  return value instanceof RelayError;
}

/** Network trouble passes; the relay saying no does not. */
export function isTransient(code: RelayErrorCode): boolean {
  return (
    code === 'unreachable' ||
    code === 'offline' ||
    code === 'timeout' ||
    code === 'rate_limited' ||
    code === 'internal'
  );
}
