import { useEffect, useId, useRef, useState } from 'react';

/** Long enough to read the note and press again; short enough that a stray later click is safe. */
export const ARMED_MS = 6_000;

export interface ConfirmButtonProps {
  /** What the button says at rest: "Cancel challenge". */
  label: string;
  /** What it says once pressed, asking for the second press: "Really cancel?". */
  confirmLabel: string;
  /** The way out, next to it: "Keep it". */
  keepLabel: string;
  /** What the action breaks, read out while it waits for the second press. */
  note: string;
  onConfirm: () => void;
  disabled?: boolean;
}

/**
 * An action that cannot be taken back asks first: the first press turns the button into its
 * question and shows what it breaks, the second press does it. Keep, Escape, moving focus away or
 * waiting a few seconds leaves everything as it was. Focus stays on the same button, so a
 * keyboard user presses Enter twice and a screen reader hears the question as it appears.
 */
export function ConfirmButton(props: ConfirmButtonProps) {
  const { label, confirmLabel, keepLabel, note, onConfirm, disabled } = props;
  const [armed, setArmed] = useState(false);
  const group = useRef<HTMLSpanElement>(null);
  const noteId = useId();

  useEffect(() => {
    if (!armed) return;
    const timer = setTimeout(() => setArmed(false), ARMED_MS);
    return () => clearTimeout(timer);
  }, [armed]);

  const press = () => {
    if (!armed) {
      setArmed(true);
      return;
    }
    setArmed(false);
    onConfirm();
  };

  return (
    <span
      ref={group}
      className={armed ? 'confirm armed' : 'confirm'}
      onKeyDown={(event) => {
        if (armed && event.key === 'Escape') {
          event.preventDefault();
          setArmed(false);
        }
      }}
      onBlur={(event) => {
        // Focus moving to Keep stays inside; anywhere else means the question was left unanswered.
        if (!group.current?.contains(event.relatedTarget as Node | null)) setArmed(false);
      }}
    >
      <span className="confirm-buttons">
        <button
          type="button"
          className={armed ? 'danger' : 'ghost'}
          disabled={disabled}
          aria-describedby={armed ? noteId : undefined}
          onClick={press}
        >
          {armed ? confirmLabel : label}
        </button>
        {armed ? (
          <button type="button" className="ghost" onClick={() => setArmed(false)}>
            {keepLabel}
          </button>
        ) : null}
      </span>
      {/* Always present, so the note is announced when it fills in rather than missed. */}
      <span id={noteId} className="confirm-note" role="status">
        {armed ? note : ''}
      </span>
    </span>
  );
}
