import type { AppView } from '../services.ts';

/** The owner sees the invite code until a partner has joined; then it lives in Settings. */
export function InviteCard({ state }: { state: AppView }) {
  const partners = state.members.filter((m) => m.active && m.id !== state.you?.id);
  const code = state.hosting?.inviteCode ?? state.inviteCode;
  if (!code || partners.length > 0) return null;
  return (
    <section className="card invite" aria-labelledby="invite-title">
      <h2 id="invite-title">Invite your partners</h2>
      <p>
        They open Wolfpack, choose <strong>Join a pack</strong> and enter this invite code:
      </p>
      <p className="code big" data-testid="invite-code">
        {code}
      </p>
      {state.hosting ? <p className="hint">Relay address: {state.hosting.urls.join(', ')}</p> : null}
    </section>
  );
}
