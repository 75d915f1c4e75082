import type { DesktopApi, DesktopBridge } from '../../core/app-api.ts';
import { initialView } from '../web/initial-view.ts';
import { lazyWebApi } from '../web/lazy-api.ts';
import type { PackApi, Services } from './services.ts';

const PACK_METHODS = ['sendCheer', 'createBoard', 'listBoards', 'revokeBoard', 'rotateInvite'] as const;

function offersPackApi(bridge: object): bridge is PackApi {
  return PACK_METHODS.every((name) => typeof (bridge as Record<string, unknown>)[name] === 'function');
}

function isDesktop(bridge: object): bridge is DesktopApi {
  return typeof (bridge as Partial<DesktopApi>).setHotkey === 'function';
}

/**
 * The desktop window has the preload's `window.wolfpack`; anywhere else the page was served by a
 * relay and talks to it directly. Screens get what this finds and feature-detect the rest.
 */
export function pickServices(win: Window): Services {
  const bridge = (win as Partial<Pick<Window, 'wolfpack'>>).wolfpack as DesktopBridge | undefined;
  if (bridge) {
    return {
      api: bridge,
      desktop: isDesktop(bridge) ? bridge : null,
      pack: offersPackApi(bridge) ? bridge : null,
      kind: 'desktop',
      initialState: null,
    };
  }
  const api = lazyWebApi(() => import('../web/web-boot.ts').then((boot) => boot.bootWebApi(win)));
  return {
    api,
    desktop: null,
    pack: api,
    kind: 'web',
    initialState: initialView(win.localStorage, win.location.origin),
  };
}
