/**
 * The platform pieces the desktop app's logic needs, as plain interfaces. Adapters in
 * electron/main/adapters/ implement them with Electron; tests implement them with recording
 * fakes. Nothing here imports 'electron'.
 */

/** A tray menu as data; the adapter turns it into an Electron Menu. */
export type MenuItemModel =
  | { kind: 'label'; label: string }
  | { kind: 'separator' }
  | {
      kind: 'action';
      /** Stable id the click is reported with, e.g. 'log:call', 'open', 'quit'. */
      id: string;
      label: string;
      /** Shown next to the label, e.g. 'Ctrl+Alt+C'; display only, never registered here. */
      accelerator?: string;
      enabled?: boolean;
      /** Rendered as a checkbox when set. */
      checked?: boolean;
    }
  | { kind: 'submenu'; label: string; items: MenuItemModel[] };

/** Raw pixels, 4 bytes per pixel in R, G, B, A order, rows top to bottom. */
export interface IconBitmap {
  width: number;
  height: number;
  rgba: Uint8Array;
}

export interface TrayPort {
  setToolTip(text: string): void;
  setContextMenu(items: MenuItemModel[], onClick: (id: string) => void): void;
  setImage(image: IconBitmap): void;
}

export interface ShortcutRegistrar {
  /** False when the combination is held by another application (or is not valid here). */
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
}

export interface NotificationRequest {
  /** Stable id: the same event never notifies twice. */
  id: string;
  title: string;
  body: string;
  /** The main window's page a click opens, e.g. '/history/CHALLENGE_ID'. */
  route: string;
}

export interface Notifier {
  show(notification: NotificationRequest, onClick: () => void): void;
}

export interface TimerHandle {
  cancel(): void;
}

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
}

export interface WindowsPort {
  /** Shows (creating if needed) the main window at a route. */
  openMain(route?: string): void;
  /** The small frameless always-on-top box for a metric that needs details. */
  openQuickEntry(metricId: string): void;
  closeQuickEntry(): void;
}

/** "Host a pack on this computer": the relay in a process of its own, SQLite in the user data folder. */
export interface RelayHost {
  /** Starts the relay (once) and resolves with the addresses partners use. */
  start(): Promise<{ url: string; lanUrls: string[] }>;
  stop(): Promise<void>;
}
