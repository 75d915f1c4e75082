/**
 * Every rejection the relay makes carries one of these codes and a readable message.
 * Clients branch on the code; people read the message.
 */
export const ERROR_CODES = [
  'bad_request', // the payload failed validation (wrong type, missing field, too long)
  'unauthorized', // missing, malformed or unknown member token
  'forbidden', // the member may not do this (not the owner, not their event)
  'not_found', // no such pack, member, challenge or event in the caller's pack
  'invite_invalid', // unknown or rotated invite code
  'unknown_metric', // the pack has no metric with this id
  'unknown_member', // a named member is not in the caller's pack
  'rate_limited', // too many messages in a short time
  'payload_too_large', // the message is larger than the relay accepts
  'protocol_mismatch', // the client speaks another protocol version
  'conflict', // the state changed underneath (already ended, already retracted, name taken)
  'undo_too_late', // the retracted event counts in a challenge whose result is frozen
  // Another member's event already has this id: a different event, not a resend. The client sends
  // its event again under a fresh id; it must never drop it (the id may have been taken on purpose).
  'id_taken',
  'challenge_ended', // the challenge has ended or was cancelled
  'internal', // the relay failed; nothing was changed
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface WireError {
  code: ErrorCode;
  message: string;
}

export class WolfpackError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'WolfpackError';
    this.code = code;
  }
  toWire(): WireError {
    return { code: this.code, message: this.message };
  }
}

export function isWolfpackError(value: unknown): value is WolfpackError {
  return value instanceof WolfpackError;
}
