import { describe, expect, it } from 'vitest';
import { INVOKE_CHANNELS, PUSH_CHANNELS, TRUSTED, isTrustedSender, pageUrl } from './ipc-contract.ts';

describe('isTrustedSender', () => {
  it.each([
    ['app://wolfpack/index.html', true],
    ['app://wolfpack/quick-entry.html', true],
    ['app://wolfpack/index.html#/history/abc', true],
    ['app://wolfpack/index.html?x=1', true],
    // Not our page at our origin.
    ['app://wolfpack/', false],
    ['app://wolfpack/other.html', false],
    ['app://wolfpack/sub/index.html', false],
    // Chromium reports a standard scheme's host in lower case; anything else is not ours.
    ['app://WOLFPACK/index.html', false],
    // Look-alike origins.
    ['app://wolfpack.evil/index.html', false],
    ['app://wolfpack@evil/index.html', false],
    ['app://evil@wolfpack/index.html', false],
    ['app://wolfpack:8080/index.html', false],
    ['app://wolfpackx/index.html', false],
    // Other schemes: a navigated or injected frame.
    ['file:///tmp/index.html', false],
    ['http://wolfpack/index.html', false],
    ['https://example.com/index.html', false],
    ['about:blank', false],
    ['devtools://devtools/index.html', false],
    ['', false],
    ['not a url', false],
  ])('%s -> %s', (url, expected) => {
    expect(isTrustedSender(url, TRUSTED)).toBe(expected);
  });

  it('refuses a missing url', () => {
    expect(isTrustedSender(undefined, TRUSTED)).toBe(false);
    expect(isTrustedSender(null, TRUSTED)).toBe(false);
  });

  it('accepts the urls we load', () => {
    expect(isTrustedSender(pageUrl('main', '/history/1'), TRUSTED)).toBe(true);
    expect(isTrustedSender(pageUrl('quickEntry'), TRUSTED)).toBe(true);
  });
});

describe('channels', () => {
  it('are unique and named feature:action', () => {
    const all = [...Object.values(INVOKE_CHANNELS), ...Object.values(PUSH_CHANNELS)];
    expect(new Set(all).size).toBe(all.length);
    for (const channel of all) expect(channel).toMatch(/^[a-z-]+:[a-z-]+$/);
  });
});
