import type { ApiResult } from '../../core/app-api.ts';
import { isWolfpackError, type ErrorCode } from '../../core/errors.ts';
import { isRelayError } from '../../client/relay-error.ts';

/** Runs a relay call and turns any failure into the readable error the window shows next to the form. */
export async function asResult<T extends object>(call: () => Promise<T>): Promise<ApiResult<T>> {
  try {
    return { ok: true, ...(await call()) };
  } catch (error) {
    return failure(error);
  }
}

export function failure(error: unknown): { ok: false; error: { code: ErrorCode; message: string } } {
  if (isWolfpackError(error)) return { ok: false, error: error.toWire() };
  if (isRelayError(error)) {
    // 'unreachable', 'offline' and 'timeout' are the client's own codes; the window treats them alike.
    const code: ErrorCode =
      error.code === 'unreachable' || error.code === 'offline' || error.code === 'timeout'
        ? 'internal'
        : error.code;
    return { ok: false, error: { code, message: error.message } };
  }
  return {
    ok: false,
    error: { code: 'internal', message: error instanceof Error ? error.message : String(error) },
  };
}

export function refusal(
  code: ErrorCode,
  message: string,
): { ok: false; error: { code: ErrorCode; message: string } } {
  return { ok: false, error: { code, message } };
}
