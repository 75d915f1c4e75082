import type { App, Session } from 'electron';

/**
 * The parts of the Electron security checklist that are not window options (those are in
 * windows.ts). Our pages never navigate, open windows, embed webviews or ask for a permission,
 * so every web contents, ours or not, is refused all of them.
 */
export function hardenWebContents(app: App): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-frame-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  // Nothing of ours downloads; a page that tries is refused.
  session.on('will-download', (event) => event.preventDefault());
}
