import { useApp } from '../context.ts';
import { ChallengeForm } from '../components/ChallengeForm.tsx';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAction } from '../components/use-action.ts';
import { TEMPLATES } from '../logic/challenge-requests.ts';
import type { CreateRequest } from '../logic/challenge-requests.ts';
import type { AppView } from '../services.ts';

/** One click for the classic challenges, or a form for anything else. */
export function NewChallenge({ state }: { state: AppView }) {
  const { services, navigate } = useApp();
  const create = useAction(
    (request: CreateRequest) => services.api.createChallenge(request),
    (done) => navigate({ name: 'live', challengeId: done.challenge.id }),
  );
  return (
    <div className="new-challenge">
      <h1>New challenge</h1>
      <section className="card" aria-labelledby="templates-title">
        <h2 id="templates-title">One click</h2>
        <p className="hint">With the whole pack, starting now.</p>
        <div className="templates">
          {TEMPLATES.map((template) => (
            <button
              key={template.id}
              type="button"
              className="template"
              disabled={create.busy}
              onClick={() => void create.run(template.build(Date.now()))}
            >
              {template.label}
            </button>
          ))}
        </div>
        <ErrorText error={create.error} />
      </section>
      <ChallengeForm state={state} />
    </div>
  );
}
