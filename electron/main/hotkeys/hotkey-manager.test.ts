import { describe, expect, it } from 'vitest';
import type { HotkeyAction, HotkeyState } from '../../../core/app-api.ts';
import { FakeRegistrar } from '../testing/fakes.ts';
import { HotkeyManager, defaultBindings } from './hotkey-manager.ts';

function setup(heldByOthers: string[] = [], platform: NodeJS.Platform = 'linux') {
  const registrar = new FakeRegistrar(heldByOthers);
  const pressed: HotkeyAction[] = [];
  const changes: HotkeyState[] = [];
  const manager = new HotkeyManager({
    registrar,
    platform,
    onPress: (action) => pressed.push(action),
    onChange: (state) => changes.push(state),
  });
  return { registrar, pressed, changes, manager };
}

describe('HotkeyManager', () => {
  it('registers the defaults and turns a key press into its action', () => {
    const { registrar, pressed, manager } = setup();
    const state = manager.apply(defaultBindings());
    expect(state.problems).toEqual([]);
    expect(registrar.registered()).toHaveLength(5);
    registrar.press('CommandOrControl+Alt+C');
    registrar.press('CommandOrControl+Alt+Z');
    expect(pressed).toEqual(['call', 'undo']);
  });

  it.each<[NodeJS.Platform, string]>([
    ['linux', 'Ctrl+Alt+A is taken by another application'],
    ['darwin', '⌘⌥A is taken by another application'],
  ])('reports a combination another app holds, named as %s shows it', (platform, expected) => {
    const { registrar, manager, changes } = setup(['CommandOrControl+Alt+A'], platform);
    const state = manager.apply(defaultBindings());
    expect(state.problems).toEqual([
      {
        action: 'appointment',
        accelerator: 'CommandOrControl+Alt+A',
        message: expect.stringContaining(expected),
      },
    ]);
    expect(state.problems[0]?.message).toMatch(/no hotkey logs an appointment/);
    // The others still work, and the change was announced.
    expect(registrar.press('CommandOrControl+Alt+C')).toBe(true);
    expect(changes.at(-1)).toEqual(state);
  });

  it('reports invalid and duplicate bindings instead of throwing', () => {
    const { registrar, manager } = setup();
    const state = manager.apply({ ...defaultBindings(), proposal: 'P', undo: 'Ctrl+Alt+C' });
    expect(state.problems.map((p) => [p.action, p.message])).toEqual([
      ['proposal', expect.stringMatching(/^The hotkey that logs a proposal is not usable: P alone/)],
      ['undo', 'Ctrl+Alt+C is set for two actions and only logs a call; choose another one.'],
    ]);
    expect(registrar.registered()).toEqual([
      'CommandOrControl+Alt+A',
      'CommandOrControl+Alt+C',
      'CommandOrControl+Alt+F',
    ]);
  });

  it('survives a registrar that throws', () => {
    const manager = new HotkeyManager({
      registrar: {
        register: () => {
          throw new Error('conversion failure');
        },
        unregister: () => undefined,
      },
      platform: 'linux',
      onPress: () => undefined,
      onChange: () => undefined,
    });
    expect(manager.apply(defaultBindings()).problems).toHaveLength(5);
  });

  describe('rebind', () => {
    it('moves a binding: the old keys are released, the new ones log', () => {
      const { registrar, pressed, manager, changes } = setup();
      manager.apply(defaultBindings());
      expect(manager.rebind('call', 'Ctrl+Shift+K')).toEqual({ ok: true });
      expect(registrar.isRegistered('CommandOrControl+Alt+C')).toBe(false);
      expect(registrar.press('Ctrl+Shift+K')).toBe(true);
      expect(pressed).toEqual(['call']);
      expect(manager.state().bindings.call).toBe('Ctrl+Shift+K');
      expect(changes.at(-1)?.bindings.call).toBe('Ctrl+Shift+K');
    });

    it('keeps the old binding when the new one is taken, and says so naming both', () => {
      const { registrar, pressed, manager, changes } = setup(['Ctrl+Alt+K']);
      manager.apply(defaultBindings());
      const before = changes.length;
      expect(manager.rebind('call', 'Ctrl+Alt+K')).toEqual({
        ok: false,
        message: 'Ctrl+Alt+K is taken by another application; Ctrl+Alt+C still logs a call.',
      });
      expect(manager.state().bindings.call).toBe('CommandOrControl+Alt+C');
      expect(manager.state().problems).toEqual([]);
      registrar.press('CommandOrControl+Alt+C');
      expect(pressed).toEqual(['call']);
      expect(changes).toHaveLength(before);
    });

    it.each([
      ['Ctrl+Alt+A', 'Ctrl+Alt+A already logs an appointment; choose another combination.'],
      ['Alt+Ctrl+z', 'Alt+Ctrl+Z already undoes the last log; choose another combination.'],
      ['K', 'K alone would fire whenever you type it; add a modifier such as Ctrl and Alt.'],
    ])('refuses %s: %s', (accelerator, message) => {
      const { manager, registrar } = setup();
      manager.apply(defaultBindings());
      const calls = registrar.calls.length;
      expect(manager.rebind('call', accelerator)).toEqual({ ok: false, message });
      expect(registrar.calls).toHaveLength(calls);
      expect(registrar.isRegistered('CommandOrControl+Alt+C')).toBe(true);
    });

    it('fixes a problem: a taken default rebound to free keys clears the problem', () => {
      const { manager } = setup(['CommandOrControl+Alt+P']);
      expect(manager.apply(defaultBindings()).problems).toHaveLength(1);
      expect(manager.rebind('proposal', 'Ctrl+Alt+O')).toEqual({ ok: true });
      expect(manager.state().problems).toEqual([]);
    });

    it('a binding that never worked stays without a hotkey and the message says so', () => {
      const { manager } = setup(['CommandOrControl+Alt+P', 'Ctrl+Alt+O']);
      manager.apply(defaultBindings());
      expect(manager.rebind('proposal', 'Ctrl+Alt+O')).toEqual({
        ok: false,
        message: 'Ctrl+Alt+O is taken by another application; no hotkey logs a proposal yet.',
      });
    });

    it('while paused, checks the new keys without holding them', () => {
      const { registrar, manager } = setup(['Ctrl+Alt+K']);
      manager.apply(defaultBindings());
      manager.setPaused(true);
      expect(manager.rebind('call', 'Ctrl+Alt+K')).toMatchObject({ ok: false });
      expect(manager.rebind('call', 'Ctrl+Alt+J')).toEqual({ ok: true });
      expect(registrar.registered()).toEqual([]);
      manager.setPaused(false);
      expect(registrar.isRegistered('Ctrl+Alt+J')).toBe(true);
    });
  });

  describe('pause', () => {
    it('releases every key while paused and takes them back on resume', () => {
      const { registrar, pressed, manager, changes } = setup();
      manager.apply(defaultBindings());
      manager.setPaused(true);
      expect(registrar.registered()).toEqual([]);
      expect(manager.state().paused).toBe(true);
      expect(changes.at(-1)?.paused).toBe(true);
      expect(registrar.press('CommandOrControl+Alt+C')).toBe(false);

      manager.setPaused(false);
      expect(registrar.registered()).toHaveLength(5);
      registrar.press('CommandOrControl+Alt+C');
      expect(pressed).toEqual(['call']);
      expect(changes.at(-1)?.paused).toBe(false);
    });

    it('finds out on resume that another app took a key meanwhile', () => {
      const { registrar, manager } = setup();
      manager.apply(defaultBindings());
      manager.setPaused(true);
      registrar.heldByOthers.add('CommandOrControl+Alt+F');
      manager.setPaused(false);
      expect(manager.state().problems.map((p) => p.action)).toEqual(['forward_appointment']);
    });

    it('pausing twice changes nothing the second time', () => {
      const { manager, changes } = setup();
      manager.apply(defaultBindings());
      manager.setPaused(true);
      const count = changes.length;
      manager.setPaused(true);
      expect(changes).toHaveLength(count);
    });

    it('apply while paused stores the bindings and registers nothing', () => {
      const { registrar, manager } = setup();
      manager.setPaused(true);
      manager.apply({ ...defaultBindings(), call: 'Ctrl+Alt+J' });
      expect(registrar.registered()).toEqual([]);
      manager.setPaused(false);
      expect(registrar.isRegistered('Ctrl+Alt+J')).toBe(true);
    });
  });

  it('dispose releases everything and ignores stale presses', () => {
    const { registrar, pressed, manager } = setup();
    manager.apply(defaultBindings());
    const callbacks = registrar.registered();
    manager.dispose();
    expect(registrar.registered()).toEqual([]);
    expect(callbacks.map((a) => registrar.press(a))).toEqual([false, false, false, false, false]);
    expect(pressed).toEqual([]);
  });
});
