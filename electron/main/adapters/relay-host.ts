import { networkInterfaces } from 'node:os';
import path from 'node:path';
import { utilityProcess } from 'electron';
import { lanUrls } from '../../relay-host/addresses.ts';
import { hostRelay } from '../../relay-host/host.ts';
import type { RelayHost } from '../ports.ts';

export interface RelayHostOptions {
  /** The built electron/relay-host/child entry. */
  childPath: string;
  /** app.getPath('userData'): the pack's SQLite file lives there. */
  userDataDir: string;
  /** The built web app, served to partners' browsers at the relay's /; null for none. */
  webRoot: string | null;
  port?: number;
}

/**
 * "Host a pack on this computer": the relay in an Electron utility process, so that SQLite work
 * never blocks the tray and a relay crash never takes the app down (electron/relay-host/host.ts
 * decides the rest, restarts included).
 */
export function createRelayHost(options: RelayHostOptions): RelayHost {
  return hostRelay({
    fork: () =>
      utilityProcess.fork(options.childPath, [], { serviceName: 'Wolfpack relay', stdio: 'inherit' }),
    dbPath: path.join(options.userDataDir, 'relay', 'relay.sqlite'),
    webRoot: options.webRoot,
    ...(options.port === undefined ? {} : { port: options.port }),
    lanUrls: (port) => lanUrls(networkInterfaces(), port),
  });
}
