/** What a keydown tells us; a plain object so tests need no DOM. */
export interface KeyPress {
  key: string;
  code: string;
  ctrlKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
}

const NAMED: Record<string, string> = {
  Space: 'Space',
  Enter: 'Enter',
  Tab: 'Tab',
  Backspace: 'Backspace',
  Delete: 'Delete',
  Insert: 'Insert',
  Home: 'Home',
  End: 'End',
  PageUp: 'PageUp',
  PageDown: 'PageDown',
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
  Minus: '-',
  Equal: '=',
  Comma: ',',
  Period: '.',
  Slash: '/',
  Semicolon: ';',
  Quote: "'",
  BracketLeft: '[',
  BracketRight: ']',
  Backslash: '\\',
  Backquote: '`',
};

/** The key itself, from its physical position, so Shift or a keyboard layout does not change it. */
function keyName(code: string): string | null {
  const letter = /^Key([A-Z])$/.exec(code);
  if (letter) return letter[1] ?? null;
  const digit = /^(?:Digit|Numpad)(\d)$/.exec(code);
  if (digit) return digit[1] ?? null;
  if (/^F([1-9]|1\d|2[0-4])$/.test(code)) return code;
  return NAMED[code] ?? null;
}

export type Capture = { ok: true; accelerator: string } | { ok: false; message: string | null };

/**
 * An Electron accelerator from a key press ("CommandOrControl+Alt+C"). A global hotkey without a
 * modifier would swallow that key in every other program, so one is required (function keys aside).
 */
export function acceleratorFrom(press: KeyPress): Capture {
  // Still holding modifiers only: wait for the real key.
  if (['Control', 'Alt', 'Shift', 'Meta', 'AltGraph'].includes(press.key))
    return { ok: false, message: null };
  const key = keyName(press.code);
  if (!key) return { ok: false, message: `${press.key} cannot be part of a hotkey` };
  const parts: string[] = [];
  if (press.ctrlKey || press.metaKey) parts.push('CommandOrControl');
  if (press.altKey) parts.push('Alt');
  if (press.shiftKey) parts.push('Shift');
  const functionKey = /^F\d+$/.test(key);
  if (parts.length === 0 && !functionKey) {
    return {
      ok: false,
      message: 'Hold Ctrl, Alt or Cmd with the key: a bare key would be taken from every program',
    };
  }
  if (parts.length === 1 && parts[0] === 'Shift' && !functionKey) {
    return { ok: false, message: 'Shift alone types capitals; add Ctrl, Alt or Cmd' };
  }
  return { ok: true, accelerator: [...parts, key].join('+') };
}

/** "Ctrl+Alt+C" for people; Electron's CommandOrControl reads as Ctrl (Cmd on a Mac). */
export function describeAccelerator(accelerator: string, mac: boolean): string {
  return accelerator.replace(/CommandOrControl|CmdOrCtrl/g, mac ? 'Cmd' : 'Ctrl');
}
