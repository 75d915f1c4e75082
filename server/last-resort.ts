/** The longest a failed relay drains before it exits anyway. */
export const DRAIN_MS = 10_000;

/** The part of a pino logger used here. */
export interface LastResortLog {
  error(details: object, message: string): void;
  fatal(details: object, message: string): void;
}

export interface LastResortOptions {
  log: LastResortLog;
  /** Drains and closes the relay (Relay.close); resolves at once while there is none. */
  stop: () => Promise<void>;
  exit: (code: number) => void;
  /** One line for a person at a terminal, besides the log (which may be silent). */
  say?: (line: string) => void;
  drainMs?: number;
  /** The process whose last-resort events these are; a test hands in an emitter. */
  target?: Pick<NodeJS.EventEmitter, 'on' | 'off'>;
}

/**
 * What a relay process does with a failure that nothing else caught; every entry point installs
 * it (`wolfpack server`, `npm start`, the desktop app's relay process). Returns the uninstaller.
 *
 * - An unhandled rejection is logged and the relay goes on serving. Every request answers its
 *   own failures (HTTP and socket handlers catch and answer `internal`), so a rejection nobody
 *   awaited comes from work its caller had already left (a push, a wake-up), and its async frames
 *   unwound through their own finally blocks: the rest of the relay is as it was. Ending the
 *   process for it would cut every client off for the loss of one background effect.
 * - An uncaught exception unwound a synchronous stack half-way, and Node's documentation says
 *   the process is then in an undefined state: a lock, a transaction or a socket may be left
 *   half-done. So the relay stops taking work, drains what it can within `drainMs` (acks in
 *   flight, then the database closed), and exits with 1 for its supervisor to start it afresh
 *   (systemd's Restart=on-failure, the desktop app's relay host). A second one while draining
 *   exits at once.
 */
export function installLastResort(options: LastResortOptions): () => void {
  const target = options.target ?? process;
  let stopping = false;
  const onRejection = (reason: unknown): void => {
    options.log.error({ err: reason }, 'a promise failed and nothing handled it; the relay goes on serving');
  };
  const onException = (error: unknown): void => {
    if (stopping) return options.exit(1);
    stopping = true;
    const message = error instanceof Error ? error.message : String(error);
    options.log.fatal(
      { err: error },
      'the relay failed unexpectedly; it drains and exits to be started afresh',
    );
    options.say?.(`the relay failed unexpectedly (${message}) and stops`);
    const timer = setTimeout(() => options.exit(1), options.drainMs ?? DRAIN_MS);
    void Promise.resolve()
      .then(() => options.stop())
      .catch((stopError: unknown) => options.log.error({ err: stopError }, 'the relay did not stop cleanly'))
      .finally(() => {
        clearTimeout(timer);
        options.exit(1);
      });
  };
  target.on('unhandledRejection', onRejection);
  target.on('uncaughtException', onException);
  return () => {
    target.off('unhandledRejection', onRejection);
    target.off('uncaughtException', onException);
  };
}
