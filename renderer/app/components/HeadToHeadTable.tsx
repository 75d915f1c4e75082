import { useEffect, useState } from 'react';
import type { ChallengeView, HeadToHead } from '../../../core/types.ts';
import { useApp } from '../context.ts';
import { streakLabel, winStreak } from '../logic/history.ts';
import type { AppView } from '../services.ts';

interface Props {
  state: AppView;
  /** Ended challenges newest first, unfiltered (null while the list is filtered). */
  recent: ChallengeView[] | null;
  /** True when `recent` holds every ended challenge. */
  complete: boolean;
  /** Asks the relay only once the list's first page is in, so it never delays the list. */
  ready: boolean;
}

/** Your record against each partner (from the relay, over all history) and current win streaks. */
export function HeadToHeadTable({ state, recent, complete, ready }: Props) {
  const { services } = useApp();
  const youId = state.you?.id ?? '';
  const partners = state.members.filter((m) => m.id !== youId && m.active);
  const partnerKey = partners.map((p) => p.id).join(',');
  const [records, setRecords] = useState<Map<string, HeadToHead> | null>(null);
  // Streaks are read off the unfiltered list; a filter keeps the last ones shown.
  const [streakSource, setStreakSource] = useState<{ items: ChallengeView[]; complete: boolean } | null>(
    null,
  );
  useEffect(() => {
    if (recent && recent.length > 0) setStreakSource({ items: recent, complete });
  }, [recent, complete]);
  useEffect(() => {
    if (!ready) return;
    let live = true;
    const ids = partnerKey ? partnerKey.split(',') : [];
    void Promise.all(ids.map((otherId) => services.api.headToHead({ memberId: youId, otherId }))).then(
      (heads) => {
        if (!live) return;
        const byPartner = new Map<string, HeadToHead>();
        for (const head of heads) if (head.ok) byPartner.set(head.otherId, head);
        setRecords(byPartner);
      },
    );
    return () => {
      live = false;
    };
  }, [services.api, youId, partnerKey, ready]);
  if (partners.length === 0) return null;
  const streak = (memberId: string) =>
    streakSource ? streakLabel(winStreak(streakSource.items, memberId, streakSource.complete)) : '…';
  return (
    <section className="card" aria-labelledby="h2h-title">
      <h2 id="h2h-title">Head to head</h2>
      <p className="hint">Your current streak: {streak(youId)}</p>
      <table className="h2h">
        <thead>
          <tr>
            <th scope="col">Partner</th>
            <th scope="col">You won</th>
            <th scope="col">You lost</th>
            <th scope="col">Tied</th>
            <th scope="col">Their current streak</th>
          </tr>
        </thead>
        <tbody>
          {partners.map((p) => {
            const head = records?.get(p.id);
            return (
              <tr key={p.id}>
                <th scope="row">{p.displayName}</th>
                <td>{head?.wins ?? '…'}</td>
                <td>{head?.losses ?? '…'}</td>
                <td>{head?.ties ?? '…'}</td>
                <td>{streak(p.id)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
