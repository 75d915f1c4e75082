/** `wolfpack recap` and `wolfpack streaks` as text: aligned tables a rep reads at a glance. */
import { findMetric, metricNoun } from '../core/metrics.ts';
import type { ProgressReport, WeeklyRecap } from '../core/progress-types.ts';
import { nameOf, shown, type Scene } from './render.ts';

/** Columns padded to their widest cell; numbers right-aligned, words left-aligned. */
export function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => /^[-+=\d/ ]*$/.test(r[i] ?? '')));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (numeric[i] ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

function metricName(scene: Scene, metricId: string): string {
  const metric = findMetric(scene.metrics, metricId);
  return metric ? shown(metricNoun(metric, 2)) : metricId;
}

/** "+3", "-2", "=" for no change. */
export function change(now: number, before: number): string {
  const delta = now - before;
  return delta === 0 ? '=' : delta > 0 ? `+${delta}` : String(delta);
}

const days = (n: number) => (n === 1 ? '1 day' : `${n} days`);

export function recapText(scene: Scene, recap: WeeklyRecap): string {
  const lines = [
    `Week ${recap.weekStart} to ${recap.weekEnd} (${recap.timeZone}), against the week from ${recap.previousWeekStart}`,
    '',
  ];
  const rows: string[][] = [];
  for (const member of recap.members) {
    const streaks = new Map(member.streaks.map((s) => [s.metric, s.streak]));
    // A metric nobody touched in either week, with no streak, is a row of zeros: left out.
    const active = member.counts.filter(
      (c) => c.week > 0 || c.previousWeek > 0 || (streaks.get(c.metric) ?? 0) > 0,
    );
    if (active.length === 0) {
      rows.push([nameOf(scene, member.memberId), 'nothing logged', '', '', '', '']);
      continue;
    }
    active.forEach((c, i) =>
      rows.push([
        i === 0 ? nameOf(scene, member.memberId) : '',
        metricName(scene, c.metric),
        String(c.week),
        String(c.previousWeek),
        change(c.week, c.previousWeek),
        days(streaks.get(c.metric) ?? 0),
      ]),
    );
  }
  lines.push(...table(['Member', 'Metric', 'Week', 'Before', 'Change', 'Streak'], rows), '');
  const ended = recap.members.some((m) => m.challenges.length > 0);
  if (!ended) {
    lines.push('No challenges ended that week.');
  } else {
    lines.push(
      ...table(
        ['Member', 'Won', 'Lost', 'Tied'],
        recap.members.map((m) => [nameOf(scene, m.memberId), String(m.won), String(m.lost), String(m.tied)]),
      ),
    );
  }
  return lines.join('\n');
}

export function streaksText(scene: Scene, report: ProgressReport): string {
  const rows: string[][] = [];
  for (const member of report.members) {
    const logged = member.metrics.filter((m) => m.bestDay !== null);
    logged.forEach((m, i) =>
      rows.push([
        i === 0 ? nameOf(scene, member.memberId) : '',
        metricName(scene, m.metric),
        `${m.today}/${m.target}`,
        days(m.streak),
        days(m.bestStreak),
        m.bestDay ? `${m.bestDay.count} on ${m.bestDay.day}` : '',
        m.bestWeek ? `${m.bestWeek.count} from ${m.bestWeek.weekStart}` : '',
      ]),
    );
  }
  if (rows.length === 0) return `Nothing logged yet (today is ${report.today}).`;
  return [
    `Today is ${report.today}; a streak counts working days at the daily target.`,
    '',
    ...table(['Member', 'Metric', 'Today', 'Streak', 'Best streak', 'Best day', 'Best week'], rows),
  ].join('\n');
}
