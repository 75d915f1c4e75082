import type { Chart } from '../logic/stats-series.ts';
import type { Member } from '../../../core/types.ts';
import { memberColour, memberColourCss } from '../logic/member-colour.ts';
import { bucketLabel } from '../logic/stats-series.ts';

const WIDTH = 960;
const HEIGHT = 260;
const AXIS = 28;
const LEFT = 36;
const TOP = 14;

/**
 * Grouped bars in plain SVG: one group per bucket, one bar per member, you first. Drawn on a
 * fixed canvas that scales to the card, so labels keep their proportions at any width. Each
 * member's bars wear the colour of their badge, so a rep finds themself the same way everywhere.
 */
export function BarChart(props: {
  chart: Chart;
  bucket: 'day' | 'week';
  names: (id: string) => string;
  members: readonly Member[];
}) {
  const { chart, bucket, names, members: pack } = props;
  const fill = (memberId: string) => ({ fill: memberColourCss(memberColour(memberId, pack)) });
  const swatch = (memberId: string) => ({ background: memberColourCss(memberColour(memberId, pack)) });
  const groups = Math.max(1, chart.buckets.length);
  const members = Math.max(1, chart.series.length);
  const groupWidth = (WIDTH - LEFT) / groups;
  const barWidth = Math.min(22, (groupWidth - 8) / members);
  const top = Math.max(1, chart.max);
  const plot = HEIGHT - AXIS - TOP;
  const scale = (value: number) => (plot * value) / top;
  const every = Math.ceil(groups / 14);
  const totals = chart.series.map((s) => ({ id: s.memberId, total: s.values.reduce((a, b) => a + b, 0) }));
  const summary = totals.map((t) => `${names(t.id)} ${t.total}`).join(', ');
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`Totals: ${summary}`}>
        <line x1={LEFT} x2={WIDTH} y1={HEIGHT - AXIS} y2={HEIGHT - AXIS} className="axis" />
        <line x1={LEFT} x2={WIDTH} y1={TOP} y2={TOP} className="grid" />
        <text x={LEFT - 8} y={TOP + 4} className="tick" textAnchor="end">
          {top}
        </text>
        <text x={LEFT - 8} y={HEIGHT - AXIS + 4} className="tick" textAnchor="end">
          0
        </text>
        {chart.buckets.map((b, gi) => {
          const x0 = LEFT + gi * groupWidth + (groupWidth - barWidth * members) / 2;
          return (
            <g key={b}>
              {chart.series.map((s, si) => {
                const value = s.values[gi] ?? 0;
                const h = scale(value);
                return (
                  <rect
                    key={s.memberId}
                    x={x0 + si * barWidth}
                    y={HEIGHT - AXIS - h}
                    width={Math.max(1, barWidth - 2)}
                    height={h}
                    style={fill(s.memberId)}
                  >
                    <title>{`${names(s.memberId)}: ${value} on ${bucketLabel(b, bucket)}`}</title>
                  </rect>
                );
              })}
              {gi % every === 0 ? (
                <text x={LEFT + (gi + 0.5) * groupWidth} y={HEIGHT - 8} className="tick" textAnchor="middle">
                  {bucketLabel(b, bucket)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul className="legend">
          {totals.map((t) => (
            <li key={t.id}>
              <span className="swatch" style={swatch(t.id)} aria-hidden="true" />
              {names(t.id)}: {t.total}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
