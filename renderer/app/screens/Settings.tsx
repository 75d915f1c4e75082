import { DesktopSettings } from '../components/DesktopSettings.tsx';
import { PackSection } from '../components/PackSection.tsx';
import { useApp } from '../context.ts';
import type { AppView } from '../services.ts';

export function Settings({ state }: { state: AppView }) {
  const { services } = useApp();
  const signOut = services.pack?.signOut;
  return (
    <div className="settings">
      <h1>Settings</h1>
      <PackSection state={state} />
      {services.desktop ? <DesktopSettings state={state} desktop={services.desktop} /> : null}
      {signOut ? (
        <section className="card" aria-labelledby="browser-title">
          <h2 id="browser-title">This browser</h2>
          <p className="hint">
            You are {state.you?.displayName} in {state.pack?.name}. Leaving this browser forgets your token
            here (and any logs not sent yet); you stay a member of the pack.
          </p>
          <button type="button" className="ghost" onClick={() => void signOut()}>
            Forget me in this browser
          </button>
        </section>
      ) : null}
    </div>
  );
}
