import type { Standing } from '../../core/types.ts';
import type { RelaySession } from '../../client/session.ts';
import type { DesktopApp } from './desktop-app.ts';
import {
  challengeEndedMessage,
  challengeStartedMessage,
  cheerMessage,
  invitedMessage,
  overtakenMessages,
  partnerJoinedMessage,
  type MessageContext,
} from './notifications/messages.ts';
import { personalBestMessage, weeklyRecapMessage } from './notifications/progress-messages.ts';
import { WeeklyRecapNotice } from './notifications/weekly-recap.ts';

/**
 * Turns what the relay tells the session into desktop notifications: results (each once, also
 * those missed while offline, thanks to the session's result ledger), overtakes, starts,
 * invitations and new partners. Returns the function that stops listening.
 */
export function announce(app: DesktopApp, session: RelaySession): () => void {
  const context = (): MessageContext | null => {
    const youId = app.mirror.youId;
    if (!youId) return null;
    return {
      youId,
      names: (id) => app.mirror.member(id)?.displayName ?? 'A partner',
      metrics: app.metrics(),
      timeZone: app.mirrorTimeZone(),
    };
  };
  // The relay's standings as last pushed, to tell who just went past you.
  const last = new Map<string, Standing[]>();
  const recap = new WeeklyRecapNotice({
    clock: app.deps.clock,
    calendar: () => {
      const pack = session.snapshot?.pack;
      return pack ? { timeZone: pack.timeZone, weekStart: pack.weekStart } : null;
    },
    known: (id) => app.notifications.knows(id),
    wanted: () => app.notifications.wants('weeklyRecap'),
    fetch: (weekStart) => app.api.recap(weekStart),
    tell: (week) => {
      const ctx = context();
      const request = ctx && weeklyRecapMessage(ctx, week);
      if (request) app.notifications.notify('weeklyRecap', request);
    },
  });
  const offs = [
    session.on('snapshot', (snapshot) => {
      last.clear();
      for (const c of snapshot.challenges) last.set(c.id, c.standings);
      // Caught up with the relay: the first moment this run can know a new week began.
      recap.check();
    }),
    session.on('bests', ({ bests, at }) => {
      const ctx = context();
      if (!ctx) return;
      for (const best of bests) {
        const request = personalBestMessage(ctx, { ...best, at });
        if (request) app.notifications.notify('personalBest', request);
      }
    }),
    session.on('standings', (update) => {
      const before = last.get(update.challengeId) ?? [];
      last.set(update.challengeId, update.standings);
      const ctx = context();
      const view = app.mirror.challenge(update.challengeId);
      if (!ctx || !view) return;
      for (const request of overtakenMessages(ctx, view, before, update.standings)) {
        app.notifications.notify('overtaken', request);
      }
    }),
    session.on('result', (view) => {
      const ctx = context();
      const request = ctx && challengeEndedMessage(ctx, view);
      if (request) app.notifications.notify('challengeEnded', request);
    }),
    session.on('challenge', ({ change, challenge }) => {
      last.set(challenge.id, challenge.standings);
      const ctx = context();
      if (!ctx) return;
      const mine = challenge.participants.some((p) => p.memberId === ctx.youId && !p.declined);
      if (change === 'created') {
        const request = invitedMessage(ctx, challenge);
        if (request) app.notifications.notify('invited', request);
      } else if (change === 'started' && mine) {
        app.notifications.notify('challengeStarted', challengeStartedMessage(ctx, challenge));
      }
    }),
    session.on('cheer', (cheer) => {
      const ctx = context();
      if (!ctx || cheer.toId !== ctx.youId) return;
      const taunt = cheer.reaction === 'taunt';
      const request = cheerMessage({
        id: cheer.id,
        fromName: ctx.names(cheer.fromId),
        text: cheer.text ?? (taunt ? 'Is that all you have got?' : 'Keep going!'),
        taunt,
      });
      app.notifications.notify('cheers', request);
    }),
    session.on('member', ({ change, member }) => {
      const ctx = context();
      const request = change === 'joined' && ctx ? partnerJoinedMessage(ctx, member) : null;
      if (request) app.notifications.notify('partnerJoined', request);
    }),
  ];
  return () => {
    for (const off of offs) off();
    recap.dispose();
  };
}
