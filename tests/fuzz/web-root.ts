import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A small built web app in `dir`/web, and beside it a file that no request may ever read: its
 * contents are random, so a response that carries them can only have come through the root.
 */
export function makeWebRoot(dir: string): { root: string; secret: string } {
  const root = join(dir, 'web');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Wolfpack</title><div id="root"></div>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log("wolfpack");');
  const secret = `not-for-the-web-${randomBytes(12).toString('hex')}`;
  writeFileSync(join(dir, 'secret.txt'), secret);
  writeFileSync(join(dir, 'secret.js'), secret);
  return { root, secret };
}
