import type {
  BoardSnapshot,
  ChallengeView,
  Cheer,
  FeedEntry,
  Member,
  StandingsUpdate,
} from '../../core/types.ts';

export type BoardStatus = 'connecting' | 'live' | 'offline' | 'revoked';

export interface BoardState {
  status: BoardStatus;
  /** In words, for the screen: why it is not live. */
  message: string | null;
  snapshot: BoardSnapshot | null;
  /** Challenges seen to end while the board was open, newest last: the board announces them. */
  ended: ChallengeView[];
}

export type BoardAction =
  | { type: 'snapshot'; snapshot: BoardSnapshot }
  | { type: 'standings'; update: StandingsUpdate }
  | { type: 'feed'; entry: FeedEntry }
  | { type: 'challenge'; challenge: ChallengeView }
  | { type: 'member'; member: Member }
  | { type: 'cheer'; cheer: Cheer }
  | { type: 'offline'; message: string }
  | { type: 'revoked'; message: string };

const FEED_KEPT = 50;
const ENDED_KEPT = 20;

export const REVOKED_MESSAGE = 'This board link was revoked';

export const initialBoardState: BoardState = {
  status: 'connecting',
  message: null,
  snapshot: null,
  ended: [],
};

/** What the floor board shows after each push; pure, so the screen only renders. */
export function boardReducer(state: BoardState, action: BoardAction): BoardState {
  // A revoked link never comes back: later pushes (or a reconnect attempt) must not revive it.
  if (state.status === 'revoked') return state;
  if (action.type === 'snapshot')
    return { ...state, status: 'live', message: null, snapshot: action.snapshot };
  if (action.type === 'offline') return { ...state, status: 'offline', message: action.message };
  if (action.type === 'revoked') return { ...state, status: 'revoked', message: action.message };
  const snapshot = state.snapshot;
  if (!snapshot) return state;
  return { ...state, snapshot: applyPush(snapshot, action), ended: withEnded(state.ended, action) };
}

function withEnded(ended: ChallengeView[], action: BoardAction): ChallengeView[] {
  if (action.type !== 'challenge' || action.challenge.status !== 'ended') return ended;
  if (ended.some((c) => c.id === action.challenge.id)) return ended;
  return [...ended, action.challenge].slice(-ENDED_KEPT);
}

function applyPush(snapshot: BoardSnapshot, action: BoardAction): BoardSnapshot {
  switch (action.type) {
    case 'standings':
      return {
        ...snapshot,
        challenges: snapshot.challenges.map((c) =>
          c.id === action.update.challengeId ? { ...c, standings: action.update.standings } : c,
        ),
      };
    case 'feed':
      if (snapshot.feed.some((e) => e.seq === action.entry.seq)) return snapshot;
      return { ...snapshot, feed: [...snapshot.feed, action.entry].slice(-FEED_KEPT) };
    case 'challenge': {
      const open = action.challenge.status === 'active' || action.challenge.status === 'scheduled';
      const others = snapshot.challenges.filter((c) => c.id !== action.challenge.id);
      return { ...snapshot, challenges: open ? [...others, action.challenge] : others };
    }
    case 'member': {
      const others = snapshot.members.filter((m) => m.id !== action.member.id);
      return { ...snapshot, members: action.member.active ? [...others, action.member] : others };
    }
    case 'cheer':
      if (snapshot.cheers.some((c) => c.id === action.cheer.id)) return snapshot;
      return { ...snapshot, cheers: [...snapshot.cheers, action.cheer].slice(-FEED_KEPT) };
    default:
      return snapshot;
  }
}
