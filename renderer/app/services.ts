import type { AppState, DesktopApi, PackApi, WolfpackApi } from '../../core/app-api.ts';

export type { CheerInput, PackApi } from '../../core/app-api.ts';

/** AppState plus what the web implementation adds; each extra is optional for the desktop. */
export interface AppView extends AppState {
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
