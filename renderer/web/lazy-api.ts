import type { WolfpackApi } from '../../core/app-api.ts';
import type { ProgressApi } from '../../core/progress-types.ts';
import type { AppView, PackApi } from '../app/services.ts';

export type WebApi = WolfpackApi & PackApi & ProgressApi;

/**
 * The web API, loaded on first use: the relay session, its validation and socket.io-client are
 * a chunk of their own, so the first screen is drawn (from what the browser kept) before that
 * code is even evaluated. The screens' first calls come from effects, which run after paint.
 */
export function lazyWebApi(load: () => Promise<WebApi>): WebApi {
  let loading: Promise<WebApi> | null = null;
  const api = (): Promise<WebApi> => (loading ??= load());
  function forward<K extends keyof WebApi>(name: K): WebApi[K] {
    const method = async (...args: unknown[]): Promise<unknown> =>
      ((await api())[name] as (...a: unknown[]) => unknown)(...args);
    return method as WebApi[K];
  }
  return {
    getState: forward('getState'),
    onState(listener: (state: AppView) => void) {
      let off: (() => void) | null = null;
      let cancelled = false;
      void api().then((real) => {
        if (!cancelled) off = real.onState(listener);
      });
      return () => {
        cancelled = true;
        off?.();
      };
    },
    createPack: forward('createPack'),
    joinPack: forward('joinPack'),
    log: forward('log'),
    undo: forward('undo'),
    createChallenge: forward('createChallenge'),
    declineChallenge: forward('declineChallenge'),
    cancelChallenge: forward('cancelChallenge'),
    history: forward('history'),
    counts: forward('counts'),
    headToHead: forward('headToHead'),
    sendCheer: forward('sendCheer'),
    createBoard: forward('createBoard'),
    listBoards: forward('listBoards'),
    revokeBoard: forward('revokeBoard'),
    rotateInvite: forward('rotateInvite'),
    exportChallengesCsv: forward('exportChallengesCsv'),
    signOut: forward('signOut'),
    progress: forward('progress'),
    setDailyTarget: forward('setDailyTarget'),
    recap: forward('recap'),
  } satisfies WebApi;
}
