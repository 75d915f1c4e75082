/**
 * UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. Client-made ids sort by
 * creation time, which keeps the outbox and the event table in insertion order.
 * Uses Web Crypto, which Node, browsers and Electron all provide.
 */
interface RandomSource {
  getRandomValues(array: Uint8Array): Uint8Array;
}

// core/ is compiled without DOM or Node types; Web Crypto is present in every runtime we target.
const webCrypto = (globalThis as unknown as { crypto: RandomSource }).crypto;

export function uuidv7(nowMs: number = Date.now()): string {
  const bytes = new Uint8Array(16);
  webCrypto.getRandomValues(bytes);
  const ms = BigInt(Math.max(0, Math.floor(nowMs)));
  for (let i = 0; i < 6; i++) {
    bytes[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
  }
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x70;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const UUIDV7_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function uuidv7Time(id: string): number {
  return parseInt(id.replaceAll('-', '').slice(0, 12), 16);
}
