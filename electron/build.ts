import { existsSync } from 'node:fs';
import { copyFile, cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build, type BuildOptions } from 'esbuild';

/**
 * Bundles the desktop app into dist/electron/, the folder electron-builder packages
 * (directories.app). Needs no Electron binary: 'electron' stays an external import.
 *
 *   main/index.js          main process, ESM
 *   preload/index.js       the sandboxed preload: one CommonJS file (it cannot load modules)
 *   relay-host/child.js    the relay's utility process, CommonJS
 *   renderer/              our pages (IIFE scripts, HTML, CSS), served on app://wolfpack/:
 *                          main.js + main.css (the React app) and the quick-entry box
 *   icons/                 tray icons read at run time
 *   web/                   the web app (dist/web, when built), served by a relay hosted here
 *   package.json           what Electron and electron-builder read: name, version, main
 */

const ELECTRON_TARGET = ['node22', 'chrome140'];

/**
 * Syntax lowered although Electron runs it natively: electronegativity's AST walker predates
 * class private members and stops at the first file that has them, leaving it unchecked.
 */
const FOR_THE_SCANNER = {
  'class-private-field': false,
  'class-private-method': false,
  'class-private-accessor': false,
  'class-private-static-field': false,
  'class-private-static-method': false,
  'class-private-static-accessor': false,
  'class-private-brand-check': false,
  'class-static-blocks': false,
};

/** CommonJS files keep the .js extension that electronegativity reads; this marks their folder. */
const COMMONJS_MARKER = '{ "type": "commonjs" }\n';

export interface BuildResult {
  outDir: string;
  /** Every file written, relative to outDir, with forward slashes, sorted. */
  files: string[];
}

/** Where `npm run build:electron` writes, and what electron-builder.yml packages. */
export const electronOutDir = (root: string): string => path.join(root, 'dist', 'electron');

export async function buildElectron(root: string, outDir = electronOutDir(root)): Promise<BuildResult> {
  await rm(outDir, { recursive: true, force: true });
  const common: BuildOptions = {
    absWorkingDir: root,
    bundle: true,
    target: ELECTRON_TARGET,
    legalComments: 'none',
    logLevel: 'warning',
    sourcemap: 'linked',
    supported: FOR_THE_SCANNER,
  };
  await Promise.all([
    build({
      ...common,
      entryPoints: ['electron/main/index.ts'],
      outfile: path.join(outDir, 'main/index.js'),
      platform: 'node',
      format: 'esm',
      external: ['electron'],
      // Bundled CommonJS dependencies call require() for Node built-ins; ESM has none.
      banner: {
        js: "import { createRequire as __wolfpackRequire } from 'node:module';\nconst require = __wolfpackRequire(import.meta.url);",
      },
    }),
    build({
      ...common,
      entryPoints: ['electron/preload/index.ts'],
      outfile: path.join(outDir, 'preload/index.js'),
      platform: 'node',
      format: 'cjs',
      external: ['electron'],
    }),
    build({
      ...common,
      entryPoints: ['electron/relay-host/child.ts'],
      outfile: path.join(outDir, 'relay-host/child.js'),
      platform: 'node',
      format: 'cjs',
      // Optional native speed-ups of ws; it falls back to JavaScript without them.
      // node:sqlite exists only with its prefix; esbuild would strip it for an older target.
      external: ['node:sqlite', 'bufferutil', 'utf-8-validate'],
      // CommonJS has no import.meta; the relay only uses it for a default the child overrides.
      define: { 'import.meta.url': '__wolfpackModuleUrl' },
      banner: { js: "const __wolfpackModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
    }),
    build({
      ...common,
      // The main window is the React app (renderer/app); its stylesheets come out as main.css.
      entryPoints: { main: 'renderer/app/main.tsx', 'quick-entry': 'renderer/quick-entry.ts' },
      outdir: path.join(outDir, 'renderer'),
      platform: 'browser',
      format: 'iife',
      target: ['chrome140'],
      jsx: 'automatic',
      // React's production build: the development one is slower and warns in the console.
      define: { 'process.env.NODE_ENV': '"production"' },
    }),
  ]);
  for (const name of ['index.html', 'quick-entry.html', 'style.css']) {
    await copyFile(path.join(root, 'renderer', name), path.join(outDir, 'renderer', name));
  }
  for (const dir of ['preload', 'relay-host'])
    await writeFile(path.join(outDir, dir, 'package.json'), COMMONJS_MARKER);
  await mkdir(path.join(outDir, 'icons'), { recursive: true });
  for (const name of await readdir(path.join(root, 'build', 'tray'))) {
    await copyFile(path.join(root, 'build', 'tray', name), path.join(outDir, 'icons', name));
  }
  await copyFile(path.join(root, 'build', 'icons', '256x256.png'), path.join(outDir, 'icons', 'app.png'));
  const web = path.join(root, 'dist', 'web');
  if (existsSync(web)) await cp(web, path.join(outDir, 'web'), { recursive: true });
  await writeFile(path.join(outDir, 'package.json'), `${JSON.stringify(await appManifest(root), null, 2)}\n`);
  return { outDir, files: await listFiles(outDir) };
}

async function appManifest(root: string): Promise<Record<string, unknown>> {
  const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
  return {
    name: pkg.name,
    productName: 'Wolfpack',
    version: pkg.version,
    description: pkg.description,
    license: pkg.license,
    author: 'Wolfpack',
    type: 'module',
    main: 'main/index.js',
  };
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

if (import.meta.main) {
  const result = await buildElectron(path.join(import.meta.dirname, '..'));
  console.log(`built ${result.files.length} files into ${path.relative(process.cwd(), result.outDir)}/`);
}
