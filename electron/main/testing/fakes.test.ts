import { describe, expect, it } from 'vitest';
import { FakeClock, FakeNotifier, FakeRegistrar, FakeTray, FakeWindows } from './fakes.ts';

describe('FakeClock', () => {
  it('runs due timers in due order, each at its own time, and stops at the target', () => {
    const clock = new FakeClock(1000);
    const ran: [string, number][] = [];
    clock.setTimeout(() => ran.push(['b', clock.now()]), 200);
    clock.setTimeout(() => ran.push(['a', clock.now()]), 100);
    clock.setTimeout(() => ran.push(['same-as-b', clock.now()]), 200);
    clock.setTimeout(() => ran.push(['late', clock.now()]), 500);
    clock.advance(300);
    expect(ran).toEqual([
      ['a', 1100],
      ['b', 1200],
      ['same-as-b', 1200],
    ]);
    expect(clock.now()).toBe(1300);
    expect(clock.pending()).toBe(1);
  });

  it('runs a timer set by a timer when it falls due within the same advance', () => {
    const clock = new FakeClock(0);
    const ran: number[] = [];
    clock.setTimeout(() => {
      ran.push(clock.now());
      clock.setTimeout(() => ran.push(clock.now()), 50);
    }, 100);
    clock.advance(1000);
    expect(ran).toEqual([100, 150]);
  });

  it('a cancelled timer never runs', () => {
    const clock = new FakeClock(0);
    let ran = false;
    clock.setTimeout(() => (ran = true), 10).cancel();
    clock.advance(100);
    expect(ran).toBe(false);
  });

  it('takes ISO instants', () => {
    const clock = new FakeClock('2026-11-25T10:00:00Z');
    clock.advanceTo('2026-11-25T10:00:05Z');
    expect(clock.now()).toBe(Date.parse('2026-11-25T10:00:05Z'));
  });
});

describe('FakeTray', () => {
  it('clicks enabled items by id, also inside submenus, and refuses others', () => {
    const tray = new FakeTray();
    const clicked: string[] = [];
    tray.setContextMenu(
      [
        { kind: 'label', label: 'Score' },
        { kind: 'action', id: 'undo', label: 'Undo', enabled: false },
        {
          kind: 'submenu',
          label: 'Challenge',
          items: [{ kind: 'action', id: 'challenge:c1', label: 'Open' }],
        },
      ],
      (id) => clicked.push(id),
    );
    tray.click('challenge:c1');
    expect(clicked).toEqual(['challenge:c1']);
    expect(() => tray.click('undo')).toThrow(/disabled/);
    expect(() => tray.click('nope')).toThrow(
      /no menu item 'nope' in: Score \| Undo \(disabled\) \| Challenge >/,
    );
    expect(tray.menuLines()).toEqual(['Score', 'Undo (disabled)', 'Challenge >', '  Open']);
  });
});

describe('FakeRegistrar', () => {
  it('refuses keys held by other apps and keys this app holds already', () => {
    const registrar = new FakeRegistrar(['Ctrl+Alt+K']);
    const pressed: string[] = [];
    expect(registrar.register('Ctrl+Alt+K', () => pressed.push('k'))).toBe(false);
    expect(registrar.register('Ctrl+Alt+C', () => pressed.push('c'))).toBe(true);
    expect(registrar.register('Ctrl+Alt+C', () => pressed.push('again'))).toBe(false);
    expect(registrar.press('Ctrl+Alt+C')).toBe(true);
    registrar.unregister('Ctrl+Alt+C');
    expect(registrar.press('Ctrl+Alt+C')).toBe(false);
    expect(pressed).toEqual(['c']);
    expect(registrar.calls.map((c) => c.op)).toEqual(['register', 'register', 'register', 'unregister']);
  });
});

describe('FakeNotifier and FakeWindows', () => {
  it('records what was shown and opened', () => {
    const notifier = new FakeNotifier();
    const windows = new FakeWindows();
    notifier.show({ id: 'n1', title: 'T', body: 'B', route: '/live/c1' }, () => windows.openMain('/live/c1'));
    notifier.click('n1');
    expect(windows.route).toBe('/live/c1');
    expect(() => notifier.click('n2')).toThrow(/no notification 'n2'/);
    windows.openQuickEntry('forward_appointment');
    expect(windows.quickEntryFor).toBe('forward_appointment');
    windows.closeQuickEntry();
    expect(windows.quickEntryFor).toBeNull();
  });
});
