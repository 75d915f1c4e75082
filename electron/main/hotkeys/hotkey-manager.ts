import { HOTKEY_ACTIONS } from '../../../core/app-api.ts';
import type { HotkeyAction, HotkeyProblem, HotkeyState } from '../../../core/app-api.ts';
import type { ShortcutRegistrar } from '../ports.ts';
import { canonicalAccelerator, displayAccelerator, validateAccelerator } from './accelerator.ts';

export { canonicalAccelerator, displayAccelerator, validateAccelerator } from './accelerator.ts';

/** CommandOrControl+Alt is Cmd+Option on macOS and Ctrl+Alt elsewhere. */
export function defaultBindings(): Record<HotkeyAction, string> {
  return {
    call: 'CommandOrControl+Alt+C',
    appointment: 'CommandOrControl+Alt+A',
    proposal: 'CommandOrControl+Alt+P',
    forward_appointment: 'CommandOrControl+Alt+F',
    undo: 'CommandOrControl+Alt+Z',
  };
}

/** What a binding does, for messages: "Ctrl+Alt+C still logs a call". */
export const ACTION_PHRASES: Record<HotkeyAction, string> = {
  call: 'logs a call',
  appointment: 'logs an appointment',
  proposal: 'logs a proposal',
  forward_appointment: 'opens the forward appointment box',
  undo: 'undoes the last log',
};

export type RebindResult = { ok: true } | { ok: false; message: string };

export interface HotkeyManagerOptions {
  registrar: ShortcutRegistrar;
  onPress: (action: HotkeyAction) => void;
  onChange: (state: HotkeyState) => void;
  platform: NodeJS.Platform;
}

/**
 * Owns the app's global shortcuts. Every failure ends up either in HotkeyState.problems (shown in
 * the window and the tray menu) or in a rebind's message: a combination that does nothing must
 * never look as if it worked.
 */
export class HotkeyManager {
  private readonly opts: HotkeyManagerOptions;
  private bindings: Record<HotkeyAction, string> = defaultBindings();
  private paused = false;
  private problems: HotkeyProblem[] = [];
  /** What this app holds right now, by action, exactly as registered. */
  private readonly held = new Map<HotkeyAction, string>();
  private disposed = false;

  constructor(opts: HotkeyManagerOptions) {
    this.opts = opts;
  }

  state(): HotkeyState {
    return {
      bindings: { ...this.bindings },
      paused: this.paused,
      problems: this.problems.map((p) => ({ ...p })),
    };
  }

  /** Replaces every binding and registers them all (unless paused). Never throws. */
  apply(bindings: Record<HotkeyAction, string>): HotkeyState {
    this.releaseAll();
    this.bindings = { ...bindings };
    this.problems = this.paused || this.disposed ? [] : this.registerAll();
    return this.changed();
  }

  rebind(action: HotkeyAction, accelerator: string): RebindResult {
    const wanted = accelerator.trim();
    const invalid = validateAccelerator(wanted);
    if (invalid !== null) return { ok: false, message: invalid };
    const shown = this.display(wanted);
    const canonical = canonicalAccelerator(wanted, this.opts.platform);
    const clash = HOTKEY_ACTIONS.find(
      (other) =>
        other !== action && canonicalAccelerator(this.bindings[other], this.opts.platform) === canonical,
    );
    if (clash)
      return { ok: false, message: `${shown} already ${ACTION_PHRASES[clash]}; choose another combination.` };

    const old = this.held.get(action);
    if (old !== undefined) this.release(action);
    // While paused nothing is held, but a combination another app owns must still be refused now
    // rather than discovered on resume: try it and let it go at once.
    const ok = this.tryRegister(action, wanted);
    if (ok && (this.paused || this.disposed)) this.release(action);
    if (!ok) {
      if (old !== undefined && !this.tryRegister(action, old)) {
        this.setProblem(action, old, `${this.display(old)} stopped working and could not be taken back`);
        this.changed();
      }
      const still =
        old !== undefined || this.paused
          ? `${this.display(this.bindings[action])} still ${ACTION_PHRASES[action]}`
          : `no hotkey ${ACTION_PHRASES[action]} yet`;
      return { ok: false, message: `${shown} is taken by another application; ${still}.` };
    }
    this.bindings = { ...this.bindings, [action]: wanted };
    this.problems = this.problems.filter((p) => p.action !== action);
    this.changed();
    return { ok: true };
  }

  /** Paused hotkeys are unregistered, so the keys reach the application in front again. */
  setPaused(paused: boolean): void {
    if (paused === this.paused || this.disposed) return;
    this.paused = paused;
    if (paused) {
      this.releaseAll();
      // Nothing is held while paused, so nothing can be in the way; resuming finds out afresh.
      this.problems = [];
    } else {
      this.problems = this.registerAll();
    }
    this.changed();
  }

  dispose(): void {
    this.releaseAll();
    this.disposed = true;
  }

  private registerAll(): HotkeyProblem[] {
    const problems: HotkeyProblem[] = [];
    const taken = new Map<string, HotkeyAction>();
    for (const action of HOTKEY_ACTIONS) {
      const accelerator = this.bindings[action];
      const shown = this.display(accelerator);
      const add = (message: string) => problems.push({ action, accelerator, message });
      const invalid = validateAccelerator(accelerator);
      if (invalid !== null) {
        add(`The hotkey that ${ACTION_PHRASES[action]} is not usable: ${invalid}`);
        continue;
      }
      const canonical = canonicalAccelerator(accelerator, this.opts.platform);
      const first = taken.get(canonical);
      if (first) {
        add(`${shown} is set for two actions and only ${ACTION_PHRASES[first]}; choose another one.`);
        continue;
      }
      if (!this.tryRegister(action, accelerator)) {
        add(
          `${shown} is taken by another application, so no hotkey ${ACTION_PHRASES[action]}; choose another combination in Settings.`,
        );
        continue;
      }
      taken.set(canonical, action);
    }
    return problems;
  }

  private tryRegister(action: HotkeyAction, accelerator: string): boolean {
    let ok: boolean;
    try {
      ok = this.opts.registrar.register(accelerator, () => {
        // A stale registration (replaced, paused, disposed) must not log anything.
        if (!this.paused && !this.disposed && this.held.get(action) === accelerator)
          this.opts.onPress(action);
      });
    } catch {
      // Electron throws on an accelerator it cannot convert; to the user that is the same as taken.
      ok = false;
    }
    if (ok) this.held.set(action, accelerator);
    return ok;
  }

  private release(action: HotkeyAction): void {
    const accelerator = this.held.get(action);
    if (accelerator === undefined) return;
    this.held.delete(action);
    try {
      this.opts.registrar.unregister(accelerator);
    } catch {
      // Unregistering what Electron does not know is harmless; there is nothing to report.
    }
  }

  private releaseAll(): void {
    for (const action of [...this.held.keys()]) this.release(action);
  }

  private setProblem(action: HotkeyAction, accelerator: string, message: string): void {
    this.problems = [...this.problems.filter((p) => p.action !== action), { action, accelerator, message }];
  }

  private display(accelerator: string): string {
    return displayAccelerator(accelerator, this.opts.platform);
  }

  private changed(): HotkeyState {
    const state = this.state();
    this.opts.onChange(state);
    return state;
  }
}
