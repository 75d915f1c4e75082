import type { FromChild, ToChild } from './protocol.ts';
import { RestartPolicy } from './restarts.ts';

/** The part of Electron's UtilityProcess the host uses; tests hand in a fake. */
export interface RelayProcess {
  postMessage(message: ToChild): void;
  on(event: 'message', listener: (message: FromChild) => void): unknown;
  once(event: 'spawn', listener: () => void): unknown;
  once(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

export interface HostOptions {
  /** Starts the relay's utility process. */
  fork: () => RelayProcess;
  dbPath: string;
  /** The built web app, served to partners' browsers at the relay's /; null for none. */
  webRoot: string | null;
  port?: number;
  /** The addresses partners on the same network use for a port. */
  lanUrls: (port: number) => string[];
  /** Where a restart (or giving up) is said; the app's console by default. */
  report?: (line: string) => void;
  restarts?: RestartPolicy;
  stopTimeoutMs?: number;
}

export interface HostedRelay {
  /** Starts the relay (once) and resolves with the addresses partners use. */
  start(): Promise<{ url: string; lanUrls: string[] }>;
  stop(): Promise<void>;
}

/**
 * "Host a pack on this computer": the relay in a utility process of its own, listening on every
 * interface so that partners on the same network can reach it. Should the process end by itself
 * after it listened (it exits with 1 after an uncaught exception), it is started again on the
 * port it had, so that partners' apps reconnect to the same address.
 */
export function hostRelay(options: HostOptions): HostedRelay {
  const report = options.report ?? ((line: string) => console.error(line));
  const restarts = options.restarts ?? new RestartPolicy();
  let child: RelayProcess | null = null;
  let started: Promise<{ url: string; lanUrls: string[] }> | null = null;
  let stopping = false;
  let lastPort: number | null = null;
  let restartTimer: NodeJS.Timeout | null = null;

  const post = (message: ToChild) => child?.postMessage(message);

  const launch = () =>
    new Promise<{ url: string; lanUrls: string[] }>((resolve, reject) => {
      const proc = options.fork();
      child = proc;
      let listeningSince: number | null = null;
      proc.on('message', (message) => {
        if (message.type === 'listening') {
          listeningSince = Date.now();
          lastPort = message.port;
          resolve({ url: `http://127.0.0.1:${message.port}`, lanUrls: options.lanUrls(message.port) });
        } else if (message.type === 'failed') {
          reject(new Error(`the relay could not start: ${message.message}`));
        }
      });
      proc.once('exit', (code) => {
        child = null;
        started = null;
        reject(new Error(`the relay process ended (code ${code})`));
        if (!stopping && listeningSince !== null) restartLater(listeningSince, code);
      });
      proc.once('spawn', () =>
        post({
          type: 'start',
          dbPath: options.dbPath,
          port: lastPort ?? options.port ?? 7420,
          host: '0.0.0.0',
          webRoot: options.webRoot,
        }),
      );
    });

  const host: HostedRelay = {
    start() {
      stopping = false;
      started ??= launch().catch((error: unknown) => {
        started = null;
        throw error;
      });
      return started;
    },
    async stop() {
      stopping = true;
      if (restartTimer) clearTimeout(restartTimer);
      restartTimer = null;
      const proc = child;
      if (!proc) return;
      // The child closes the relay (in-flight acks, then SQLite) and exits by itself.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          proc.kill();
          resolve();
        }, options.stopTimeoutMs ?? 5_000);
        proc.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        post({ type: 'stop' });
      });
    },
  };

  const restartLater = (listeningSince: number, code: number) => {
    const delay = restarts.afterCrash(listeningSince);
    if (delay === null) {
      report(`wolfpack: the hosted relay keeps ending (code ${code}); it stays stopped until you host again`);
      return;
    }
    report(`wolfpack: the hosted relay ended (code ${code}); it starts again in ${delay} ms`);
    restartTimer = setTimeout(() => {
      restartTimer = null;
      host.start().catch((error: unknown) => report(`wolfpack: ${(error as Error).message}`));
    }, delay);
  };
  return host;
}
