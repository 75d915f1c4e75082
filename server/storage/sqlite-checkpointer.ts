import { Worker } from 'node:worker_threads';

/**
 * The checkpointer's program: a CommonJS script run with `eval`, so that it survives being
 * bundled into the desktop app's relay. It opens its own connection to the database and, at most
 * once a period and only after new commits, copies the WAL back into it.
 */
const PROGRAM = `
const { DatabaseSync } = require('node:sqlite');
const { parentPort, workerData } = require('node:worker_threads');
const db = new DatabaseSync(workerData.path);
const version = db.prepare('pragma data_version');
let seen;
const timer = setInterval(() => {
  // data_version moves when another connection (the relay's) has committed since the last look.
  const now = version.get().data_version;
  if (now === seen) return;
  seen = now;
  try {
    // PASSIVE never waits for the writer: the relay's commits go on while this one syncs.
    const row = db.prepare('pragma wal_checkpoint(PASSIVE)').get();
    parentPort.postMessage({ log: row.log, checkpointed: row.checkpointed });
  } catch (error) {
    parentPort.postMessage({ error: String((error && error.message) || error) });
  }
}, workerData.everyMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface CheckpointerOptions {
  /** How often it checkpoints at most (a disk sync each time). Default one second. */
  everyMs?: number;
  /** A checkpoint was made: WAL frames in all, and how many of them are now in the database. */
  onCheckpoint?: (pages: { log: number; checkpointed: number }) => void;
  /** The checkpointer failed or stopped by itself; the caller must checkpoint on its own again. */
  onFailure: (error: Error) => void;
}

/**
 * WAL checkpoints in a thread of their own. A checkpoint is where SQLite in WAL mode with
 * synchronous=normal syncs the disk; made by the relay's connection (SQLite's default), it runs
 * inside a commit and stops the event loop for as long as the disk takes, which on a busy or
 * shared disk has been hundreds of milliseconds. Here it never stops the relay.
 */
export class Checkpointer {
  readonly #worker: Worker;
  #stopping = false;

  private constructor(worker: Worker) {
    this.#worker = worker;
  }

  static start(path: string, options: CheckpointerOptions): Checkpointer {
    const worker = new Worker(PROGRAM, {
      eval: true,
      workerData: { path, everyMs: options.everyMs ?? 1000 },
    });
    const checkpointer = new Checkpointer(worker);
    worker.unref();
    worker.on('message', (message: { log: number; checkpointed: number } | { error: string }) => {
      if ('error' in message) options.onFailure(new Error(`WAL checkpoint failed: ${message.error}`));
      else options.onCheckpoint?.(message);
    });
    worker.on('error', (error) => options.onFailure(error));
    worker.on('exit', (code) => {
      if (!checkpointer.#stopping) options.onFailure(new Error(`the WAL checkpointer exited (${code})`));
    });
    return checkpointer;
  }

  async stop(): Promise<void> {
    if (this.#stopping) return;
    this.#stopping = true;
    const exited = new Promise<void>((resolve) => this.#worker.once('exit', () => resolve()));
    this.#worker.postMessage('stop');
    const timer = setTimeout(() => void this.#worker.terminate(), 5000);
    await exited;
    clearTimeout(timer);
  }
}
