import type { ApiResult, AppState, DesktopApi, WolfpackApi } from '../../core/app-api.ts';
import type { BoardLink, ChallengeView, Cheer } from '../../core/types.ts';

/** A cheer as a screen asks for it; the implementation makes the id. */
export interface CheerInput {
  reaction: 'cheer' | 'taunt';
  text?: string;
  eventId?: string;
  challengeId?: string;
  memberId?: string;
}

/**
 * Relay features that core/app-api.ts does not carry (yet): the web implements them; the
 * desktop bridge offers them once its preload has them. Screens feature-detect, never assume.
 */
export interface PackApi {
  sendCheer(input: CheerInput): Promise<ApiResult<{ cheer: Cheer }>>;
  createBoard(label?: string): Promise<ApiResult<{ board: BoardLink; token: string }>>;
  listBoards(): Promise<ApiResult<{ boards: BoardLink[] }>>;
  revokeBoard(boardId: string): Promise<ApiResult<{ board: BoardLink }>>;
  rotateInvite(): Promise<ApiResult<{ inviteCode: string }>>;
  exportChallengesCsv(): Promise<ApiResult<{ csv: string }>>;
  /** Forget this browser's membership (and its unsent logs) to create or join another pack. */
  signOut?(): Promise<void>;
}

/** AppState plus what the web implementation adds; each extra is optional for the desktop. */
export interface AppView extends AppState {
  cheers?: Cheer[];
  /** Results that ended while this page was open (or that it had not seen), newest last. */
  results?: ChallengeView[];
  /** A refusal retrying cannot fix (the token stopped working), in words. */
  problem?: string | null;
}

export interface Services {
  api: WolfpackApi;
  desktop: DesktopApi | null;
  pack: PackApi | null;
  /** 'web' when served by a relay; the floor board and routes on location.pathname exist only there. */
  kind: 'web' | 'desktop';
  /** State known before any answer (the web app's, from the browser); null makes screens wait. */
  initialState: AppView | null;
}
