import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { AppState } from '../../../core/app-api.ts';
import {
  INVOKE_CHANNELS,
  PUSH_CHANNELS,
  TRUSTED,
  isTrustedSender,
  type InvokeApi,
  type InvokeMethod,
} from '../../ipc-contract.ts';

export interface IpcSource {
  readonly api: InvokeApi;
  onState(listener: (state: AppState) => void): () => void;
  onNavigate(listener: (route: string) => void): () => void;
}

/** Thrown to the renderer; never reaches our own pages. */
const UNTRUSTED = 'this frame may not use the Wolfpack API';

export function senderUrl(event: IpcMainInvokeEvent): string | null {
  // senderFrame is null once the frame navigated away or was destroyed: refused then too.
  return event.senderFrame?.url ?? null;
}

/**
 * One `ipcMain.handle` per message, each checking that the sender is one of our own pages
 * before calling the API method of the same name. Returns a function that removes them all.
 */
export function registerIpc(source: IpcSource, windows: () => BrowserWindow[]): () => void {
  const methods = Object.keys(INVOKE_CHANNELS) as InvokeMethod[];
  for (const method of methods) {
    ipcMain.handle(INVOKE_CHANNELS[method], (event, ...args: unknown[]) => {
      if (!isTrustedSender(senderUrl(event), TRUSTED)) throw new Error(UNTRUSTED);
      const call = source.api[method] as (...values: unknown[]) => Promise<unknown>;
      return call.apply(source.api, args);
    });
  }
  const send = (channel: string, value: unknown) => {
    for (const win of windows()) {
      if (!win.webContents.isLoading() && isTrustedSender(win.webContents.getURL(), TRUSTED)) {
        win.webContents.send(channel, value);
      }
    }
  };
  const offState = source.onState((state) => send(PUSH_CHANNELS.state, state));
  const offNavigate = source.onNavigate((route) => send(PUSH_CHANNELS.navigate, route));
  return () => {
    offState();
    offNavigate();
    for (const method of methods) ipcMain.removeHandler(INVOKE_CHANNELS[method]);
  };
}
