import { useEffect, useState } from 'react';
import type { HeadToHead } from '../../../core/types.ts';
import { LIMITS } from '../../../core/protocol.ts';
import type { ChallengeView } from '../../../core/types.ts';
import { useApp } from '../context.ts';
import { streakLabel, winStreak } from '../logic/history.ts';
import type { AppView } from '../services.ts';

interface Records {
  byPartner: Map<string, HeadToHead>;
  recent: ChallengeView[];
  complete: boolean;
}

/** Your record against each partner (from the relay, over all history) and current win streaks. */
export function HeadToHeadTable({ state }: { state: AppView }) {
  const { services } = useApp();
  const youId = state.you?.id ?? '';
  const partners = state.members.filter((m) => m.id !== youId && m.active);
  const partnerKey = partners.map((p) => p.id).join(',');
  const [records, setRecords] = useState<Records | null>(null);
  useEffect(() => {
    let live = true;
    const ids = partnerKey ? partnerKey.split(',') : [];
    void Promise.all([
      services.api.history({ limit: LIMITS.historyPage }),
      ...ids.map((otherId) => services.api.headToHead({ memberId: youId, otherId })),
    ]).then(([recent, ...heads]) => {
      if (!live) return;
      const byPartner = new Map<string, HeadToHead>();
      for (const head of heads) if (head?.ok && 'otherId' in head) byPartner.set(head.otherId, head);
      setRecords({
        byPartner,
        recent: recent?.ok && 'items' in recent ? recent.items : [],
        complete: !(recent?.ok && 'nextCursor' in recent && recent.nextCursor),
      });
    });
    return () => {
      live = false;
    };
  }, [services.api, youId, partnerKey]);
  if (partners.length === 0) return null;
  const streak = (memberId: string) =>
    records ? streakLabel(winStreak(records.recent, memberId, records.complete)) : '…';
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
            const head = records?.byPartner.get(p.id);
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
