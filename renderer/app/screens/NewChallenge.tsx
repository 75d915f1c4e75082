import { useState } from 'react';
import type { ChallengeView } from '../../../core/types.ts';
import { useApp } from '../context.ts';
import { ChallengeForm } from '../components/ChallengeForm.tsx';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAction } from '../components/use-action.ts';
import { runningTwin, TEMPLATES } from '../logic/challenge-requests.ts';
import type { CreateRequest, Template } from '../logic/challenge-requests.ts';
import type { AppView } from '../services.ts';

/** One click for the classic challenges, or a form for anything else. */
export function NewChallenge({ state }: { state: AppView }) {
  const { services, navigate } = useApp();
  const [twin, setTwin] = useState<{ template: Template; running: ChallengeView } | null>(null);
  const create = useAction(
    (request: CreateRequest) => services.api.createChallenge(request),
    (done) => navigate({ name: 'live', challengeId: done.challenge.id }),
  );
  const start = (template: Template) => {
    setTwin(null);
    void create.run(template.build(Date.now()));
  };
  const pick = (template: Template) => {
    const running = runningTwin(
      template.build(Date.now()),
      state.challenges,
      state.members,
      state.you?.id ?? '',
      state.pack?.timeZone ?? 'UTC',
    );
    if (running) setTwin({ template, running });
    else start(template);
  };
  return (
    <div className="new-challenge">
      <h1>New challenge</h1>
      <section className="card" aria-labelledby="templates-title">
        <h2 id="templates-title">One click</h2>
        {/* "Starting now" was true only of the power hour; the others count their whole period. */}
        <p className="hint">
          With the whole pack. A week or a quarter counts everything logged in it so far; the power hour
          starts now.
        </p>
        <div className="templates">
          {TEMPLATES.map((template) => (
            <button
              key={template.id}
              type="button"
              className="template"
              disabled={create.busy}
              onClick={() => pick(template)}
            >
              {template.label}
            </button>
          ))}
        </div>
        {twin ? (
          <div className="warning" role="alert" data-testid="twin">
            <p>You already have “{twin.running.title}” running.</p>
            <button type="button" onClick={() => navigate({ name: 'live', challengeId: twin.running.id })}>
              Open it
            </button>{' '}
            <button
              type="button"
              className="ghost"
              disabled={create.busy}
              onClick={() => start(twin.template)}
            >
              Make another anyway
            </button>
          </div>
        ) : null}
        <ErrorText error={create.error} />
      </section>
      <ChallengeForm state={state} />
    </div>
  );
}
