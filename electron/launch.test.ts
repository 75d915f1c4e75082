import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findElectronBinary, platformExecutable, type BinaryProbe } from './launch.ts';

const pkg = '/repo/node_modules/electron';

function probe(
  files: Record<string, string>,
  env: Record<string, string> = {},
  platform: NodeJS.Platform = 'linux',
): BinaryProbe {
  return {
    env,
    platform,
    packageDir: pkg,
    exists: (file) => file in files,
    readText: (file) => files[file] ?? null,
  };
}

describe('findElectronBinary', () => {
  it('reports a package that never downloaded its binary', () => {
    expect(findElectronBinary(probe({}))).toEqual({
      found: false,
      reason: 'the Electron binary is not installed here',
    });
  });

  it('finds the installed binary through path.txt', () => {
    const exe = path.join(pkg, 'dist', 'electron');
    expect(findElectronBinary(probe({ [path.join(pkg, 'path.txt')]: 'electron', [exe]: '' }))).toEqual({
      found: true,
      executable: exe,
      source: 'node_modules',
    });
  });

  it('does not trust a path.txt whose binary is gone', () => {
    const result = findElectronBinary(probe({ [path.join(pkg, 'path.txt')]: 'electron' }));
    expect(result).toMatchObject({ found: false, reason: expect.stringMatching(/is missing/) });
  });

  it.each([
    ['linux', '/opt/electron/electron'],
    ['win32', path.join('/opt/electron', 'electron.exe')],
    ['darwin', path.join('/opt/electron', 'Electron.app/Contents/MacOS/Electron')],
  ] as const)('uses ELECTRON_OVERRIDE_DIST_PATH on %s', (platform, exe) => {
    const result = findElectronBinary(
      probe({ [exe]: '' }, { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' }, platform),
    );
    expect(result).toEqual({ found: true, executable: exe, source: 'ELECTRON_OVERRIDE_DIST_PATH' });
  });

  it('joins the override with path.txt like the electron package does', () => {
    const exe = path.join('/opt/e', 'custom-name');
    const files = { [path.join(pkg, 'path.txt')]: 'custom-name\n', [exe]: '' };
    expect(findElectronBinary(probe(files, { ELECTRON_OVERRIDE_DIST_PATH: '/opt/e' }))).toMatchObject({
      executable: exe,
    });
  });

  it('says when the override points nowhere', () => {
    const result = findElectronBinary(probe({}, { ELECTRON_OVERRIDE_DIST_PATH: '/nowhere' }));
    expect(result).toMatchObject({
      found: false,
      reason: expect.stringMatching(/ELECTRON_OVERRIDE_DIST_PATH is set/),
    });
  });

  it('knows no binary for other platforms', () => {
    expect(platformExecutable('aix')).toBeNull();
  });
});
