/**
 * Electron accelerator strings ("CommandOrControl+Alt+C"): checking, comparing and showing them.
 * Syntax: https://www.electronjs.org/docs/latest/api/accelerator
 */

type Modifier = 'commandorcontrol' | 'command' | 'control' | 'alt' | 'altgr' | 'shift' | 'super';

// Electron reads modifiers case-insensitively and accepts these aliases.
const MODIFIERS: Record<string, Modifier> = {
  commandorcontrol: 'commandorcontrol',
  cmdorctrl: 'commandorcontrol',
  command: 'command',
  cmd: 'command',
  control: 'control',
  ctrl: 'control',
  alt: 'alt',
  option: 'alt',
  altgr: 'altgr',
  shift: 'shift',
  super: 'super',
  meta: 'super',
};

const NAMED_KEYS: Record<string, string> = {
  plus: 'Plus',
  space: 'Space',
  tab: 'Tab',
  capslock: 'Capslock',
  numlock: 'Numlock',
  scrolllock: 'Scrolllock',
  backspace: 'Backspace',
  delete: 'Delete',
  insert: 'Insert',
  return: 'Enter',
  enter: 'Enter',
  up: 'Up',
  down: 'Down',
  left: 'Left',
  right: 'Right',
  home: 'Home',
  end: 'End',
  pageup: 'PageUp',
  pagedown: 'PageDown',
  escape: 'Esc',
  esc: 'Esc',
  volumeup: 'VolumeUp',
  volumedown: 'VolumeDown',
  volumemute: 'VolumeMute',
  medianexttrack: 'MediaNextTrack',
  mediaprevioustrack: 'MediaPreviousTrack',
  mediastop: 'MediaStop',
  mediaplaypause: 'MediaPlayPause',
  printscreen: 'PrintScreen',
  numdec: 'numdec',
  numadd: 'numadd',
  numsub: 'numsub',
  nummult: 'nummult',
  numdiv: 'numdiv',
};

const PUNCTUATION = new Set([...')!@#$%^&*(:;=<,_->.?/~`{][|\\}"\'']);

/** The key's display name, or null when Electron has no such key. */
function keyName(token: string): string | null {
  if (/^[a-z0-9]$/i.test(token)) return token.toUpperCase();
  if (PUNCTUATION.has(token)) return token;
  const lower = token.toLowerCase();
  const fn = /^f([1-9]|1\d|2[0-4])$/.exec(lower);
  if (fn) return `F${fn[1]}`;
  if (/^num[0-9]$/.test(lower)) return lower;
  return NAMED_KEYS[lower] ?? null;
}

interface Parsed {
  modifiers: Modifier[];
  key: string;
}

function parse(accelerator: string): Parsed | string {
  const text = accelerator.trim();
  if (text === '') return 'Type a key combination, for example Ctrl+Alt+C.';
  const tokens = text.split('+').map((t) => t.trim());
  // "Ctrl++" splits into an empty token; Electron spells that key "Plus".
  if (tokens.some((t) => t === '')) return `"${text}" is not a key combination; write the + key as Plus.`;
  const modifiers: Modifier[] = [];
  const keys: string[] = [];
  for (const token of tokens) {
    const modifier = MODIFIERS[token.toLowerCase()];
    if (modifier) {
      modifiers.push(modifier);
      continue;
    }
    const key = keyName(token);
    if (key === null)
      return `"${token}" is not a key Wolfpack knows; use a letter, a digit, F1 to F24 or a named key such as Space.`;
    keys.push(key);
  }
  if (keys.length === 0) return `"${text}" has no key; add one, for example ${text}+C.`;
  if (keys.length > 1)
    return `"${text}" has ${keys.length} keys (${keys.join(', ')}); use one key with modifiers.`;
  return { modifiers, key: keys[0] ?? '' };
}

/** Null when the accelerator is valid Electron syntax with at least one modifier and one key. */
export function validateAccelerator(accelerator: string): string | null {
  const parsed = parse(accelerator);
  if (typeof parsed === 'string') return parsed;
  const { modifiers, key } = parsed;
  if (modifiers.length === 0) {
    return `${key} alone would fire whenever you type it; add a modifier such as Ctrl and Alt.`;
  }
  // A global Shift+letter would swallow every capital letter typed in any application.
  const printable = key.length === 1;
  if (printable && modifiers.every((m) => m === 'shift')) {
    return `Shift+${key} would take the capital ${key} from every application; add Ctrl or Alt.`;
  }
  return null;
}

/**
 * One spelling per physical combination on a platform, for telling whether two bindings clash:
 * aliases resolved, modifiers sorted, CommandOrControl made concrete. Invalid input comes back
 * trimmed and lower-cased so that it still compares equal to itself.
 */
export function canonicalAccelerator(accelerator: string, platform: NodeJS.Platform): string {
  const parsed = parse(accelerator);
  if (typeof parsed === 'string') return accelerator.trim().toLowerCase();
  const concrete = parsed.modifiers.map((m) =>
    m === 'commandorcontrol' ? (platform === 'darwin' ? 'command' : 'control') : m,
  );
  return [...[...new Set(concrete)].sort(), parsed.key.toLowerCase()].join('+');
}

const DARWIN_SYMBOLS: Record<Modifier, string> = {
  commandorcontrol: '⌘',
  command: '⌘',
  control: '⌃',
  alt: '⌥',
  altgr: '⌥',
  shift: '⇧',
  super: '⌘',
};

function otherName(modifier: Modifier, platform: NodeJS.Platform): string {
  switch (modifier) {
    case 'commandorcontrol':
    case 'control':
      return 'Ctrl';
    case 'command':
      return 'Cmd';
    case 'alt':
      return 'Alt';
    case 'altgr':
      return 'AltGr';
    case 'shift':
      return 'Shift';
    case 'super':
      return platform === 'win32' ? 'Win' : 'Super';
  }
}

/**
 * How the combination reads on this platform: 'Ctrl+Alt+C', or '⌘⌥C' on macOS. Modifiers keep
 * the order they were written in. Text that does not parse is shown as typed, so a message can
 * still quote it.
 */
export function displayAccelerator(accelerator: string, platform: NodeJS.Platform): string {
  const parsed = parse(accelerator);
  if (typeof parsed === 'string') return accelerator.trim();
  const key = parsed.key === 'Plus' ? '+' : parsed.key;
  if (platform === 'darwin') return parsed.modifiers.map((m) => DARWIN_SYMBOLS[m]).join('') + key;
  return [...parsed.modifiers.map((m) => otherName(m, platform)), key].join('+');
}
