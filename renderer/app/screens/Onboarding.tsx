import { useEffect, useState } from 'react';
import type { Dispatch, FormEvent, SetStateAction } from 'react';
import { Field } from '../components/Field.tsx';
import { Paw } from '../components/Paw.tsx';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAction } from '../components/use-action.ts';
import { useApp } from '../context.ts';
import type { AppView } from '../services.ts';

const timeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** First run: create a pack, join one by its invite code, or (desktop) host one on this computer. */
export function Onboarding({ state }: { state: AppView }) {
  const { services } = useApp();
  const desktop = services.desktop;
  return (
    <main className="onboarding" id="main">
      <header className="onboarding-head">
        <h1>
          <Paw size={40} /> Wolfpack
        </h1>
        <p>Prospecting partners who challenge each other and see each other&apos;s calls live.</p>
      </header>
      <div className="onboarding-forms">
        <CreateForm relayDefault={state.connection.relayUrl ?? ''} />
        <JoinForm relayDefault={state.connection.relayUrl ?? ''} />
        {desktop ? <HostForm /> : null}
      </div>
      {state.hosting ? (
        <section className="card" aria-labelledby="hosting-title">
          <h2 id="hosting-title">Hosting on this computer</h2>
          <p>Partners on your network join with:</p>
          <dl className="pairs">
            <dt>Address</dt>
            <dd>{state.hosting.urls.join(', ')}</dd>
            <dt>Invite code</dt>
            <dd className="code">{state.hosting.inviteCode ?? '…'}</dd>
          </dl>
        </section>
      ) : null}
    </main>
  );
}

/** The desktop remembers the relays it used; the first one is the likely answer. */
function useRememberedRelay(set: Dispatch<SetStateAction<string>>): void {
  const { services } = useApp();
  const desktop = services.desktop;
  useEffect(() => {
    if (!desktop) return;
    let live = true;
    void desktop.getSettings().then((settings) => {
      const first = settings.relayUrls?.[0];
      if (live && first) set((value: string) => value || first);
    });
    return () => {
      live = false;
    };
  }, [desktop, set]);
}

function RelayField({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const { services } = useApp();
  // The web app always talks to the relay that served it.
  if (services.kind === 'web') return null;
  return (
    <Field label="Relay address" value={value} onChange={onChange} placeholder="192.168.1.20:7420" required />
  );
}

function CreateForm({ relayDefault }: { relayDefault: string }) {
  const { services } = useApp();
  const [relayUrl, setRelayUrl] = useState(relayDefault);
  useRememberedRelay(setRelayUrl);
  const [name, setName] = useState('');
  const [displayName, setDisplayName] = useState('');
  const action = useAction(services.api.createPack);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run({ relayUrl, name, displayName, timeZone: timeZone() });
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="create-title">
      <h2 id="create-title">Start a pack</h2>
      <RelayField value={relayUrl} onChange={setRelayUrl} />
      <Field label="Pack name" value={name} onChange={setName} required maxLength={60} autoComplete="off" />
      <Field
        label="Your name"
        value={displayName}
        onChange={setDisplayName}
        required
        maxLength={60}
        autoComplete="name"
      />
      <ErrorText error={action.error} />
      <button type="submit" disabled={action.busy}>
        {action.busy ? 'Creating…' : 'Create pack'}
      </button>
    </form>
  );
}

function JoinForm({ relayDefault }: { relayDefault: string }) {
  const { services } = useApp();
  const [relayUrl, setRelayUrl] = useState(relayDefault);
  useRememberedRelay(setRelayUrl);
  const [inviteCode, setInviteCode] = useState('');
  const [displayName, setDisplayName] = useState('');
  const action = useAction(services.api.joinPack);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run({ relayUrl, inviteCode, displayName });
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="join-title">
      <h2 id="join-title">Join a pack</h2>
      <RelayField value={relayUrl} onChange={setRelayUrl} />
      <Field
        label="Invite code"
        value={inviteCode}
        onChange={setInviteCode}
        required
        maxLength={40}
        autoComplete="off"
      />
      <Field
        label="Your name"
        value={displayName}
        onChange={setDisplayName}
        required
        maxLength={60}
        autoComplete="name"
      />
      <ErrorText error={action.error} />
      <button type="submit" disabled={action.busy}>
        {action.busy ? 'Joining…' : 'Join pack'}
      </button>
    </form>
  );
}

function HostForm() {
  const { services } = useApp();
  const desktop = services.desktop;
  const [name, setName] = useState('');
  const [displayName, setDisplayName] = useState('');
  const action = useAction((input: { name: string; displayName: string; timeZone: string }) =>
    desktop ? desktop.hostPack(input) : Promise.resolve({ ok: true as const }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run({ name, displayName, timeZone: timeZone() });
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="host-title">
      <h2 id="host-title">Host on this computer</h2>
      <p className="hint">Runs the relay here; partners on your network connect to this computer.</p>
      <Field label="Pack name" value={name} onChange={setName} required maxLength={60} />
      <Field label="Your name" value={displayName} onChange={setDisplayName} required maxLength={60} />
      <ErrorText error={action.error} />
      <button type="submit" disabled={action.busy}>
        {action.busy ? 'Starting…' : 'Host pack'}
      </button>
    </form>
  );
}
