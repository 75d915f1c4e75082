/**
 * The app's id: electron-builder.yml's appId (tests/electron-builder-config.test.ts checks that
 * they agree). Windows groups notifications and the taskbar by it.
 */
export const APP_ID = 'app.wolfpack.desktop';
