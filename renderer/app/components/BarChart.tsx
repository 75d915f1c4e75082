import type { Chart } from '../logic/stats-series.ts';
import { bucketLabel } from '../logic/stats-series.ts';

const HEIGHT = 220;
const AXIS = 28;
const LEFT = 32;

/** Grouped bars in plain SVG: one group per bucket, one bar per member, you first. */
export function BarChart({
  chart,
  bucket,
  names,
}: {
  chart: Chart;
  bucket: 'day' | 'week';
  names: (id: string) => string;
}) {
  const groups = chart.buckets.length;
  const perGroup = Math.max(1, chart.series.length);
  const groupWidth = Math.max(24, perGroup * 12 + 10);
  const width = LEFT + groups * groupWidth;
  const top = Math.max(1, chart.max);
  const scale = (value: number) => ((HEIGHT - AXIS - 10) * value) / top;
  const totals = chart.series.map((s) => ({ id: s.memberId, total: s.values.reduce((a, b) => a + b, 0) }));
  const summary = totals.map((t) => `${names(t.id)} ${t.total}`).join(', ');
  return (
    <figure className="chart">
      <div className="chart-scroll">
        <svg
          width={width}
          height={HEIGHT}
          role="img"
          aria-label={`Totals: ${summary}`}
          viewBox={`0 0 ${width} ${HEIGHT}`}
        >
          <line x1={LEFT} x2={width} y1={HEIGHT - AXIS} y2={HEIGHT - AXIS} className="axis" />
          <text x={LEFT - 6} y={HEIGHT - AXIS - scale(top) + 4} className="tick" textAnchor="end">
            {top}
          </text>
          {chart.buckets.map((b, gi) => (
            <g key={b} transform={`translate(${LEFT + gi * groupWidth + 5}, 0)`}>
              {chart.series.map((s, si) => {
                const value = s.values[gi] ?? 0;
                const h = scale(value);
                return (
                  <rect
                    key={s.memberId}
                    x={si * 12}
                    y={HEIGHT - AXIS - h}
                    width={10}
                    height={h}
                    className={`series-${si % 6}`}
                  >
                    <title>{`${names(s.memberId)}: ${value} on ${bucketLabel(b, bucket)}`}</title>
                  </rect>
                );
              })}
              {gi % Math.ceil(groups / 14) === 0 ? (
                <text x={(perGroup * 12) / 2} y={HEIGHT - 8} className="tick" textAnchor="middle">
                  {bucketLabel(b, bucket)}
                </text>
              ) : null}
            </g>
          ))}
        </svg>
      </div>
      <figcaption>
        <ul className="legend">
          {totals.map((t, i) => (
            <li key={t.id}>
              <span className={`swatch series-${i % 6}`} aria-hidden="true" />
              {names(t.id)}: {t.total}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
