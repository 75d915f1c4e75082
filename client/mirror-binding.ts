import type { Mirror } from './mirror.ts';
import type { RelaySession } from './session.ts';

/** Keeps a mirror in step with a session; returns the function that detaches it. */
export function attachMirror(session: RelaySession, mirror: Mirror): () => void {
  const detach = [
    session.on('snapshot', (snapshot) => mirror.applySnapshot(snapshot, session.queuedEvents())),
    session.on('standings', (update) => mirror.applyStandings(update)),
    session.on('feed', (entry) => mirror.applyFeed(entry)),
    session.on('challenge', ({ change, challenge }) => mirror.applyChallenge(change, challenge)),
    session.on('member', ({ member }) => mirror.applyMember(member)),
    session.on('pack', (pack) => mirror.applyPack(pack)),
    session.on('metric', (metric) => mirror.applyMetric(metric)),
    session.on('queued', ({ events }) => mirror.addPending(events)),
    session.on('stored', ({ ids }) => mirror.settle(ids)),
    session.on('rejected', ({ event }) => mirror.settle([event.id])),
    session.on('reidentified', ({ changes }) => mirror.rewrite(changes)),
  ];
  if (session.snapshot) mirror.applySnapshot(session.snapshot, session.queuedEvents());
  return () => {
    for (const off of detach) off();
  };
}
