import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Relay } from '../server/relay.ts';

/**
 * `npm start`: builds and starts the desktop app when the Electron binary is here; otherwise
 * says so in one line and starts what it can, the embedded relay that the web app will use.
 *
 * The binary is found the way the electron package's index.js finds it, without ever running
 * that file: from Electron 42 on, requiring 'electron' from Node starts a download when the
 * binary is missing, which cannot work on a machine without internet.
 */

export interface BinaryProbe {
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  /** node_modules/electron */
  packageDir: string;
  exists(file: string): boolean;
  /** The file's text, or null when it does not exist. */
  readText(file: string): string | null;
}

/** What the electron package's install.js writes into path.txt for each platform. */
export function platformExecutable(platform: NodeJS.Platform): string | null {
  switch (platform) {
    case 'darwin':
      return 'Electron.app/Contents/MacOS/Electron';
    case 'win32':
      return 'electron.exe';
    case 'linux':
    case 'freebsd':
    case 'openbsd':
      return 'electron';
    default:
      return null;
  }
}

export type BinaryLookup =
  | { found: true; executable: string; source: 'ELECTRON_OVERRIDE_DIST_PATH' | 'node_modules' }
  | { found: false; reason: string };

export function findElectronBinary(probe: BinaryProbe): BinaryLookup {
  const pathTxt = probe.readText(path.join(probe.packageDir, 'path.txt'))?.trim() || null;
  const override = probe.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    // index.js joins the override with path.txt, or 'electron' when there is none.
    const executable = path.join(override, pathTxt ?? platformExecutable(probe.platform) ?? 'electron');
    return probe.exists(executable)
      ? { found: true, executable, source: 'ELECTRON_OVERRIDE_DIST_PATH' }
      : { found: false, reason: `ELECTRON_OVERRIDE_DIST_PATH is set but ${executable} does not exist` };
  }
  if (!pathTxt) return { found: false, reason: 'the Electron binary is not installed here' };
  const executable = path.join(probe.packageDir, 'dist', pathTxt);
  return probe.exists(executable)
    ? { found: true, executable, source: 'node_modules' }
    : { found: false, reason: `the Electron binary is not installed here (${executable} is missing)` };
}

const ROOT = path.join(import.meta.dirname, '..');

export const MISSING_BINARY_LINE =
  'wolfpack: the Electron binary is not installed here (it downloads on first use, which needs internet): ' +
  'set ELECTRON_OVERRIDE_DIST_PATH or run `npx electron --version` online. Starting the relay alone.';

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

async function startApp(executable: string, args: string[]): Promise<number> {
  // A pack hosted on this computer serves the web app to partners without the desktop app.
  await ensureWebBuilt();
  const { buildElectron } = await import('./build.ts');
  const { outDir } = await buildElectron(ROOT);
  const env = { ...process.env };
  // Set by some tools for their own Electron; it would make ours run as plain Node.
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(executable, [outDir, ...args], { stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  whenOrphaned(() => child.kill('SIGTERM'));
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}

/** A fresh checkout has no dist/web yet; the first start builds it (about a second) so `/` works. */
async function ensureWebBuilt(): Promise<boolean> {
  if (existsSync(path.join(ROOT, 'dist', 'web', 'index.html'))) return true;
  console.log('wolfpack: building the web app (first start only) ...');
  try {
    const { build } = await import('vite');
    await build({ configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
    return true;
  } catch (error) {
    console.error(
      `wolfpack: the web app could not be built (${(error as Error).message}); the relay runs without it`,
    );
    return false;
  }
}

async function startRelayAlone(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { port: { type: 'string' }, host: { type: 'string' }, db: { type: 'string' } },
    strict: true,
  });
  const { defaultProfileDir } = await import('../client/profile.ts');
  const { startRelay } = await import('../server/relay.ts');
  const { installLastResort } = await import('../server/last-resort.ts');
  const { pino } = await import('pino');
  const port = values.port === undefined ? 7420 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    console.error(`wolfpack: --port must be a port number, not "${values.port}"`);
    return 2;
  }
  const host = values.host ?? '127.0.0.1';
  const dbPath = values.db
    ? path.resolve(values.db)
    : path.join(
        defaultProfileDir({ env: process.env, platform: process.platform, homedir: homedir() }),
        'relay.sqlite',
      );
  await mkdir(path.dirname(dbPath), { recursive: true });
  let relay: Relay | undefined;
  const logger = pino({ level: 'warn' });
  // Nothing restarts `npm start`: after an uncaught exception the person who ran it reads why.
  const uninstall = installLastResort({
    log: logger,
    stop: async () => relay?.close(),
    exit: (code) => process.exit(code),
    say: (line) => console.error(`wolfpack: ${line}; run \`npm start\` again`),
  });
  try {
    relay = await startRelay({ port, host, dbPath, logger });
  } catch (error) {
    uninstall();
    const busy = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
    console.error(
      `wolfpack: ${busy ? `port ${port} on ${host} is already in use` : (error as Error).message}`,
    );
    return 1;
  }
  console.log(`wolfpack: relay on ${relay.url} (data: ${dbPath})`);
  const webBuilt = await ensureWebBuilt();
  const web = webBuilt
    ? `the web app is at ${relay.url}/`
    : `the web app will be at ${relay.url}/ once it is built`;
  console.log(`wolfpack: ${web}, for this pack in a browser; Ctrl-C stops`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
    whenOrphaned(resolve);
  });
  await relay.close();
  uninstall();
  return 0;
}

/**
 * `npm start` runs this through a shell, and on Linux and macOS that shell does not pass on the
 * SIGTERM that npm forwards to it: npm and the shell end, and this process would go on alone,
 * holding its port. So when npm started it, it also stops once its parent has gone.
 */
function whenOrphaned(stop: () => void): void {
  if (process.env.npm_lifecycle_event === undefined || process.platform === 'win32') return;
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    stop();
  }, 250);
  timer.unref();
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  const lookup = findElectronBinary({
    env: process.env,
    platform: process.platform,
    packageDir: path.join(ROOT, 'node_modules', 'electron'),
    exists: existsSync,
    readText,
  });
  if (!lookup.found) {
    const detail = lookup.reason === 'the Electron binary is not installed here' ? '' : ` (${lookup.reason})`;
    console.log(MISSING_BINARY_LINE + detail);
  }
  process.exitCode = lookup.found ? await startApp(lookup.executable, args) : await startRelayAlone(args);
}
