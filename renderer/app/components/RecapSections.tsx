import { useId } from 'react';
import type { MetricDef } from '../../../core/metrics.ts';
import type { MemberRecap, RecapChallenge, WeeklyRecap } from '../../../core/progress-types.ts';
import type { Member } from '../../../core/types.ts';
import {
  challengeTally,
  countOf,
  metricLabel,
  metricPlural,
  weekChangeWords,
  weekLeaders,
} from '../logic/progress-lines.ts';
import { nameOf } from '../logic/standings.ts';

export interface RecapNames {
  members: readonly Member[];
  youId: string | null;
  metrics: readonly MetricDef[];
}

const name = (n: RecapNames, memberId: string) => nameOf(n.members, memberId, n.youId);

function joinNames(names: string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** Metrics anyone counted in the week or the one before, in the pack's order. */
export function recapMetrics(recap: WeeklyRecap, metrics: readonly MetricDef[]): string[] {
  const used = new Set<string>();
  for (const m of recap.members)
    for (const c of m.counts) if (c.week > 0 || c.previousWeek > 0) used.add(c.metric);
  const known = metrics.map((m) => m.id).filter((id) => used.has(id));
  return [...known, ...[...used].filter((id) => !known.includes(id))];
}

/** Your own week in sentences: what a rep reads first. */
export function YourWeek({
  recap,
  names,
  shown,
}: {
  recap: WeeklyRecap;
  names: RecapNames;
  shown: string[];
}) {
  const id = useId();
  const you = recap.members.find((m) => m.memberId === names.youId);
  if (!you) return null;
  return (
    <section className="card recap-you" aria-labelledby={`${id}-title`} data-testid="recap-you">
      <h2 id={`${id}-title`}>Your week</h2>
      <ul>
        {shown.map((metric) => {
          const c = you.counts.find((x) => x.metric === metric) ?? { week: 0, previousWeek: 0 };
          return <li key={metric}>{weekChangeWords(names.metrics, metric, c.week, c.previousWeek)}</li>;
        })}
        <li>
          {you.won + you.lost + you.tied > 0
            ? `Challenges: ${challengeTally(you)}`
            : 'No challenge of yours ended that week'}
        </li>
      </ul>
    </section>
  );
}

function change(week: number, previous: number): { text: string; kind: 'up' | 'down' | 'same' } {
  const d = week - previous;
  if (d === 0) return { text: '±0', kind: 'same' };
  return d > 0 ? { text: `+${d}`, kind: 'up' } : { text: `−${-d}`, kind: 'down' };
}

/** One metric: every member's week against the week before, the leader named above the table. */
export function MetricWeek({
  recap,
  names,
  metric,
}: {
  recap: WeeklyRecap;
  names: RecapNames;
  metric: string;
}) {
  const id = useId();
  const lead = weekLeaders(recap.members, metric);
  const rows = recap.members
    .map((m) => ({ m, c: m.counts.find((x) => x.metric === metric) ?? { week: 0, previousWeek: 0 } }))
    .sort((a, b) => b.c.week - a.c.week);
  const leaders = joinNames(lead.ids.map((memberId) => name(names, memberId)));
  // By how much: the gap to the next member, which is what a rep wants to know next.
  const runnerUp = rows.find((r) => !lead.ids.includes(r.m.memberId));
  const ahead =
    lead.ids.length === 1 && runnerUp
      ? `, ${lead.count - runnerUp.c.week} ahead of ${name(names, runnerUp.m.memberId).replace(/^You$/, 'you')}`
      : '';
  const headline =
    lead.ids.length === 0
      ? `No ${metricPlural(names.metrics, metric)} that week`
      : `${leaders} ${lead.ids.length > 1 ? 'tied on top with' : 'led with'} ${countOf(names.metrics, metric, lead.count)}${ahead}`;
  return (
    <section
      className="card recap-metric"
      aria-labelledby={`${id}-title`}
      data-testid="recap-metric"
      data-metric={metric}
    >
      <h2 id={`${id}-title`}>{metricLabel(names.metrics, metric)}</h2>
      <p className="recap-lead">{headline}</p>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">Member</th>
              <th scope="col" className="num">
                That week
              </th>
              <th scope="col" className="num">
                Week before
              </th>
              <th scope="col">
                <abbr title="Streak at the end of the week">Streak</abbr>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ m, c }) => {
              const diff = change(c.week, c.previousWeek);
              const streak = m.streaks.find((s) => s.metric === metric)?.streak ?? 0;
              return (
                <tr
                  key={m.memberId}
                  data-testid="recap-row"
                  className={lead.ids.includes(m.memberId) ? 'leader' : undefined}
                >
                  <th scope="row">{name(names, m.memberId)}</th>
                  <td className="num">
                    <span data-testid="recap-week">{c.week}</span>{' '}
                    <span className={`change change-${diff.kind}`}>{diff.text}</span>
                  </td>
                  <td className="num" data-testid="recap-before">
                    {c.previousWeek}
                  </td>
                  <td>{streak > 0 ? `${streak} ${streak === 1 ? 'day' : 'days'}` : '–'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** "Sam won", "You and Sam tied", "No result": each challenge once, from everyone's side at once. */
function outcomeLine(
  names: RecapNames,
  sides: { memberId: string; outcome: RecapChallenge['outcome'] }[],
): string {
  const winners = sides.filter((s) => s.outcome === 'won').map((s) => name(names, s.memberId));
  if (winners.length > 0) return `${joinNames(winners)} won`;
  const tied = sides.filter((s) => s.outcome === 'tied').map((s) => name(names, s.memberId));
  if (tied.length > 0) return `${joinNames(tied)} tied`;
  return 'No result';
}

/** Challenges that ended in the week, and each member's won, lost and tied. */
export function RecapChallenges({ recap, names }: { recap: WeeklyRecap; names: RecapNames }) {
  const id = useId();
  const byId = new Map<
    string,
    { title: string; sides: { memberId: string; outcome: RecapChallenge['outcome'] }[] }
  >();
  for (const member of recap.members) {
    for (const c of member.challenges) {
      const entry = byId.get(c.challengeId) ?? { title: c.title, sides: [] };
      entry.sides.push({ memberId: member.memberId, outcome: c.outcome });
      byId.set(c.challengeId, entry);
    }
  }
  const tallies = recap.members.filter((m: MemberRecap) => m.won + m.lost + m.tied > 0);
  return (
    <section className="card recap-challenges" aria-labelledby={`${id}-title`} data-testid="recap-challenges">
      <h2 id={`${id}-title`}>Challenges</h2>
      {byId.size === 0 ? (
        <p className="hint">No challenge ended that week.</p>
      ) : (
        <>
          <ul className="recap-challenge-list">
            {[...byId.entries()].map(([challengeId, c]) => (
              <li key={challengeId}>
                <span className="recap-challenge-title">{c.title}</span>
                <span className="recap-outcome">{outcomeLine(names, c.sides)}</span>
              </li>
            ))}
          </ul>
          <ul className="recap-tallies">
            {tallies.map((m) => (
              <li key={m.memberId} data-testid="recap-tally">
                <strong>{name(names, m.memberId)}</strong>: {challengeTally(m)}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
