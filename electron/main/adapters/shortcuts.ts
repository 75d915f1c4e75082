import { globalShortcut } from 'electron';
import type { ShortcutRegistrar } from '../ports.ts';

export interface ShortcutAdapter extends ShortcutRegistrar {
  /** Runs the callback registered for a combination, as a key press would (end-to-end suite). */
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
    press(accelerator) {
      const callback = callbacks.get(accelerator);
      callback?.();
      return callback !== undefined;
    },
  };
}
