import { useId } from 'react';
import { ROTATE_CHOICES } from '../../logic/board-rotate.ts';

/** How long a floor board shows each page when its challenges do not fit on one screen. */
export function RotateSelect({ value, onChange }: { value: number; onChange: (seconds: number) => void }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>Next page every</label>
      <select id={id} value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {ROTATE_CHOICES.map((seconds) => (
          <option key={seconds} value={seconds}>
            {seconds} seconds
          </option>
        ))}
      </select>
    </div>
  );
}
