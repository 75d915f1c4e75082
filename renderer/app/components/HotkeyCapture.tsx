import { useId, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { ApiResult, HotkeyAction } from '../../../core/app-api.ts';
import { acceleratorFrom, describeAccelerator } from '../logic/hotkey.ts';
import { ErrorText } from './ErrorText.tsx';
import { useAction } from './use-action.ts';

const MAC = /Mac/.test(navigator.platform);

/**
 * Press a combination to rebind one action. The main process registers it; when another program
 * holds the keys its message appears here and the old binding stays.
 */
export function HotkeyCapture(props: {
  action: HotkeyAction;
  label: string;
  accelerator: string;
  problem: string | null;
  setHotkey: (action: HotkeyAction, accelerator: string) => Promise<ApiResult>;
}) {
  const { action, label, accelerator, problem, setHotkey } = props;
  const id = useId();
  const [capturing, setCapturing] = useState(false);
  const [hint, setHint] = useState<string | null>(null);
  const save = useAction(setHotkey);
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (!capturing) return;
    // Tab still moves on, so capturing never traps keyboard users; Escape gives up.
    if (event.key === 'Tab') return setCapturing(false);
    event.preventDefault();
    if (event.key === 'Escape') return setCapturing(false);
    const capture = acceleratorFrom(event);
    if (!capture.ok) return setHint(capture.message);
    setHint(null);
    setCapturing(false);
    void save.run(action, capture.accelerator);
  };
  return (
    <div className="hotkey">
      <span className="hotkey-label" id={`${id}-label`}>
        {label}
      </span>
      <button
        type="button"
        className={capturing ? 'capturing' : 'ghost'}
        aria-labelledby={`${id}-label ${id}-keys`}
        aria-describedby={`${id}-help`}
        onClick={() => setCapturing(true)}
        onBlur={() => setCapturing(false)}
        onKeyDown={onKeyDown}
      >
        <span id={`${id}-keys`}>{capturing ? 'Press the keys…' : describeAccelerator(accelerator, MAC)}</span>
      </button>
      <span className="hint" id={`${id}-help`}>
        {capturing ? 'Escape to keep the current keys' : 'Click, then press a new combination'}
      </span>
      <ErrorText error={save.error ?? hint ?? problem} />
    </div>
  );
}
