/**
 * electron-builder.yml, read and validated the way `npx electron-builder` does before it packages
 * anything (its own configuration schema), without packaging: that needs the Electron binary,
 * which these machines cannot download. Also the references the schema cannot know: the app id
 * the app gives Windows, the icons, and the folder that `npm run build:electron` writes.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import type { Configuration } from 'app-builder-lib';
import { DebugLogger } from 'builder-util/out/DebugLogger.js';
import { afterAll, describe, expect, it } from 'vitest';
import { buildElectron, electronOutDir } from '../electron/build.ts';
import { APP_ID } from '../electron/main/app-id.ts';

const ROOT = join(import.meta.dirname, '..');
const FILE = 'electron-builder.yml';

async function load(dir: string): Promise<Configuration> {
  const config = await getConfig(dir, join(dir, FILE), null);
  await validateConfiguration(config, new DebugLogger(false));
  return config;
}

describe('electron-builder.yml', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'wolfpack-builder-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('passes electron-builder’s own validation', async () => {
    const config = await load(ROOT);
    expect(config.appId).toBe(APP_ID);
    expect(config.directories?.app).toBe('dist/electron');
    // No native modules, and the built folder holds no node_modules: nothing to rebuild.
    expect(config.npmRebuild).toBe(false);
  });

  it('is refused with the misplaced option named when it has a typo', async () => {
    copyFileSync(join(ROOT, 'package.json'), join(scratch, 'package.json'));
    const text = readFileSync(join(ROOT, FILE), 'utf8');
    expect(text).toContain('oneClick: true');
    writeFileSync(join(scratch, FILE), text.replace('oneClick: true', 'oneClik: true'));
    await expect(load(scratch)).rejects.toThrow(/configuration\.nsis/);
  });

  it('builds no Linux package that electron-builder would refuse for want of a maintainer', async () => {
    const config = await load(ROOT);
    const targets = [config.linux?.target ?? []].flat().map((t) => (typeof t === 'string' ? t : t.target));
    expect(targets).toContain('AppImage');
    // deb, rpm and the like go through fpm, which needs a maintainer's address and a homepage.
    const fpm = targets.filter((t) => ['deb', 'rpm', 'pacman', 'apk', 'freebsd', 'p5p'].includes(t));
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { homepage?: string };
    if (fpm.length > 0) expect([config.linux?.maintainer, pkg.homepage]).not.toContain(undefined);
  });

  it('points at icons that exist', async () => {
    const config = await load(ROOT);
    const icons = [config.linux?.icon, config.mac?.icon, config.win?.icon];
    expect(icons.every((icon) => typeof icon === 'string')).toBe(true);
    for (const icon of icons) expect(existsSync(join(ROOT, icon as string)), icon as string).toBe(true);
  });

  it('packages the folder that the desktop build writes, whose manifest starts the app', async () => {
    const config = await load(ROOT);
    expect(join(ROOT, config.directories?.app as string)).toBe(electronOutDir(ROOT));
    const { outDir } = await buildElectron(ROOT, join(scratch, 'app'));
    const manifest = JSON.parse(readFileSync(join(outDir, 'package.json'), 'utf8')) as Record<string, string>;
    expect(manifest.productName).toBe(config.productName);
    expect(existsSync(join(outDir, manifest.main as string))).toBe(true);
  }, 60_000);
});
