/** Chromium switches decided before the app is ready; pure so the decisions can be tested. */

/** A Wayland session: X11 global shortcuts do not reach Wayland windows. */
export function isWaylandSession(
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  if (platform !== 'linux') return false;
  return env.XDG_SESSION_TYPE === 'wayland' || Boolean(env.WAYLAND_DISPLAY);
}

/**
 * Chromium reads one --enable-features value, the last one given, so a second switch would drop
 * the features of the first (a user's or another part of the app's). Merge into one list.
 */
export function mergeFeatures(existing: string, add: readonly string[]): string {
  const features = existing
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  for (const feature of add) if (!features.includes(feature)) features.push(feature);
  return features.join(',');
}

/** Features the desktop app needs on this platform and session. */
export function requiredFeatures(
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>,
): string[] {
  // Global shortcuts on Wayland go through the desktop portal
  // (https://github.com/electron/electron/pull/45171).
  return isWaylandSession(platform, env) ? ['GlobalShortcutsPortal'] : [];
}

/** Quotes an argument for a .desktop file's Exec key (freedesktop Desktop Entry spec). */
function desktopExecArg(arg: string): string {
  return /^[\w./+:=-]+$/.test(arg) ? arg : `"${arg.replace(/(["`$\\])/g, '\\$1')}"`;
}

/**
 * The XDG autostart entry that starts Wolfpack at login on Linux, where Electron has no login
 * item API. `command` is the executable and its arguments (the AppImage, or the installed binary).
 */
export function autostartEntry(command: readonly string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Wolfpack',
    'Comment=Prospecting partners: hotkeys and live score in the tray',
    `Exec=${command.map(desktopExecArg).join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}
