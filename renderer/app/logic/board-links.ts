import type { BoardLink } from '../../../core/types.ts';

/** A board link just made: its address is shown once, as the relay keeps only the token's hash. */
export interface FreshLink {
  id: string;
  url: string;
}

/** The list with one board as the relay now has it (a revoke's answer), in its old place. */
export function withBoard(boards: readonly BoardLink[], board: BoardLink): BoardLink[] {
  return boards.some((b) => b.id === board.id)
    ? boards.map((b) => (b.id === board.id ? board : b))
    : [...boards, board];
}

/**
 * The fresh link to show, or null once its board is revoked: that address opens nothing any
 * more, and Settings kept offering it to be put on a TV after Revoke.
 */
export function shownFreshLink(fresh: FreshLink | null, boards: readonly BoardLink[]): FreshLink | null {
  if (!fresh) return null;
  return boards.find((b) => b.id === fresh.id)?.revokedAt ? null : fresh;
}
