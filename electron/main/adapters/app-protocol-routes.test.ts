import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  META_CONTENT_SECURITY_POLICY,
  resolveAppRequest,
} from './app-protocol-routes.ts';

const root = path.resolve('/srv/app/renderer');

describe('resolveAppRequest', () => {
  it.each([
    ['app://wolfpack/index.html', 'index.html', 'text/html; charset=utf-8'],
    ['app://wolfpack/', 'index.html', 'text/html; charset=utf-8'],
    ['app://wolfpack/main.js?v=1', 'main.js', 'text/javascript; charset=utf-8'],
    ['app://wolfpack/quick-entry.html#/x', 'quick-entry.html', 'text/html; charset=utf-8'],
    ['app://wolfpack/assets/logo.png', 'assets/logo.png', 'image/png'],
  ])('%s serves %s', (url, file, type) => {
    expect(resolveAppRequest(url, root)).toEqual({ file: path.join(root, file), contentType: type });
  });

  it.each([
    'app://wolfpack/../secret.html',
    'app://wolfpack/%2e%2e/%2e%2e/etc/passwd.html',
    'app://wolfpack/..%2f..%2fsecret.html',
  ])('keeps %s inside the folder', (url) => {
    expect(resolveAppRequest(url, root)?.file.startsWith(root + path.sep)).toBe(true);
  });

  it.each([
    'app://wolfpack/a%5c..%5c..%5csecret.html',
    'app://wolfpack/x%00.html',
    'app://wolfpack/%E0%A4%A.html',
    'app://other/index.html',
    'file:///srv/app/renderer/index.html',
    'app://wolfpack/notes.txt',
    'app://wolfpack/main',
    'nonsense',
  ])('refuses %s', (url) => {
    expect(resolveAppRequest(url, root)).toBeNull();
  });
});

describe('the content security policy', () => {
  it.each(['index.html', 'quick-entry.html'])('is the meta tag of renderer/%s too', (page) => {
    const html = readFileSync(path.join(import.meta.dirname, '../../../renderer', page), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    expect(meta?.[1]).toBe(META_CONTENT_SECURITY_POLICY);
  });

  it('allows no inline script and no network', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });
});
