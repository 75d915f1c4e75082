import { describe, expect, it } from 'vitest';
import { canonicalAccelerator, displayAccelerator, validateAccelerator } from './accelerator.ts';

describe('displayAccelerator', () => {
  it.each<[string, NodeJS.Platform, string]>([
    ['CommandOrControl+Alt+C', 'linux', 'Ctrl+Alt+C'],
    ['CommandOrControl+Alt+C', 'win32', 'Ctrl+Alt+C'],
    ['CommandOrControl+Alt+C', 'darwin', '⌘⌥C'],
    ['CmdOrCtrl+Shift+z', 'linux', 'Ctrl+Shift+Z'],
    ['Control+Option+F5', 'darwin', '⌃⌥F5'],
    ['Super+Alt+Space', 'linux', 'Super+Alt+Space'],
    ['Meta+Alt+K', 'win32', 'Win+Alt+K'],
    ['Ctrl+Alt+Plus', 'linux', 'Ctrl+Alt++'],
    ['ctrl+alt+esc', 'linux', 'Ctrl+Alt+Esc'],
    ['  Ctrl+Nope ', 'linux', 'Ctrl+Nope'],
  ])('%s on %s reads %s', (accelerator, platform, expected) => {
    expect(displayAccelerator(accelerator, platform)).toBe(expected);
  });
});

describe('validateAccelerator', () => {
  it.each(['CommandOrControl+Alt+C', 'Ctrl+Shift+F12', 'Alt+Space', 'Shift+F9', 'Super+num5', 'Ctrl+Alt+/'])(
    '%s is valid',
    (accelerator) => {
      expect(validateAccelerator(accelerator)).toBeNull();
    },
  );

  it.each([
    ['', /Type a key combination/],
    ['C', /C alone would fire/],
    ['F5', /add a modifier/],
    ['Shift+C', /capital C/],
    ['Ctrl+Alt', /has no key/],
    ['Ctrl+A+B', /2 keys \(A, B\)/],
    ['Ctrl++', /Plus/],
    ['Ctrl+Hyper+C', /"Hyper" is not a key/],
    ['Ctrl+F25', /"F25" is not a key/],
  ])('%j is refused: %s', (accelerator, reason) => {
    expect(validateAccelerator(accelerator)).toMatch(reason);
  });
});

describe('canonicalAccelerator', () => {
  it.each<[string, string, NodeJS.Platform, boolean]>([
    ['CommandOrControl+Alt+C', 'Ctrl+Alt+C', 'linux', true],
    ['CommandOrControl+Alt+C', 'Alt+Control+c', 'win32', true],
    ['CommandOrControl+Alt+C', 'Ctrl+Alt+C', 'darwin', false],
    ['CommandOrControl+Alt+C', 'Cmd+Option+C', 'darwin', true],
    ['Ctrl+Alt+Esc', 'Ctrl+Alt+Escape', 'linux', true],
    ['Ctrl+Alt+C', 'Ctrl+Shift+C', 'linux', false],
  ])('%s and %s are the same keys on %s: %s', (a, b, platform, same) => {
    expect(canonicalAccelerator(a, platform) === canonicalAccelerator(b, platform)).toBe(same);
  });
});
