/** A metric is something a rep counts. Four are built in; a pack may add its own. */
export interface MetricDef {
  id: string;
  label: string;
  /** Forward appointments carry the date of the meeting they booked. */
  needsMeetingDate: boolean;
  builtIn: boolean;
}

export const BUILT_IN_METRICS: readonly MetricDef[] = [
  { id: 'call', label: 'Calls', needsMeetingDate: false, builtIn: true },
  { id: 'appointment', label: 'Appointments', needsMeetingDate: false, builtIn: true },
  { id: 'proposal', label: 'Proposal presentations', needsMeetingDate: false, builtIn: true },
  { id: 'forward_appointment', label: 'Forward appointments', needsMeetingDate: true, builtIn: true },
];

/** Metric ids are short slugs so they fit in a command line and a CSV column. */
export const METRIC_ID_PATTERN = /^[a-z][a-z0-9_]{0,31}$/;

/** Singular nouns for feed lines and command output ("logged 2 calls"). */
export function metricNoun(metric: MetricDef, count: number): string {
  const singular: Record<string, string> = {
    call: 'call',
    appointment: 'appointment',
    proposal: 'proposal presentation',
    forward_appointment: 'forward appointment',
  };
  const known = singular[metric.id];
  if (known) return count === 1 ? known : `${known}s`;
  // A pack's own metric is labelled in the plural ("Product demos"); one of them drops the s.
  const label = metric.label.toLowerCase();
  if (count !== 1) return label.endsWith('s') ? label : `${label}s`;
  return label.endsWith('s') && !label.endsWith('ss') ? label.slice(0, -1) : label;
}

export function findMetric(metrics: readonly MetricDef[], id: string): MetricDef | undefined {
  return metrics.find((m) => m.id === id);
}
