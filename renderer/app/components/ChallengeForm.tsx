import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { challengeTitle } from '../../../core/challenge-rules.ts';
import { formatInstant } from '../../../core/format.ts';
import { findMetric } from '../../../core/metrics.ts';
import { windowFor } from '../../../core/time-window.ts';
import { useApp } from '../context.ts';
import { buildCustomRequest, periodOf } from '../logic/challenge-requests.ts';
import type { CreateRequest, CustomForm, FormField } from '../logic/challenge-requests.ts';
import type { AppView } from '../services.ts';
import { ErrorText } from './ErrorText.tsx';
import { Field } from './Field.tsx';
import { useAction } from './use-action.ts';

const PERIODS = [
  ['today', 'Today'],
  ['this-week', 'This week'],
  ['this-quarter', 'This quarter'],
  ['custom', 'Custom dates'],
  ['times', 'Custom times'],
] as const;

/** The exact window the relay will fix, on the pack's wall clock. */
function Preview({ form, state }: { form: CustomForm; state: AppView }) {
  const pack = state.pack;
  const period = pack ? periodOf(form, pack.timeZone) : null;
  const metric = findMetric(state.metrics, form.metric);
  if (!pack || !period || !metric) return null;
  if (period.kind === 'range' && period.from > period.to) return null;
  if (period.kind === 'instants' && period.start >= period.end) return null;
  const window = windowFor(period, Date.now(), pack.timeZone, pack.weekStart);
  const target = form.format === 'most' ? null : Number(form.target) || null;
  return (
    <p className="preview" data-testid="preview" aria-live="polite">
      <strong>{challengeTitle(metric, form.format, target, period)}</strong>
      <br />
      From {formatInstant(window.start, pack.timeZone)} to {formatInstant(window.end, pack.timeZone)} (
      {pack.timeZone})
    </p>
  );
}

export function ChallengeForm({ state }: { state: AppView }) {
  const { services, navigate } = useApp();
  const youId = state.you?.id ?? '';
  const partners = state.members.filter((m) => m.active && m.id !== youId);
  const id = useId();
  const [form, setForm] = useState<CustomForm>({
    metric: 'call',
    format: 'most',
    target: '',
    period: 'this-week',
    from: '',
    to: '',
    memberIds: partners.map((m) => m.id),
    stake: '',
    repeatWeekly: false,
  });
  const [invalid, setInvalid] = useState<{ field: FormField; message: string } | null>(null);
  const create = useAction(
    (request: CreateRequest) => services.api.createChallenge(request),
    (done) => navigate({ name: 'live', challengeId: done.challenge.id }),
  );
  const set = <K extends keyof CustomForm>(key: K, value: CustomForm[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  const toggle = (memberId: string, on: boolean) =>
    set('memberIds', on ? [...form.memberIds, memberId] : form.memberIds.filter((m) => m !== memberId));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const built = buildCustomRequest(form, youId, state.pack?.timeZone ?? 'UTC');
    setInvalid(built.ok ? null : built);
    if (built.ok) void create.run(built.request);
  };
  const errorOf = (field: FormField) => (invalid?.field === field ? invalid.message : null);
  return (
    <form className="card custom-form" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <h2 id={`${id}-title`}>Your own challenge</h2>
      <div className="field">
        <label htmlFor={`${id}-metric`}>Metric</label>
        <select id={`${id}-metric`} value={form.metric} onChange={(e) => set('metric', e.target.value)}>
          {state.metrics.map((m) => (
            <option key={m.id} value={m.id}>
              {m.label}
            </option>
          ))}
        </select>
      </div>
      <fieldset>
        <legend>Format</legend>
        {(['most', 'race', 'goal'] as const).map((format) => (
          <label key={format} className="inline">
            <input
              type="radio"
              name={`${id}-format`}
              checked={form.format === format}
              onChange={() => set('format', format)}
            />
            {format === 'most' ? 'Most wins' : format === 'race' ? 'Race to a target' : 'Goal for everyone'}
          </label>
        ))}
      </fieldset>
      {form.format !== 'most' ? (
        <Field
          label="Target"
          type="number"
          min={1}
          value={form.target}
          onChange={(v) => set('target', v)}
          error={errorOf('target')}
        />
      ) : null}
      <fieldset>
        <legend>Period</legend>
        {PERIODS.map(([value, label]) => (
          <label key={value} className="inline">
            <input
              type="radio"
              name={`${id}-period`}
              checked={form.period === value}
              onChange={() => setForm((f) => ({ ...f, period: value, from: '', to: '' }))}
            />
            {label}
          </label>
        ))}
        {form.period === 'custom' ? (
          <div className="row">
            <Field label="First day" type="date" value={form.from} onChange={(v) => set('from', v)} />
            <Field label="Last day" type="date" value={form.to} onChange={(v) => set('to', v)} />
          </div>
        ) : null}
        {form.period === 'times' ? (
          <div className="row">
            <Field
              label="Starts"
              type="datetime-local"
              step={1}
              value={form.from}
              onChange={(v) => set('from', v)}
            />
            <Field
              label="Ends"
              type="datetime-local"
              step={1}
              value={form.to}
              onChange={(v) => set('to', v)}
            />
          </div>
        ) : null}
        <ErrorText error={errorOf('period')} />
      </fieldset>
      <fieldset>
        <legend>Partners</legend>
        {partners.length === 0 ? <p className="hint">Nobody has joined your pack yet.</p> : null}
        {partners.map((m) => (
          <label key={m.id} className="inline">
            <input
              type="checkbox"
              checked={form.memberIds.includes(m.id)}
              onChange={(e) => toggle(m.id, e.target.checked)}
            />
            {m.displayName}
          </label>
        ))}
        <ErrorText error={errorOf('memberIds')} />
      </fieldset>
      <Field
        label="Stake (optional)"
        value={form.stake}
        onChange={(v) => set('stake', v)}
        maxLength={200}
        placeholder="Loser buys coffee"
      />
      <label className="inline">
        <input
          type="checkbox"
          checked={form.repeatWeekly && form.period === 'this-week'}
          disabled={form.period !== 'this-week'}
          onChange={(e) => set('repeatWeekly', e.target.checked)}
        />
        Repeat every week (this-week challenges)
      </label>
      <Preview form={form} state={state} />
      <ErrorText error={create.error} />
      <button type="submit" disabled={create.busy}>
        {create.busy ? 'Starting…' : 'Start challenge'}
      </button>
    </form>
  );
}
