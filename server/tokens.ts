import { createHash, randomBytes, randomInt } from 'node:crypto';

/** Member tokens are bearer secrets; the relay stores only their SHA-256. */
export function newMemberToken(): string {
  return `wp_${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

// No 0/O, 1/I/L: codes are read aloud and typed from a chat message.
const INVITE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** Twelve characters from 31 symbols: about 59 bits, far beyond guessing at the join rate limit. */
export function newInviteCode(): string {
  const chars = Array.from({ length: 12 }, () => INVITE_ALPHABET[randomInt(INVITE_ALPHABET.length)]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}-${chars.slice(8).join('')}`;
}

/** Accepts the code as people type it: any case, with or without dashes and spaces. */
export function normalizeInviteCode(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]/g, '');
  if (compact.length !== 12 || [...compact].some((c) => !INVITE_ALPHABET.includes(c))) return null;
  return `${compact.slice(0, 4)}-${compact.slice(4, 8)}-${compact.slice(8)}`;
}
