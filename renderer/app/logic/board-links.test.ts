import { describe, expect, it } from 'vitest';
import type { BoardLink } from '../../../core/types.ts';
import { shownFreshLink, withBoard, type FreshLink } from './board-links.ts';

const board = (id: string, revokedAt: number | null = null): BoardLink => ({
  id,
  label: `TV ${id}`,
  createdAt: 0,
  revokedAt,
});
const fresh: FreshLink = { id: 'b1', url: 'https://relay.example/board#wpb_secret' };

describe('the fresh board link in Settings', () => {
  it.each<[string, FreshLink | null, BoardLink[], FreshLink | null]>([
    ['shown while its board works', fresh, [board('b1')], fresh],
    ['shown before the list has loaded it', fresh, [], fresh],
    ['gone once its board is revoked', fresh, [board('b1', 5)], null],
    ['still shown when another board is revoked', fresh, [board('b1'), board('b2', 5)], fresh],
    ['nothing when none was made', null, [board('b1')], null],
  ])('%s', (_, link, boards, shown) => {
    expect(shownFreshLink(link, boards)).toEqual(shown);
  });

  it('hides the address as soon as Revoke answers, before the list is read again', () => {
    const boards = withBoard([board('b2'), board('b1')], board('b1', 5));
    expect(boards.map((b) => [b.id, b.revokedAt])).toEqual([
      ['b2', null],
      ['b1', 5],
    ]);
    expect(shownFreshLink(fresh, boards)).toBeNull();
  });

  it('adds a board the list did not hold yet', () => {
    expect(withBoard([board('b2')], board('b1', 5)).map((b) => b.id)).toEqual(['b2', 'b1']);
  });
});
