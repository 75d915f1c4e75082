import { describe, expect, it } from 'vitest';
import { boardToken, parseRoute, routePath } from './route.ts';

describe('routes', () => {
  it.each([
    ['/', { name: 'live', challengeId: null }],
    ['/live/abc', { name: 'live', challengeId: 'abc' }],
    ['/new', { name: 'new' }],
    ['/history/', { name: 'history', challengeId: null }],
    ['/history/x1', { name: 'history', challengeId: 'x1' }],
    ['/stats?x=1', { name: 'stats' }],
    ['/settings', { name: 'settings' }],
    ['/board', { name: 'board' }],
    ['/recap', { name: 'recap', weekStart: null }],
    ['/recap/2026-11-30', { name: 'recap', weekStart: '2026-11-30' }],
    ['/recap/2026-02-30', { name: 'not-found', path: '/recap/2026-02-30' }],
    ['/recap/last', { name: 'not-found', path: '/recap/last' }],
    ['/nope', { name: 'not-found', path: '/nope' }],
    ['/stats/extra', { name: 'not-found', path: '/stats/extra' }],
  ])('%s', (path, route) => {
    expect(parseRoute(path)).toEqual(route);
  });

  it.each([
    '/',
    '/live/abc',
    '/new',
    '/history',
    '/history/x1',
    '/stats',
    '/settings',
    '/board',
    '/recap',
    '/recap/2026-11-30',
  ])('%s survives a round trip', (path) => {
    expect(routePath(parseRoute(path))).toBe(path);
  });

  it.each([
    ['#wpb_abc', '', 'wpb_abc'],
    ['', '?token=wpb_q', 'wpb_q'],
    ['', '', null],
  ])('board token from %s %s', (hash, search, token) => {
    expect(boardToken(hash, search)).toBe(token);
  });
});
