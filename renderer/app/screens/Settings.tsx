import { DesktopSettings } from '../components/DesktopSettings.tsx';
import { ForgetBrowser } from '../components/ForgetBrowser.tsx';
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
      {signOut ? <ForgetBrowser state={state} signOut={signOut} /> : null}
    </div>
  );
}
