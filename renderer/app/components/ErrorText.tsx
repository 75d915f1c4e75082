import type { WireError } from '../../../core/errors.ts';

/** A relay's refusal, read out where it happened; screen readers hear it at once. */
export function ErrorText({ error, id }: { error: WireError | string | null; id?: string }) {
  if (!error) return null;
  const message = typeof error === 'string' ? error : error.message;
  return (
    <p className="error" role="alert" id={id}>
      {capitalize(message)}
    </p>
  );
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
