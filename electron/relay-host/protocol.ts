/** Messages between the main process and the relay's utility process (structured clone). */

export interface StartRelay {
  type: 'start';
  dbPath: string;
  /** Tried first, so that partners' saved address keeps working across restarts. */
  port: number;
  host: string;
  /** The built web app the relay serves at /, so partners can use a browser; null for none. */
  webRoot: string | null;
}

export type ToChild = StartRelay | { type: 'stop' };

export type FromChild =
  | { type: 'listening'; url: string; port: number }
  | { type: 'failed'; message: string }
  | { type: 'stopped' };

/** The part of Electron's `process.parentPort` the child uses. */
export interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  postMessage(message: FromChild): void;
}
