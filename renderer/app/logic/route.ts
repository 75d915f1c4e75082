import { isValidLocalDate } from '../../../core/time-window.ts';

export type Route =
  | { name: 'live'; challengeId: string | null }
  | { name: 'new' }
  | { name: 'history'; challengeId: string | null }
  | { name: 'stats' }
  | { name: 'settings' }
  | { name: 'onboarding' }
  | { name: 'board' }
  /** A weekly recap; null is last week. */
  | { name: 'recap'; weekStart: string | null }
  | { name: 'not-found'; path: string };

/** "/live/ID", "/history", ...; a trailing slash or a query does not change the page. */
export function parseRoute(path: string): Route {
  const clean = path.split(/[?#]/)[0]?.replace(/\/+$/, '') ?? '';
  const [, first = '', second = null, third] = clean.split('/');
  if (third !== undefined) return { name: 'not-found', path };
  switch (first) {
    case '':
      return { name: 'live', challengeId: null };
    case 'live':
      return { name: 'live', challengeId: second };
    case 'history':
      return { name: 'history', challengeId: second };
    case 'recap':
      if (second === null) return { name: 'recap', weekStart: null };
      return isValidLocalDate(second) ? { name: 'recap', weekStart: second } : { name: 'not-found', path };
    case 'new':
    case 'stats':
    case 'settings':
    case 'onboarding':
    case 'board':
      return second === null ? { name: first } : { name: 'not-found', path };
    default:
      return { name: 'not-found', path };
  }
}

export function routePath(route: Route): string {
  switch (route.name) {
    case 'live':
      return route.challengeId ? `/live/${route.challengeId}` : '/';
    case 'history':
      return route.challengeId ? `/history/${route.challengeId}` : '/history';
    case 'recap':
      return route.weekStart ? `/recap/${route.weekStart}` : '/recap';
    case 'not-found':
      return route.path;
    default:
      return `/${route.name}`;
  }
}

/** A floor board's token: `/board#TOKEN` (kept out of server logs) or `/board?token=TOKEN`. */
export function boardToken(hash: string, search: string): string | null {
  const fromHash = decodeURIComponent(hash.replace(/^#/, '')).trim();
  if (fromHash) return fromHash;
  return new URLSearchParams(search).get('token')?.trim() || null;
}
