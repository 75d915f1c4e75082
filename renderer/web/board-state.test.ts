import { describe, expect, it } from 'vitest';
import type { BoardSnapshot, ChallengeView, FeedEntry } from '../../core/types.ts';
import { boardReducer, initialBoardState } from './board-state.ts';
import type { BoardState } from './board-state.ts';

const challenge = { id: 'c1', status: 'active', standings: [] } as unknown as ChallengeView;
const snapshot = {
  board: { id: 'b', label: 'TV', createdAt: 0, revokedAt: null },
  members: [],
  challenges: [challenge],
  feed: [],
  cheers: [],
} as unknown as BoardSnapshot;
const entry = (seq: number) => ({ seq }) as FeedEntry;
const live: BoardState = boardReducer(initialBoardState, { type: 'snapshot', snapshot });

describe('floor board state', () => {
  it('goes live with a snapshot and applies standings', () => {
    const standings = [{ memberId: 'm', count: 2, rank: 1, reachedAt: null }];
    const next = boardReducer(live, { type: 'standings', update: { challengeId: 'c1', standings, seq: 1 } });
    expect(next.status).toBe('live');
    expect(next.snapshot?.challenges[0]?.standings).toEqual(standings);
  });

  it('adds feed entries once', () => {
    let state = boardReducer(live, { type: 'feed', entry: entry(1) });
    state = boardReducer(state, { type: 'feed', entry: entry(1) });
    expect(state.snapshot?.feed).toHaveLength(1);
  });

  it('drops a challenge that ended and adds one that started', () => {
    const ended = boardReducer(live, { type: 'challenge', challenge: { ...challenge, status: 'ended' } });
    expect(ended.snapshot?.challenges).toEqual([]);
    const started = boardReducer(ended, { type: 'challenge', challenge: { ...challenge, id: 'c2' } });
    expect(started.snapshot?.challenges.map((c) => c.id)).toEqual(['c2']);
  });

  it('stays revoked whatever arrives later, a new snapshot included', () => {
    const revoked = boardReducer(live, { type: 'revoked', message: 'This board link was revoked.' });
    expect(boardReducer(revoked, { type: 'snapshot', snapshot }).status).toBe('revoked');
    expect(boardReducer(revoked, { type: 'offline', message: 'lost' }).message).toBe(
      'This board link was revoked.',
    );
  });

  it('keeps the last snapshot on screen while offline', () => {
    const offline = boardReducer(live, { type: 'offline', message: 'Connection lost; reconnecting.' });
    expect(offline.status).toBe('offline');
    expect(offline.snapshot).toBe(snapshot);
  });
});

describe('challenges the board saw end', () => {
  it('keeps each ended challenge once, for the board to announce its result', () => {
    const ended = { ...challenge, status: 'ended' } as ChallengeView;
    let state = boardReducer(live, { type: 'challenge', challenge: ended });
    state = boardReducer(state, { type: 'challenge', challenge: ended });
    expect(state.ended.map((c) => c.id)).toEqual(['c1']);
    // A reconnect's snapshot has no ended challenges; what was seen to end is still known.
    expect(boardReducer(state, { type: 'snapshot', snapshot }).ended).toHaveLength(1);
  });

  it('does not count a challenge that started or changed as ended', () => {
    const state = boardReducer(live, { type: 'challenge', challenge: { ...challenge, id: 'c2' } });
    expect(state.ended).toEqual([]);
  });
});
