import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildElectron, type BuildResult } from './build.ts';

const root = path.join(import.meta.dirname, '..');
let out: string;
let result: BuildResult;

beforeAll(async () => {
  out = await mkdtemp(path.join(tmpdir(), 'wolfpack-build-'));
  result = await buildElectron(root, path.join(out, 'electron'));
}, 60_000);

afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe('buildElectron', () => {
  it('writes the app electron-builder packages', () => {
    expect(result.files).toEqual(
      expect.arrayContaining([
        'package.json',
        'main/index.js',
        'preload/index.js',
        'preload/package.json',
        'relay-host/child.js',
        'relay-host/package.json',
        'renderer/index.html',
        'renderer/main.js',
        'renderer/quick-entry.html',
        'renderer/quick-entry.js',
        'renderer/style.css',
        'icons/app.png',
        'icons/trayTemplate.png',
        'icons/trayTemplate@2x.png',
        'icons/tray-22.png',
        'icons/tray-16@2x.png',
      ]),
    );
  });

  it('writes a manifest whose main is the built main process', async () => {
    const manifest = JSON.parse(await readFile(path.join(result.outDir, 'package.json'), 'utf8')) as Record<
      string,
      string
    >;
    expect(manifest).toMatchObject({ productName: 'Wolfpack', type: 'module', main: 'main/index.js' });
    expect(result.files).toContain(manifest.main);
  });

  it('keeps the preload a single file that loads nothing but electron (a sandboxed preload cannot)', async () => {
    const preload = await readFile(path.join(result.outDir, 'preload/index.js'), 'utf8');
    const required = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\)/);
  });

  it('leaves electron out of every bundle and node:sqlite out of the relay child', async () => {
    const main = await readFile(path.join(result.outDir, 'main/index.js'), 'utf8');
    expect(main).toMatch(/from "electron"/);
    const child = await readFile(path.join(result.outDir, 'relay-host/child.js'), 'utf8');
    expect(child).toContain('require("node:sqlite")');
    expect(child).not.toMatch(/require\("electron"\)/);
  });
});
