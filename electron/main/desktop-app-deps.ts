import type { SocketFactory } from '../../client/session.ts';
import type { Clock, Notifier, RelayHost, ShortcutRegistrar, TrayPort, WindowsPort } from './ports.ts';
import type { SettingsBackend } from './settings/settings-service.ts';
import type { SecretCipher } from './settings/token-vault.ts';

/** What the DesktopApp is given: its folder, the platform's ports, and the choices made at launch. */
export interface DesktopAppDeps {
  userDataDir: string;
  tray: TrayPort;
  registrar: ShortcutRegistrar;
  notifier: Notifier;
  windows: WindowsPort;
  clock: Clock;
  relayHost: RelayHost;
  settingsBackend: SettingsBackend;
  /** A message from loading the settings (a damaged file was moved aside), shown once. */
  settingsMessage: string | null;
  cipher: SecretCipher;
  platform: NodeJS.Platform;
  timeZone: string;
  setLaunchAtLogin: (on: boolean) => void;
  quit: () => void;
  /** Tests connect through their own socket factory; the app uses socket.io-client. */
  connect?: SocketFactory;
  /** Pixels of the tray icon (16 on Windows, 22 on Linux, 32 for hi-dpi). */
  trayIconSize?: number;
}
