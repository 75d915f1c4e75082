import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress } from './client-address.ts';

const request = (peer: string, forwarded?: string | string[]) =>
  ({
    socket: { remoteAddress: peer },
    headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded },
  }) as unknown as IncomingMessage;

describe('the address a client is limited by', () => {
  it('is the connecting address when no proxy is trusted, whatever the header says', () => {
    expect(clientAddress(request('198.51.100.7', '203.0.113.5'), 0)).toBe('198.51.100.7');
  });

  it('is what the outermost trusted proxy saw', () => {
    // Client -> balancer (adds the client) -> nginx (adds the balancer) -> relay.
    const req = request('10.0.0.2', '203.0.113.5, 10.0.0.1');
    expect(clientAddress(req, 1)).toBe('10.0.0.1');
    expect(clientAddress(req, 2)).toBe('203.0.113.5');
  });

  it('never takes what a client wrote into the header itself', () => {
    const spoofed = request('10.0.0.1', '1.2.3.4, 203.0.113.5');
    expect(clientAddress(spoofed, 1)).toBe('203.0.113.5');
    const split = request('10.0.0.1', ['1.2.3.4', '203.0.113.5']);
    expect(clientAddress(split, 1)).toBe('203.0.113.5');
  });

  it('falls back to the furthest address known when the chain is shorter than the trust', () => {
    expect(clientAddress(request('198.51.100.7'), 1)).toBe('198.51.100.7');
    expect(clientAddress(request('10.0.0.1', '203.0.113.5'), 3)).toBe('203.0.113.5');
  });
});
