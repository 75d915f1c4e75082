import { describe, expect, it } from 'vitest';
import { pageAt, rotateSeconds, withRotation } from './board-rotate.ts';

describe('the board link interval', () => {
  it.each([
    ['', 12],
    ['?rotate=20', 20],
    ['?rotate=5', 5],
    ['?rotate=120', 120],
    ['?rotate=4', 12],
    ['?rotate=121', 12],
    ['?rotate=0', 12],
    ['?rotate=-5', 12],
    ['?rotate=7.5', 12],
    ['?rotate=abc', 12],
    ['?rotate=', 12],
    ['?rotate=1e2', 12],
    ['?rotate=30&rotate=40', 30],
    ['?token=x&rotate=%2030', 30],
  ])('%j turns pages every %i s', (search, seconds) => {
    expect(rotateSeconds(search)).toBe(seconds);
  });

  it.each([
    ['https://relay.example/board#wpb_abc', 20, 'https://relay.example/board?rotate=20#wpb_abc'],
    ['https://relay.example/board#wpb_abc', 12, 'https://relay.example/board#wpb_abc'],
    ['https://relay.example/board?rotate=20#wpb_abc', 30, 'https://relay.example/board?rotate=30#wpb_abc'],
    ['https://relay.example/board?rotate=20#wpb_abc', 12, 'https://relay.example/board#wpb_abc'],
  ])('%s every %i s is %s', (url, seconds, link) => {
    expect(withRotation(url, seconds)).toBe(link);
    expect(rotateSeconds(new URL(link).search)).toBe(seconds);
  });
});

describe('the page on screen', () => {
  it.each([
    [0, 3, 12, 0, 0],
    [6_000, 3, 12, 0, 0.5],
    [12_000, 3, 12, 1, 0],
    [35_999, 3, 12, 2, 35_999 / 12_000 - 2],
    [36_000, 3, 12, 0, 0],
    [50_000, 1, 12, 0, 0],
    [-5, 2, 12, 0, 0],
  ])('%i ms in, %i pages every %i s: page %i, %f of the way', (elapsed, pages, seconds, index, progress) => {
    const clock = pageAt(elapsed, pages, seconds);
    expect(clock.index).toBe(index);
    expect(clock.progress).toBeCloseTo(progress, 5);
  });
});
