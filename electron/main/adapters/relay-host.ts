import { networkInterfaces } from 'node:os';
import path from 'node:path';
import { utilityProcess, type UtilityProcess } from 'electron';
import { lanUrls } from '../../relay-host/addresses.ts';
import type { FromChild, ToChild } from '../../relay-host/protocol.ts';
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

const STOP_TIMEOUT_MS = 5_000;

/**
 * "Host a pack on this computer": the relay in an Electron utility process, so that SQLite work
 * never blocks the tray and a relay crash never takes the app down. It listens on every
 * interface so that partners on the same network can reach it.
 */
export function createRelayHost(options: RelayHostOptions): RelayHost {
  let child: UtilityProcess | null = null;
  let started: Promise<{ url: string; lanUrls: string[] }> | null = null;

  const post = (message: ToChild) => child?.postMessage(message);

  const start = () =>
    new Promise<{ url: string; lanUrls: string[] }>((resolve, reject) => {
      const proc = utilityProcess.fork(options.childPath, [], {
        serviceName: 'Wolfpack relay',
        stdio: 'inherit',
      });
      child = proc;
      proc.on('message', (message: FromChild) => {
        if (message.type === 'listening') {
          resolve({
            url: `http://127.0.0.1:${message.port}`,
            lanUrls: lanUrls(networkInterfaces(), message.port),
          });
        } else if (message.type === 'failed') {
          reject(new Error(`the relay could not start: ${message.message}`));
        }
      });
      proc.once('exit', (code) => {
        child = null;
        started = null;
        reject(new Error(`the relay process ended (code ${code})`));
      });
      proc.once('spawn', () =>
        post({
          type: 'start',
          dbPath: path.join(options.userDataDir, 'relay', 'relay.sqlite'),
          port: options.port ?? 7420,
          host: '0.0.0.0',
          webRoot: options.webRoot,
        }),
      );
    });

  return {
    start() {
      started ??= start().catch((error: unknown) => {
        started = null;
        throw error;
      });
      return started;
    },
    async stop() {
      const proc = child;
      if (!proc) return;
      // The child closes the relay (in-flight acks, then SQLite) and exits by itself.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          proc.kill();
          resolve();
        }, STOP_TIMEOUT_MS);
        proc.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        post({ type: 'stop' });
      });
    },
  };
}
