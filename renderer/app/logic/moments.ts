import { findMetric, metricNoun } from '../../../core/metrics.ts';
import type { MetricDef } from '../../../core/metrics.ts';
import { outcomeOf } from '../../../core/outcome.ts';
import type { BeatenBest } from '../../../core/progress-types.ts';
import type { ChallengeView, Member } from '../../../core/types.ts';
import type { AppView } from '../services.ts';

export type MomentKind = 'win' | 'overtake' | 'best';

/** Something worth a short celebration: what happened to you, in words a rep reads at a glance. */
export interface Moment {
  /** Stable for one occurrence, so the same moment is never queued twice. */
  key: string;
  kind: MomentKind;
  /** A few words above the sentence: "Winner!", "In the lead!", "Personal best!". */
  headline: string;
  /** The whole sentence: "You won Most calls this week, 41 to 38". */
  text: string;
  /** The ended challenge a win is about (its result card is in History). */
  challengeId: string | null;
}

/**
 * The moments to play between two states of the app. Only a change seen while connected counts:
 * a reload, a reconnect's catch-up or a cached snapshot replaced by a fresh one is not news, so
 * the first state and anything that arrives while connecting produce nothing.
 */
export function momentsBetween(prev: AppView | null, next: AppView): Moment[] {
  const youId = next.you?.id;
  if (!prev || !youId || prev.you?.id !== youId) return [];
  if (prev.connection.state !== 'online' || next.connection.state !== 'online') return [];
  return [...wins(prev, next, youId), ...overtakes(prev, next, youId), ...bests(prev, next, youId)];
}

function endedViews(state: AppView): ChallengeView[] {
  return [...(state.results ?? []), ...state.challenges.filter((c) => c.status === 'ended')];
}

function tookPart(view: ChallengeView, youId: string): boolean {
  return view.participants.some((p) => p.memberId === youId && !p.declined);
}

function nouns(metrics: readonly MetricDef[], id: string): (count: number) => string {
  const metric = findMetric(metrics, id);
  return (count) => (metric ? metricNoun(metric, count) : id);
}

function wins(prev: AppView, next: AppView, youId: string): Moment[] {
  const seen = new Set(endedViews(prev).map((c) => c.id));
  const out: Moment[] = [];
  for (const view of endedViews(next)) {
    const result = view.result;
    if (!result || seen.has(view.id) || !tookPart(view, youId)) continue;
    const outcome = outcomeOf(result, youId);
    if (outcome !== 'won' && outcome !== 'tied') continue;
    const yours = result.standings.find((s) => s.memberId === youId)?.count ?? 0;
    const best = Math.max(
      0,
      ...result.standings.filter((s) => !result.winners.includes(s.memberId)).map((s) => s.count),
    );
    const noun = nouns(next.metrics, view.metric);
    let text: string;
    if (outcome === 'tied') text = `You shared the win in ${view.title}, tied at ${yours}`;
    else if (view.format === 'goal')
      text = `You reached the goal in ${view.title} with ${yours} ${noun(yours)}`;
    else if (result.standings.length < 2) text = `You won ${view.title} with ${yours} ${noun(yours)}`;
    else text = `You won ${view.title}, ${yours} to ${best}`;
    out.push({
      key: `win:${view.id}`,
      kind: 'win',
      headline: outcome === 'tied' ? 'Shared win!' : 'Winner!',
      text,
      challengeId: view.id,
    });
  }
  return out;
}

/** Counts of everyone still in the challenge; a participant without a log yet has 0. */
function countsOf(view: ChallengeView): Map<string, number> {
  const byMember = new Map(view.standings.map((s) => [s.memberId, s.count]));
  return new Map(
    view.participants.filter((p) => !p.declined).map((p) => [p.memberId, byMember.get(p.memberId) ?? 0]),
  );
}

function overtakes(prev: AppView, next: AppView, youId: string): Moment[] {
  const before = new Map(prev.challenges.map((c) => [c.id, c]));
  const out: Moment[] = [];
  for (const view of next.challenges) {
    const old = before.get(view.id);
    // Everyone works toward a goal on their own: passing a partner there is no contest.
    if (!old || view.status !== 'active' || view.format === 'goal' || !tookPart(view, youId)) continue;
    const was = countsOf(old);
    const now = countsOf(view);
    const yoursWas = was.get(youId) ?? 0;
    const yoursNow = now.get(youId) ?? 0;
    // Only your own logs overtake: a partner's undo that drops them behind you is not your moment.
    if (yoursNow <= yoursWas) continue;
    const rivals = [...now.keys()].filter((id) => id !== youId);
    if (rivals.length === 0) continue;
    const passed = rivals.filter((id) => (was.get(id) ?? 0) > yoursWas && (now.get(id) ?? 0) < yoursNow);
    const bestRivalNow = Math.max(...rivals.map((id) => now.get(id) ?? 0));
    const bestRivalWas = Math.max(...rivals.map((id) => was.get(id) ?? 0));
    const leadsNow = yoursNow > bestRivalNow;
    const ledBefore = yoursWas > bestRivalWas;
    const tookLead = leadsNow && !ledBefore;
    if (!tookLead && passed.length === 0) continue;
    const names = joinNames(passed.map((id) => nameIn(next.members, id)));
    const score = `${yoursNow} to ${tookLead ? bestRivalNow : Math.max(...passed.map((id) => now.get(id) ?? 0))}`;
    let text: string;
    if (tookLead && passed.length > 0)
      text = `You passed ${names} and took the lead in ${view.title}, ${score}`;
    else if (tookLead) text = `You took the lead in ${view.title}, ${score}`;
    else text = `You passed ${names} in ${view.title}, ${score}`;
    out.push({
      key: `overtake:${view.id}:${yoursNow}`,
      kind: 'overtake',
      headline: tookLead ? 'In the lead!' : 'Overtake!',
      text,
      challengeId: null,
    });
  }
  return out;
}

function bestKey(best: BeatenBest): string {
  return `${best.memberId}:${best.metric}:${best.kind}:${best.count}:${best.at}`;
}

function bests(prev: AppView, next: AppView, youId: string): Moment[] {
  const seen = new Set((prev.bests ?? []).map(bestKey));
  return (
    (next.bests ?? [])
      // A first record beats nothing: a rep's first call ever is not a personal best.
      .filter((best) => best.memberId === youId && best.previous > 0 && !seen.has(bestKey(best)))
      .map((best) => ({
        key: `best:${bestKey(best)}`,
        kind: 'best' as const,
        headline: 'Personal best!',
        text: bestText(best, nouns(next.metrics, best.metric)),
        challengeId: null,
      }))
  );
}

function bestText(best: BeatenBest, noun: (count: number) => string): string {
  const was = ` (was ${best.previous})`;
  if (best.kind === 'streak') {
    return `Your longest streak: ${best.count} working days in a row with your ${noun(2)} target met${was}`;
  }
  const span = best.kind === 'day' ? 'day' : 'week';
  return `Your best ${span} ever: ${best.count} ${noun(best.count)}${was}`;
}

function nameIn(members: readonly Member[], id: string): string {
  return members.find((m) => m.id === id)?.displayName ?? 'a former member';
}

function joinNames(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
