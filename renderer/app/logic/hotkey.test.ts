import { describe, expect, it } from 'vitest';
import { acceleratorFrom, describeAccelerator } from './hotkey.ts';
import type { KeyPress } from './hotkey.ts';

const press = (key: string, code: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  key,
  code,
  ctrlKey: false,
  altKey: false,
  shiftKey: false,
  metaKey: false,
  ...mods,
});

describe('hotkey capture', () => {
  it.each([
    [press('c', 'KeyC', { ctrlKey: true, altKey: true }), 'CommandOrControl+Alt+C'],
    [press('C', 'KeyC', { metaKey: true, shiftKey: true }), 'CommandOrControl+Shift+C'],
    [press('!', 'Digit1', { altKey: true, shiftKey: true }), 'Alt+Shift+1'],
    [press('F9', 'F9'), 'F9'],
    [press('ArrowUp', 'ArrowUp', { ctrlKey: true }), 'CommandOrControl+Up'],
  ])('%j → %s', (keyPress, accelerator) => {
    expect(acceleratorFrom(keyPress)).toEqual({ ok: true, accelerator });
  });

  it('waits while only modifiers are held', () => {
    expect(acceleratorFrom(press('Control', 'ControlLeft', { ctrlKey: true }))).toEqual({
      ok: false,
      message: null,
    });
  });

  it.each([
    [press('c', 'KeyC'), /Hold Ctrl/],
    [press('C', 'KeyC', { shiftKey: true }), /Shift alone/],
    [press('Dead', 'IntlBackslash', { ctrlKey: true }), /cannot be part/],
  ])('refuses %j with a reason', (keyPress, reason) => {
    const capture = acceleratorFrom(keyPress);
    expect(capture.ok ? '' : capture.message).toMatch(reason);
  });

  it('reads CommandOrControl as Ctrl, or Cmd on a Mac', () => {
    expect(describeAccelerator('CommandOrControl+Alt+C', false)).toBe('Ctrl+Alt+C');
    expect(describeAccelerator('CommandOrControl+Alt+C', true)).toBe('Cmd+Alt+C');
  });
});
