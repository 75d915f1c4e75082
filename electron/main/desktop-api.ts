import { mkdir } from 'node:fs/promises';
import type { DesktopBridge, LogInput } from '../../core/app-api.ts';
import { findMetric } from '../../core/metrics.ts';
import { buildLogEvent, buildUndoEvent } from '../../client/activity.ts';
import { WolfpackError } from '../../core/errors.ts';
import type { JoinResponse } from '../../core/protocol.ts';
import { createPack, joinPack, normalizeRelayUrl } from '../../client/http.ts';
import type { DesktopApp } from './desktop-app.ts';
import { writeMembership } from './membership.ts';
import { defaultMeetingDate } from './quick-entry/quick-entry.ts';
import { asResult, refusal } from './relay-result.ts';

export type MainApi = Omit<DesktopBridge, 'onState' | 'onNavigate' | 'signOut'>;

/** The main-process side of every IPC message; the preload calls these by name. */
export function buildDesktopApi(app: DesktopApp): MainApi {
  const relay = () => {
    if (!app.session) throw new WolfpackError('bad_request', 'join or create a pack first');
    return app.session;
  };

  async function becomeMember(relayUrl: string, joined: JoinResponse): Promise<void> {
    await mkdir(app.profileDir, { recursive: true, mode: 0o700 });
    const membership = {
      relayUrl,
      packId: joined.pack.id,
      packName: joined.pack.name,
      memberId: joined.member.id,
      displayName: joined.member.displayName,
    };
    await writeMembership(app.profileDir, membership);
    app.vault.save(joined.token);
    const urls = app.settings.get().relayUrls.filter((u) => u !== relayUrl);
    app.settings.update({ relayUrls: [relayUrl, ...urls] });
    app.connect(membership, joined.token);
  }

  async function log(input: LogInput): Promise<{ queued: boolean }> {
    const built = buildLogEvent(input, {
      metrics: app.metrics(),
      now: app.deps.clock.now(),
      newId: () => app.newEventId(),
    });
    // Refused here, at once, rather than queued and refused by the relay later.
    if (!built.ok) throw new WolfpackError(built.code, built.message);
    await app.logEvent(built.event);
    return { queued: app.session?.state !== 'online' };
  }

  return {
    getState: async () => app.state(),
    async createPack(input) {
      const relayUrl = normalizeRelayUrl(input.relayUrl);
      if (!relayUrl)
        return refusal('bad_request', `"${input.relayUrl}" is not a relay address like 192.168.1.20:7420`);
      return asResult(async () => {
        const joined = await createPack(relayUrl, {
          name: input.name,
          displayName: input.displayName,
          timeZone: input.timeZone,
        });
        await becomeMember(relayUrl, joined);
        return {};
      });
    },
    async joinPack(input) {
      const relayUrl = normalizeRelayUrl(input.relayUrl);
      if (!relayUrl)
        return refusal('bad_request', `"${input.relayUrl}" is not a relay address like 192.168.1.20:7420`);
      return asResult(async () => {
        await becomeMember(
          relayUrl,
          await joinPack(relayUrl, { inviteCode: input.inviteCode, displayName: input.displayName }),
        );
        return {};
      });
    },
    async hostPack(input) {
      return asResult(async () => {
        const hosted = await app.deps.relayHost.start();
        const joined = await createPack(hosted.url, {
          name: input.name,
          displayName: input.displayName,
          timeZone: input.timeZone,
        });
        app.hosting = {
          urls: hosted.lanUrls.length > 0 ? hosted.lanUrls : [hosted.url],
          inviteCode: joined.inviteCode ?? null,
        };
        await becomeMember(hosted.url, joined);
        return {};
      });
    },
    log: (input) => asResult(() => log(input)),
    undo: () =>
      asResult(async () => {
        const undo = buildUndoEvent(app.cache.current.recentLogs, app.deps.clock.now(), () =>
          app.newEventId(),
        );
        if (!undo.ok)
          throw new WolfpackError(
            undo.code === 'nothing_to_undo' ? 'not_found' : 'bad_request',
            undo.message,
          );
        app.cache.update((c) => ({
          ...c,
          recentLogs: c.recentLogs.filter((l) => l.id !== undo.retracted.id),
        }));
        await app.logEvent(undo.event);
        return {};
      }),
    createChallenge: (input) => asResult(() => relay().request('challenge:create', input)),
    declineChallenge: (challengeId) => asResult(() => relay().request('challenge:decline', { challengeId })),
    cancelChallenge: (challengeId) => asResult(() => relay().request('challenge:cancel', { challengeId })),
    history: (input) => asResult(() => relay().request('history:challenges', input)),
    counts: (input) => asResult(() => relay().request('history:counts', input)),
    headToHead: (input) => asResult(() => relay().request('history:head-to-head', input)),
    progress: () => asResult(() => relay().request('progress:get', {})),
    setDailyTarget: (metric, target) =>
      asResult(() => relay().request('progress:target', { metric, target })),
    recap: (weekStart) => asResult(() => relay().request('recap:week', weekStart ? { weekStart } : {})),
    getSettings: async () => app.settings.view(app.profileDir, app.vault.warning()),
    async updateSettings(patch) {
      const result = app.settings.update(patch);
      if (!result.ok) return refusal('bad_request', result.message);
      if (patch.launchAtLogin !== undefined) app.deps.setLaunchAtLogin(patch.launchAtLogin);
      return { ok: true };
    },
    async setHotkey(action, accelerator) {
      const result = app.hotkeys.rebind(action, accelerator);
      if (!result.ok) return refusal('conflict', result.message);
      // Saved only once the new combination is really ours.
      app.settings.setHotkey(action, accelerator);
      return { ok: true };
    },
    async setHotkeysPaused(paused) {
      app.hotkeys.setPaused(paused);
      return { ok: true };
    },
    async submitQuickEntry(input) {
      const result = await asResult(() => log(input));
      if (result.ok) app.deps.windows.closeQuickEntry();
      return result.ok ? { ok: true } : result;
    },
    async cancelQuickEntry() {
      app.deps.windows.closeQuickEntry();
    },
    sendCheer: (input) => asResult(() => relay().request('cheer:send', { ...input, id: app.newEventId() })),
    createBoard: (label) => asResult(() => relay().request('board:create', label ? { label } : {})),
    listBoards: () => asResult(() => relay().request('board:list', {})),
    revokeBoard: (boardId) => asResult(() => relay().request('board:revoke', { boardId })),
    rotateInvite: () => asResult(() => relay().request('pack:rotate-invite', {})),
    exportChallengesCsv: () =>
      asResult(async () => {
        const token = app.vault.load();
        const session = relay();
        const res = await fetch(`${session.url}/api/export/challenges.csv`, {
          headers: { authorization: `Bearer ${token ?? ''}` },
          signal: AbortSignal.timeout(30_000),
        });
        if (!res.ok) throw new WolfpackError('internal', `the relay refused the export (HTTP ${res.status})`);
        return { csv: await res.text() };
      }),
    async quickEntryContext() {
      const metric = findMetric(app.metrics(), app.quickEntryMetric) ?? app.metrics()[0];
      if (!metric) throw new Error('no metrics known yet');
      const state = app.state();
      const timeZone = app.mirrorTimeZone();
      return {
        metric,
        defaultMeetingDate: defaultMeetingDate(app.deps.clock.now(), timeZone),
        // Only what the box needs to tell whether a meeting date counts anywhere.
        meetingCheck: {
          timeZone,
          youId: state.you?.id ?? null,
          challenges: state.challenges.map((c) => ({
            title: c.title,
            metric: c.metric,
            status: c.status,
            start: c.start,
            end: c.end,
            horizon: c.horizon,
            participants: c.participants,
          })),
        },
      };
    },
  };
}
