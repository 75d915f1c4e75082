import type { ApiResult, WolfpackApi } from '../../core/app-api.ts';
import { BUILT_IN_METRICS } from '../../core/metrics.ts';
import type { ProgressApi } from '../../core/progress-types.ts';
import type { RequestName, RequestOf, ResponseMap } from '../../core/protocol.ts';
import { uuidv7 } from '../../core/uuid.ts';
import { buildLogEvent, buildUndoEvent } from '../../client/activity.ts';
import { createPack, joinPack } from '../../client/http.ts';
import type { PackApi } from '../app/services.ts';
import { asResult, refusal } from './result.ts';
import { dropRecentLog, pushRecentLog, recentLogs } from './membership.ts';
import type { WebClient } from './web-client.ts';

const ONLINE_WAIT_MS = 8_000;

/**
 * The web app's WolfpackApi: creating and joining over HTTP on the page's own origin, everything
 * else over the relay session. Logs go to the outbox in local storage first, then to the relay.
 */
export function createWebApi(
  client: WebClient,
  fetchFn: typeof fetch = fetch,
): WolfpackApi & PackApi & ProgressApi {
  const http = { fetch: fetchFn };

  function request<N extends RequestName>(
    name: N,
    payload: RequestOf<N>,
  ): Promise<ApiResult<ResponseMap[N]>> {
    const session = client.session;
    if (!session) return Promise.resolve(refusal('bad_request', 'join or create a pack first'));
    return asResult(async () => {
      // A screen opened as the page loads asks before the socket is up; it waits a little for it.
      await client.whenConnected(ONLINE_WAIT_MS);
      return session.request(name, payload);
    });
  }

  return {
    getState: async () => client.state(),
    onState: (listener) => client.onState(listener),

    // The web app always talks to the relay that served it; the relayUrl field is for the desktop.
    createPack: (input) =>
      asResult(async () => {
        const joined = await createPack(
          client.origin,
          { name: input.name, displayName: input.displayName, timeZone: input.timeZone },
          http,
        );
        client.become(joined);
        return {};
      }),
    joinPack: (input) =>
      asResult(async () => {
        const joined = await joinPack(
          client.origin,
          { inviteCode: input.inviteCode.trim(), displayName: input.displayName },
          http,
        );
        client.become(joined);
        return {};
      }),

    async log(input) {
      const session = client.session;
      if (!session) return refusal('bad_request', 'join or create a pack first');
      const metrics = client.mirror.metrics();
      const built = buildLogEvent(input, {
        metrics: metrics.length > 0 ? metrics : BUILT_IN_METRICS,
        now: Date.now(),
      });
      if (!built.ok) return refusal(built.code, built.message);
      return asResult(async () => {
        await session.log([built.event]);
        pushRecentLog(client.store, built.event.id);
        return { queued: session.state !== 'online' };
      });
    },
    async undo() {
      const session = client.session;
      if (!session) return refusal('bad_request', 'join or create a pack first');
      const built = buildUndoEvent(recentLogs(client.store), Date.now());
      if (!built.ok) return refusal('bad_request', built.message);
      return asResult(async () => {
        await session.log([built.event]);
        dropRecentLog(client.store, built.retracted.id);
        return {};
      });
    },

    createChallenge: (input) => request('challenge:create', input),
    declineChallenge: (challengeId) => request('challenge:decline', { challengeId }),
    cancelChallenge: (challengeId) => request('challenge:cancel', { challengeId }),
    history: (input) => request('history:challenges', input),
    counts: (input) => request('history:counts', input),
    headToHead: (input) => request('history:head-to-head', input),
    progress: () => request('progress:get', {}),
    setDailyTarget: (metric, target) => request('progress:target', { metric, target }),
    recap: (weekStart) => request('recap:week', weekStart ? { weekStart } : {}),

    sendCheer: (input) => request('cheer:send', { id: uuidv7(), ...input }),
    createBoard: (label) => request('board:create', label ? { label } : {}),
    listBoards: () => request('board:list', {}),
    revokeBoard: (boardId) => request('board:revoke', { boardId }),
    async rotateInvite() {
      const result = await request('pack:rotate-invite', {});
      if (result.ok) client.setInviteCode(result.inviteCode);
      return result;
    },
    exportChallengesCsv: () =>
      asResult(async () => {
        const token = client.membership?.token;
        if (!token) throw new Error('join or create a pack first');
        const response = await fetchFn(`${client.origin}/api/export/challenges.csv`, {
          headers: { authorization: `Bearer ${token}` },
        });
        if (!response.ok) throw new Error(`the relay answered ${response.status} to the export`);
        return { csv: await response.text() };
      }),
    signOut: (input) =>
      asResult(async () => {
        await client.signOut(input?.forgetUnsent ?? 0);
        return {};
      }),
  };
}
