import { describeResult } from '../../../core/format.ts';
import { findMetric, metricNoun } from '../../../core/metrics.ts';
import { nameOf } from '../logic/standings.ts';
import type { AppView } from '../services.ts';
import { Link } from './Link.tsx';
import { ResultCard } from './ResultCard.tsx';

/** Challenges that ended while the page was open: who won, with a way to the details. */
export function ResultsBanner({ state }: { state: AppView }) {
  const results = (state.results ?? []).slice(-3).reverse();
  const youId = state.you?.id ?? '';
  if (results.length === 0) return null;
  return (
    <section className="card results" aria-labelledby="results-title">
      <h2 id="results-title">Just ended</h2>
      <ul>
        {results.map((view) => {
          const metric = findMetric(state.metrics, view.metric);
          const noun = metric ? metricNoun(metric, 2) : view.metric;
          const line = view.result
            ? describeResult(view.result, youId, (id) => nameOf(state.members, id, youId), noun, view.format)
            : 'Ended';
          return (
            <li key={view.id} data-testid="ended-result">
              <strong>{view.title}</strong>: {line}.{' '}
              <Link to={{ name: 'history', challengeId: view.id }}>See in history</Link>
              {view.result ? <ResultCard challenge={view} state={state} collapsed /> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
