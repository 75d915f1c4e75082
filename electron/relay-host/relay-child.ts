import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { startRelay, type Relay, type RelayOptions } from '../../server/relay.ts';
import type { ParentPortLike, StartRelay, ToChild } from './protocol.ts';

type Start = (options: RelayOptions) => Promise<Relay>;

function isMessage(value: unknown): value is ToChild {
  return typeof value === 'object' && value !== null && 'type' in value;
}

async function listen(message: StartRelay, start: Start): Promise<Relay> {
  await mkdir(path.dirname(message.dbPath), { recursive: true });
  const options = { dbPath: message.dbPath, host: message.host, webRoot: message.webRoot, logLevel: 'warn' };
  try {
    return await start({ ...options, port: message.port });
  } catch (error) {
    // Another program (a second relay, say) holds the usual port: any free port beats none.
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    return await start({ ...options, port: 0 });
  }
}

/**
 * The relay inside the desktop app: a utility process that starts the same relay as
 * `wolfpack server`, reports its address, and closes it (draining acks, closing SQLite) when
 * asked. `exit` ends the process once the relay is closed. Returns what closes the relay without
 * being asked (the last-resort handler's drain).
 */
export function runRelayChild(
  port: ParentPortLike,
  exit: () => void,
  start: Start = startRelay,
): { close(): Promise<void> } {
  let relay: Promise<Relay> | null = null;
  port.on('message', ({ data }) => {
    if (!isMessage(data)) return;
    if (data.type === 'start' && !relay) {
      relay = listen(data, start);
      relay.then(
        (r) => port.postMessage({ type: 'listening', url: r.url, port: r.port }),
        (error: unknown) => {
          relay = null;
          port.postMessage({ type: 'failed', message: (error as Error).message });
        },
      );
    } else if (data.type === 'stop') {
      const closing = relay ? relay.then((r) => r.close()) : Promise.resolve();
      void closing
        .catch(() => undefined)
        .then(() => {
          port.postMessage({ type: 'stopped' });
          exit();
        });
    }
  });
  return {
    close: async () => {
      await relay?.then(
        (r) => r.close(),
        () => undefined,
      );
    },
  };
}
