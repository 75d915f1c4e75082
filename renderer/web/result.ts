import type { ApiResult } from '../../core/app-api.ts';
import { isWolfpackError } from '../../core/errors.ts';
import type { ErrorCode } from '../../core/errors.ts';
import { isRelayError } from '../../client/relay-error.ts';

type Failure = { ok: false; error: { code: ErrorCode; message: string } };

export function refusal(code: ErrorCode, message: string): Failure {
  return { ok: false, error: { code, message } };
}

/** Any failure becomes the readable error a screen shows next to what caused it. */
export async function asResult<T extends object>(call: () => Promise<T>): Promise<ApiResult<T>> {
  try {
    return { ok: true, ...(await call()) };
  } catch (error) {
    if (isWolfpackError(error)) return { ok: false, error: error.toWire() };
    if (isRelayError(error)) {
      // The network's own codes are not relay codes; the message says what happened.
      const network = error.code === 'unreachable' || error.code === 'offline' || error.code === 'timeout';
      return refusal(network ? 'internal' : (error.code as ErrorCode), error.message);
    }
    return refusal('internal', error instanceof Error ? error.message : String(error));
  }
}
