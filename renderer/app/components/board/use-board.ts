import { useEffect, useReducer, useRef, useState } from 'react';
import { connectBoard } from '../../../web/board-client.ts';
import { boardReducer, initialBoardState } from '../../../web/board-state.ts';
import type { BoardState } from '../../../web/board-state.ts';
import { boardMoments, enqueueMoments, MOMENT_MS } from '../../logic/board-moments.ts';
import type { Moment, MomentView } from '../../logic/board-moments.ts';
import type { Viewport } from '../../logic/board-pages.ts';

/** The board's live state over its read-only socket; nothing is connected without a token. */
export function useBoardConnection(token: string | null): BoardState {
  const [state, dispatch] = useReducer(boardReducer, initialBoardState);
  useEffect(() => {
    if (!token) return;
    return connectBoard(window.location.origin, token, dispatch);
  }, [token]);
  return state;
}

const readViewport = (): Viewport => ({ width: window.innerWidth, height: window.innerHeight });

/** The window's size, again after every resize (a TV's browser may change zoom or go full screen). */
export function useViewport(): Viewport {
  const [viewport, setViewport] = useState(readViewport);
  useEffect(() => {
    const update = () => setViewport(readViewport());
    window.addEventListener('resize', update);
    return () => window.removeEventListener('resize', update);
  }, []);
  return viewport;
}

function momentView(state: BoardState): MomentView | null {
  const snapshot = state.snapshot;
  if (!snapshot) return null;
  return { challenges: snapshot.challenges, ended: state.ended, members: snapshot.members };
}

/**
 * The moment on screen now, or null: each new overtake or result is queued and shown for
 * MOMENT_MS, one after another. The first snapshot only sets the scene; it announces nothing.
 */
export function useMoments(state: BoardState): Moment | null {
  const [queue, setQueue] = useState<Moment[]>([]);
  const previous = useRef<MomentView | null>(null);
  useEffect(() => {
    const view = momentView(state);
    const before = previous.current;
    previous.current = view;
    if (!before || !view) return;
    const fresh = boardMoments(before, view);
    if (fresh.length > 0) setQueue((current) => enqueueMoments(current, fresh));
  }, [state]);
  const head = queue[0] ?? null;
  useEffect(() => {
    if (!head) return;
    const timer = setTimeout(() => setQueue((current) => current.slice(1)), MOMENT_MS);
    return () => clearTimeout(timer);
  }, [head]);
  return head;
}
