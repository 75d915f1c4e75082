import path from 'node:path';
import { APP_HOST, APP_SCHEME } from '../../ipc-contract.ts';

/**
 * Our pages are served from app://wolfpack/ rather than file://: a file:// page shares one
 * origin with every other file on disk, while a custom standard scheme gives our pages an origin
 * of their own that the CSP's 'self' and the IPC sender check can name
 * (https://www.electronjs.org/docs/latest/tutorial/security#18-avoid-usage-of-the-file-protocol-and-prefer-usage-of-custom-protocols).
 */

/**
 * The one policy for our pages: scripts and styles from our origin only, no network at all.
 * The pages carry it as a meta tag too (the first line of defence if a page is ever loaded
 * another way), minus frame-ancestors, which Chromium ignores in a meta tag.
 */
export const META_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');

export const CONTENT_SECURITY_POLICY = `${META_CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

export interface AppFile {
  file: string;
  contentType: string;
}

/** The file an app:// request may read, or null (answered 404): nothing outside `root`. */
export function resolveAppRequest(requestUrl: string, root: string): AppFile | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let relative: string;
  try {
    relative = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (relative.includes('\0') || relative.includes('\\')) return null;
  const file = path.resolve(root, `.${path.posix.normalize(relative === '/' ? '/index.html' : relative)}`);
  if (!file.startsWith(path.resolve(root) + path.sep)) return null;
  const contentType = CONTENT_TYPES[path.extname(file).toLowerCase()];
  return contentType ? { file, contentType } : null;
}
