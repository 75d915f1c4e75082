import type { DesktopBridge } from '../core/app-api.ts';

declare global {
  interface Window {
    /** Exposed by electron/preload; absent when the page is opened outside the desktop app. */
    wolfpack: DesktopBridge;
  }
}

export {};
