import { globalShortcut } from 'electron';
import type { ShortcutRegistrar } from '../ports.ts';

export interface ShortcutAdapter extends ShortcutRegistrar {
  /** What is registered now, and a press of one of them as the OS would report it (end-to-end suite). */
  registered(): string[];
  press(accelerator: string): boolean;
}

/**
 * ShortcutRegistrar over globalShortcut. `register` returns false when another application
 * holds the combination; that false travels up to the hotkey manager, which tells the rep.
 */
export function createShortcutAdapter(): ShortcutAdapter {
  const callbacks = new Map<string, () => void>();
  return {
    register(accelerator, callback) {
      let ok: boolean;
      try {
        ok = globalShortcut.register(accelerator, callback);
      } catch {
        // An accelerator Electron cannot parse throws instead of returning false.
        ok = false;
      }
      if (ok) callbacks.set(accelerator, callback);
      return ok;
    },
    unregister(accelerator) {
      callbacks.delete(accelerator);
      globalShortcut.unregister(accelerator);
    },
    registered() {
      return [...callbacks.keys()];
    },
    press(accelerator) {
      const callback = callbacks.get(accelerator);
      callback?.();
      return callback !== undefined;
    },
  };
}
