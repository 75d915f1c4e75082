import { recorded, app } from './electron.ts';

/**
 * The test's hand on the fake platform: commands arrive over the child-process channel, answers
 * go back with the same id. Loaded next to the built main process by register.ts.
 */

export type Command =
  | { cmd: 'invoke'; channel: string; args: unknown[]; url: string | null }
  | { cmd: 'hook'; name: string; args: unknown[] }
  | { cmd: 'fetch'; url: string }
  | { cmd: 'windows' }
  | { cmd: 'navigate'; index: number; url: string }
  | { cmd: 'permission'; name: string }
  | { cmd: 'recorded' }
  | { cmd: 'quit' };

async function run(command: Command): Promise<unknown> {
  switch (command.cmd) {
    case 'invoke': {
      const handler = recorded.handlers.get(command.channel);
      if (!handler) throw new Error(`no handler for ${command.channel}`);
      return handler({ senderFrame: command.url === null ? null : { url: command.url } }, ...command.args);
    }
    case 'hook': {
      const hooks = (
        globalThis as unknown as { __wolfpackE2E?: Record<string, (...a: unknown[]) => unknown> }
      ).__wolfpackE2E;
      const hook = hooks?.[command.name];
      if (!hook) throw new Error(`no e2e hook ${command.name}`);
      return hook(...command.args);
    }
    case 'fetch': {
      const handler = recorded.protocols.get('app');
      if (!handler) throw new Error('app:// is not served');
      const response = await handler(new Request(command.url));
      return {
        status: response.status,
        headers: Object.fromEntries(response.headers),
        body: await response.text(),
      };
    }
    case 'windows':
      return recorded.windows.map((w) => ({
        options: w.options,
        url: w.webContents.url,
        visible: w.visible,
        destroyed: w.destroyed,
        sent: w.webContents.sent.map((s) => s.channel),
      }));
    case 'navigate': {
      const contents = recorded.windows[command.index]?.webContents;
      if (!contents) throw new Error(`no window ${command.index}`);
      let prevented = false;
      contents.emit('will-navigate', { preventDefault: () => (prevented = true) }, command.url);
      const opened = contents.openHandler?.({ url: command.url }) as { action: string } | undefined;
      return { prevented, open: opened?.action ?? null };
    }
    case 'permission':
      return new Promise((resolve) => recorded.permissionRequest?.({}, command.name, resolve, {}));
    case 'recorded':
      return {
        notifications: recorded.notifications,
        errors: recorded.errors,
        switches: Object.fromEntries(recorded.switches),
        shortcuts: [...recorded.shortcuts.keys()],
        tray: recorded.trays.map((t) => ({
          tooltip: t.tooltip,
          image: t.image.source,
          template: t.image.template,
        })),
      };
    case 'quit':
      app.quit();
      return null;
  }
}

process.on('message', (message: { id: number } & Command) => {
  run(message).then(
    (value) => process.send?.({ id: message.id, ok: true, value }),
    (error: unknown) => process.send?.({ id: message.id, ok: false, error: (error as Error).message }),
  );
});
