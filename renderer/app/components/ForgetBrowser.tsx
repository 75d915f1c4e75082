import type { PackApi } from '../../../core/app-api.ts';
import { unsentWords } from '../logic/unsent.ts';
import type { AppView } from '../services.ts';
import { ConfirmButton } from './ConfirmButton.tsx';
import { ErrorText } from './ErrorText.tsx';
import { useAction } from './use-action.ts';

/** What the button asks: with unsent logs, losing them is named, never implied. */
function forgetWords(unsent: number) {
  if (unsent === 0) {
    return {
      label: 'Forget me in this browser',
      confirmLabel: 'Really forget me?',
      keepLabel: 'Stay signed in',
      note: 'To come back here you will need an invite code.',
    };
  }
  const one = unsent === 1;
  return {
    label: one ? 'Forget me and this log' : `Forget me and these ${unsent} logs`,
    confirmLabel: one ? 'Really lose 1 log?' : `Really lose ${unsent} logs?`,
    keepLabel: one ? 'Keep it and wait' : 'Keep them and wait',
    note: `Forgetting this browser now loses ${one ? 'it' : 'them'} for good: ${one ? 'it never counts' : 'they never count'} anywhere.`,
  };
}

/**
 * Leaving this browser. Logs the relay has not acked yet live only here, so the card says how
 * many there are, and the one way to lose them is to say so: otherwise wait, and they go out as
 * soon as the relay answers (the count below updates live).
 */
export function ForgetBrowser({
  state,
  signOut,
}: {
  state: AppView;
  signOut: NonNullable<PackApi['signOut']>;
}) {
  const unsent = state.connection.queued;
  const forget = useAction((forgetUnsent: number) => signOut({ forgetUnsent }));
  return (
    <section className="card" aria-labelledby="browser-title">
      <h2 id="browser-title">This browser</h2>
      <p className="hint">
        You are {state.you?.displayName} in {state.pack?.name}. Leaving this browser forgets your token here;
        you stay a member of the pack.
      </p>
      {unsent > 0 ? (
        <p className="unsent" data-testid="unsent">
          {unsentWords(unsent)}. They are sent as soon as the relay answers; wait for that, or forget them
          with this browser.
        </p>
      ) : null}
      <ConfirmButton
        // A count that moves while it asks starts the question afresh: the answer was to another one.
        key={unsent}
        {...forgetWords(unsent)}
        disabled={forget.busy}
        onConfirm={() => void forget.run(unsent)}
      />
      <ErrorText error={forget.error} />
    </section>
  );
}
