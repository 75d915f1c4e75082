import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { AppState, DesktopBridge } from '../../core/app-api.ts';
import { INVOKE_CHANNELS as C, PUSH_CHANNELS } from '../ipc-contract.ts';

/**
 * The sandboxed preload: one bundled CommonJS file (a sandboxed preload cannot load modules of
 * its own). It exposes named functions, one per message, never ipcRenderer itself, so the page
 * can only send what the API allows and the main process checks the sender of each.
 */

function subscribe<T>(channel: string, listener: (value: T) => void): () => void {
  // A wrapper so the page's listener never sees the IPC event (and its sender object).
  const wrapped = (_event: IpcRendererEvent, value: T): void => listener(value);
  ipcRenderer.on(channel, wrapped);
  return () => {
    ipcRenderer.removeListener(channel, wrapped);
  };
}

const bridge = {
  getState: () => ipcRenderer.invoke(C.getState),
  onState: (listener: (state: AppState) => void) => subscribe(PUSH_CHANNELS.state, listener),
  createPack: (input) => ipcRenderer.invoke(C.createPack, input),
  joinPack: (input) => ipcRenderer.invoke(C.joinPack, input),
  log: (input) => ipcRenderer.invoke(C.log, input),
  undo: () => ipcRenderer.invoke(C.undo),
  createChallenge: (input) => ipcRenderer.invoke(C.createChallenge, input),
  declineChallenge: (challengeId) => ipcRenderer.invoke(C.declineChallenge, challengeId),
  cancelChallenge: (challengeId) => ipcRenderer.invoke(C.cancelChallenge, challengeId),
  history: (input) => ipcRenderer.invoke(C.history, input),
  counts: (input) => ipcRenderer.invoke(C.counts, input),
  headToHead: (input) => ipcRenderer.invoke(C.headToHead, input),
  hostPack: (input) => ipcRenderer.invoke(C.hostPack, input),
  getSettings: () => ipcRenderer.invoke(C.getSettings),
  updateSettings: (patch) => ipcRenderer.invoke(C.updateSettings, patch),
  setHotkey: (action, accelerator) => ipcRenderer.invoke(C.setHotkey, action, accelerator),
  setHotkeysPaused: (paused) => ipcRenderer.invoke(C.setHotkeysPaused, paused),
  onNavigate: (listener: (route: string) => void) => subscribe(PUSH_CHANNELS.navigate, listener),
  submitQuickEntry: (input) => ipcRenderer.invoke(C.submitQuickEntry, input),
  cancelQuickEntry: () => ipcRenderer.invoke(C.cancelQuickEntry),
  quickEntryContext: () => ipcRenderer.invoke(C.quickEntryContext),
  sendCheer: (input) => ipcRenderer.invoke(C.sendCheer, input),
  createBoard: (label) => ipcRenderer.invoke(C.createBoard, label),
  listBoards: () => ipcRenderer.invoke(C.listBoards),
  revokeBoard: (boardId) => ipcRenderer.invoke(C.revokeBoard, boardId),
  rotateInvite: () => ipcRenderer.invoke(C.rotateInvite),
  exportChallengesCsv: () => ipcRenderer.invoke(C.exportChallengesCsv),
  progress: () => ipcRenderer.invoke(C.progress),
  setDailyTarget: (metric, target) => ipcRenderer.invoke(C.setDailyTarget, metric, target),
  recap: (weekStart) => ipcRenderer.invoke(C.recap, weekStart),
} satisfies DesktopBridge;

contextBridge.exposeInMainWorld('wolfpack', bridge);
