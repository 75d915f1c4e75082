import { describe, expect, it } from 'vitest';
import { autostartEntry, isWaylandSession, mergeFeatures, requiredFeatures } from './command-line.ts';

describe('isWaylandSession', () => {
  it.each([
    ['linux', { XDG_SESSION_TYPE: 'wayland' }, true],
    ['linux', { WAYLAND_DISPLAY: 'wayland-0' }, true],
    ['linux', { XDG_SESSION_TYPE: 'x11', DISPLAY: ':0' }, false],
    ['linux', {}, false],
    ['darwin', { WAYLAND_DISPLAY: 'wayland-0' }, false],
    ['win32', { XDG_SESSION_TYPE: 'wayland' }, false],
  ] as const)('%s %j -> %s', (platform, env, expected) => {
    expect(isWaylandSession(platform, env)).toBe(expected);
  });
});

describe('mergeFeatures', () => {
  it.each([
    ['', ['GlobalShortcutsPortal'], 'GlobalShortcutsPortal'],
    ['WebRTCPipeWireCapturer', ['GlobalShortcutsPortal'], 'WebRTCPipeWireCapturer,GlobalShortcutsPortal'],
    ['A, B,,', ['B', 'C'], 'A,B,C'],
    ['GlobalShortcutsPortal', ['GlobalShortcutsPortal'], 'GlobalShortcutsPortal'],
    ['A', [], 'A'],
  ])('%j + %j -> %j', (existing, add, expected) => {
    expect(mergeFeatures(existing, add)).toBe(expected);
  });
});

describe('requiredFeatures', () => {
  it('asks for the shortcuts portal on Wayland only', () => {
    expect(requiredFeatures('linux', { XDG_SESSION_TYPE: 'wayland' })).toEqual(['GlobalShortcutsPortal']);
    expect(requiredFeatures('linux', { XDG_SESSION_TYPE: 'x11' })).toEqual([]);
    expect(requiredFeatures('darwin', {})).toEqual([]);
  });
});

describe('autostartEntry', () => {
  it('starts the AppImage at login', () => {
    const entry = autostartEntry(['/home/ana/Apps/Wolfpack-0.1.0.AppImage']);
    expect(entry).toContain('Exec=/home/ana/Apps/Wolfpack-0.1.0.AppImage\n');
    expect(entry.startsWith('[Desktop Entry]\nType=Application\n')).toBe(true);
  });

  it('quotes what the Exec key would split or expand', () => {
    expect(autostartEntry(['/opt/My Apps/wolfpack', '/src/"x"/$HOME'])).toContain(
      'Exec="/opt/My Apps/wolfpack" "/src/\\"x\\"/\\$HOME"\n',
    );
  });
});
