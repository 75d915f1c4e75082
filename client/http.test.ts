import { describe, expect, it } from 'vitest';
import { joinPack, normalizeRelayUrl } from './http.ts';

describe('normalizeRelayUrl', () => {
  it.each([
    ['http://127.0.0.1:7420', 'http://127.0.0.1:7420'],
    ['http://127.0.0.1:7420/', 'http://127.0.0.1:7420'],
    ['relay.example.com:7420', 'http://relay.example.com:7420'],
    ['https://relay.example.com/wolfpack/', 'https://relay.example.com/wolfpack'],
    ['ftp://relay.example.com', null],
    ['http://relay?x=1', null],
    ['http://', null],
  ])('%s -> %s', (input, expected) => {
    expect(normalizeRelayUrl(input)).toBe(expected);
  });
});

function answering(status: number, body: unknown): typeof fetch {
  return async () =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

describe('joinPack errors', () => {
  const request = { inviteCode: 'ABCD', displayName: 'Sam' };

  it('says the relay cannot be reached when the connection fails', async () => {
    const refused: typeof fetch = async () => {
      throw new TypeError('fetch failed');
    };
    await expect(joinPack('http://127.0.0.1:9', request, { fetch: refused })).rejects.toMatchObject({
      code: 'unreachable',
      message: 'cannot reach the relay at http://127.0.0.1:9',
    });
  });

  it('turns a refused invite into words a person can act on', async () => {
    const fetchFn = answering(404, { error: { code: 'invite_invalid', message: 'unknown invite code' } });
    await expect(joinPack('http://relay', request, { fetch: fetchFn })).rejects.toMatchObject({
      code: 'invite_invalid',
      message: expect.stringMatching(/^that invite code is not valid/),
    });
  });

  it('passes the relay message through for other refusals', async () => {
    const fetchFn = answering(400, {
      error: { code: 'bad_request', message: 'displayName: must not be empty' },
    });
    await expect(joinPack('http://relay', request, { fetch: fetchFn })).rejects.toMatchObject({
      code: 'bad_request',
      message: 'displayName: must not be empty',
    });
  });

  it('notices a server that is not a Wolfpack relay', async () => {
    const html: typeof fetch = async () => new Response('<html>', { status: 200 });
    await expect(joinPack('http://example', request, { fetch: html })).rejects.toThrow(
      /is it a Wolfpack relay/,
    );
  });
});
