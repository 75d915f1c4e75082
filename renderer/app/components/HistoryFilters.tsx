import { useId } from 'react';
import type { HistoryFilter, Outcome } from '../logic/history.ts';
import type { AppView } from '../services.ts';

export function HistoryFilters(props: {
  state: AppView;
  filter: HistoryFilter;
  onChange: (f: HistoryFilter) => void;
}) {
  const { state, filter, onChange } = props;
  const id = useId();
  const partners = state.members.filter((m) => m.id !== state.you?.id);
  return (
    <div className="filters" role="group" aria-label="Filter the history">
      <div className="field">
        <label htmlFor={`${id}-metric`}>Metric</label>
        <select
          id={`${id}-metric`}
          value={filter.metric ?? ''}
          onChange={(e) => onChange({ ...filter, metric: e.target.value || null })}
        >
          <option value="">All metrics</option>
          {state.metrics.map((m) => (
            <option key={m.id} value={m.id}>
              {m.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-partner`}>Partner</label>
        <select
          id={`${id}-partner`}
          value={filter.partnerId ?? ''}
          onChange={(e) => onChange({ ...filter, partnerId: e.target.value || null })}
        >
          <option value="">Everyone</option>
          {partners.map((m) => (
            <option key={m.id} value={m.id}>
              {m.displayName}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-result`}>Result</label>
        <select
          id={`${id}-result`}
          value={filter.outcome ?? ''}
          onChange={(e) => onChange({ ...filter, outcome: (e.target.value || null) as Outcome | null })}
        >
          <option value="">Any result</option>
          <option value="won">Won</option>
          <option value="lost">Lost</option>
          <option value="tied">Tied</option>
          <option value="no-result">No result</option>
        </select>
      </div>
    </div>
  );
}
