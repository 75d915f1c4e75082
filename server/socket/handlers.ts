import { WolfpackError, isWolfpackError } from '../../core/errors.ts';
import {
  requestSchemas,
  type Ack,
  type ParsedRequestOf,
  type RequestName,
  type ResponseMap,
} from '../../core/protocol.ts';
import type { BoardLink, Member } from '../../core/types.ts';
import { cancelChallenge, createChallenge, declineChallenge, listOpen } from '../challenges.ts';
import type { RelayContext } from '../context.ts';
import { activityCounts, endedChallenges, headToHead } from '../history.ts';
import { logEvents } from '../ingest.ts';
import { acknowledgeResults, addMetric, leavePack, removeMember, rotateInvite, snapshot } from '../packs.ts';
import type { RateLimiter } from '../rate-limit.ts';
import { requestCost } from './cost.ts';
import { describeRequestIssue, eventField, eventLabel } from './echo.ts';
import { RefusedFrame } from './parser.ts';
import { memberRoom, packRoom, type RelaySocket } from './types.ts';
import { boardRoom, boardSnapshot, createBoard, listBoards, revokeBoard } from '../boards.ts';
import { sendCheer } from '../cheers.ts';
import { progressReport, setDailyTarget, weekRecap } from '../progress.ts';

type Handler<N extends RequestName> = (request: ParsedRequestOf<N>) => Promise<ResponseMap[N]>;
type Table = { [N in RequestName]?: Handler<N> };

/** What a member's socket may ask; each handler gets a validated request. */
function memberTable(ctx: RelayContext, member: Member): Table {
  return {
    'session:resume': () => snapshot(ctx, member),
    'activity:log': (r) => logEvents(ctx, member, r.events),
    'challenge:create': async (r) => ({ challenge: await createChallenge(ctx, member, r) }),
    'challenge:decline': async (r) => ({ challenge: await declineChallenge(ctx, member, r.challengeId) }),
    'challenge:cancel': async (r) => ({ challenge: await cancelChallenge(ctx, member, r.challengeId) }),
    'challenge:list': async () => ({ challenges: await listOpen(ctx, member) }),
    'result:ack': async (r) => ({ acknowledged: await acknowledgeResults(ctx, member, r.challengeIds) }),
    'history:challenges': (r) => endedChallenges(ctx, member, r),
    'history:counts': async (r) => ({ rows: await activityCounts(ctx, member, r) }),
    'history:head-to-head': (r) => headToHead(ctx, member, r),
    'pack:rotate-invite': async () => ({ inviteCode: await rotateInvite(ctx, member) }),
    'pack:remove-member': async (r) => ({ member: await removeMember(ctx, member, r.memberId) }),
    'pack:leave': async () => ({ member: await leavePack(ctx, member) }),
    'metric:add': async (r) => ({ metric: await addMetric(ctx, member, r) }),
    'cheer:send': async (r) => ({ cheer: await sendCheer(ctx, member, r) }),
    'board:create': (r) => createBoard(ctx, member, r.label),
    'board:list': async () => ({ boards: await listBoards(ctx, member) }),
    'board:revoke': async (r) => ({ board: await revokeBoard(ctx, member, r.boardId) }),
    'progress:get': async () => ({ report: await progressReport(ctx, member) }),
    'progress:target': async (r) => ({ target: await setDailyTarget(ctx, member, r) }),
    'recap:week': async (r) => ({ recap: await weekRecap(ctx, member, r) }),
  };
}

/** A floor board only watches. */
function boardTable(ctx: RelayContext, board: BoardLink & { packId: string }): Table {
  return { 'board:resume': () => boardSnapshot(ctx, board) };
}

export interface InFlight {
  count: number;
  /** Resolves when count reaches zero. */
  drained(): Promise<void>;
  closing: boolean;
}

export function createInFlight(): InFlight & { done(): void } {
  let waiters: (() => void)[] = [];
  const state = {
    count: 0,
    closing: false,
    drained: () => (state.count === 0 ? Promise.resolve() : new Promise<void>((r) => waiters.push(r))),
    done: () => {
      state.count -= 1;
      if (state.count === 0) {
        for (const w of waiters) w();
        waiters = [];
      }
    },
  };
  return state;
}

/** Wires a connected, authenticated socket: rooms, then one validated handler per event. */
export function attachSocket(
  ctx: RelayContext,
  socket: RelaySocket,
  limiter: RateLimiter,
  inFlight: ReturnType<typeof createInFlight>,
): void {
  const { member, board } = socket.data;
  const packId = member?.packId ?? board?.packId ?? '';
  void socket.join(
    member ? [packRoom(packId), memberRoom(member.id)] : [packRoom(packId), boardRoom(board?.id ?? '')],
  );
  ctx.metrics.connectedSockets.inc();
  socket.on('disconnect', () => ctx.metrics.connectedSockets.dec());
  const table = member ? memberTable(ctx, member) : board ? boardTable(ctx, board) : {};
  const caller = member?.id ?? board?.id ?? '';
  const report = (event: string, error: WolfpackError): void => {
    ctx.metrics.rejections.inc({ code: error.code });
    socket.emit('request:error', { event, error: error.toWire() });
  };
  const refuse = (ack: (response: Ack<object>) => void, error: WolfpackError): void => {
    ctx.metrics.rejections.inc({ code: error.code });
    ack({ ok: false, error: error.toWire() });
  };
  socket.onAny((event: unknown, ...args: unknown[]) => {
    if (typeof event === 'string' && Object.hasOwn(requestSchemas, event)) return;
    const error = refusalOf(event);
    // A frame with an acknowledgement id and no data arrives as the acknowledgement alone.
    const ack = args.length === 0 && typeof event === 'function' ? event : args.at(-1);
    if (typeof ack === 'function') refuse(ack as (response: Ack<object>) => void, error);
    else report(eventField(event instanceof RefusedFrame ? event.event : event), error);
  });
  for (const name of Object.keys(requestSchemas) as RequestName[]) {
    // Socket.IO's typed `on` cannot express a handler chosen by a runtime key; the payload is
    // treated as unknown anyway and validated below.
    (socket.on as (event: string, listener: (...args: unknown[]) => void) => void)(name, (...args) => {
      // Socket.IO puts the acknowledgement last, after however many values the frame held.
      const ack = args.at(-1);
      if (typeof ack !== 'function') {
        // Without an acknowledgement callback there is nothing to answer; say so on the side.
        return report(name, new WolfpackError('bad_request', `${name} needs an acknowledgement callback`));
      }
      const reply = ack as (response: Ack<object>) => void;
      if (args.length > 2) {
        return refuse(
          reply,
          new WolfpackError('bad_request', `${name} takes one request object and a callback`),
        );
      }
      const handler = table[name] as Handler<RequestName> | undefined;
      void respond(
        ctx,
        name,
        handler,
        caller,
        args.length === 2 ? args[0] : undefined,
        reply,
        limiter,
        inFlight,
      );
    });
  }
}

/** The answer to a message that names no request: a frame refused unread, or an unknown event. */
function refusalOf(event: unknown): WolfpackError {
  if (event instanceof RefusedFrame) {
    const what = event.event ?? 'the message';
    return new WolfpackError('payload_too_large', `${what} was refused unread: ${event.reason}`);
  }
  const name = eventLabel(event);
  return new WolfpackError('bad_request', name ? `unknown event "${name}"` : eventField(event));
}

async function respond(
  ctx: RelayContext,
  name: RequestName,
  handler: Handler<RequestName> | undefined,
  caller: string,
  raw: unknown,
  ack: (response: Ack<object>) => void,
  limiter: RateLimiter,
  inFlight: ReturnType<typeof createInFlight>,
): Promise<void> {
  const started = performance.now();
  const reply = ack;
  const fail = (error: WolfpackError): void => {
    ctx.metrics.rejections.inc({ code: error.code });
    reply({ ok: false, error: error.toWire() });
  };
  if (inFlight.closing)
    return fail(new WolfpackError('internal', 'the relay is shutting down; your client will retry'));
  if (!handler) {
    return fail(
      new WolfpackError(
        'forbidden',
        `${name} is not allowed on this connection (a floor board only watches; board:resume is for boards)`,
      ),
    );
  }
  if (!limiter.take(caller, requestCost(name, raw)))
    return fail(new WolfpackError('rate_limited', 'too many messages; slow down and retry in a moment'));
  const parsed = requestSchemas[name].safeParse(raw ?? {});
  if (!parsed.success) return fail(new WolfpackError('bad_request', describeRequestIssue(parsed.error)));
  inFlight.count += 1;
  try {
    const response = await handler(parsed.data as never);
    reply({ ok: true, ...response });
    ctx.metrics.ackLatency.observe({ event: name }, (performance.now() - started) / 1000);
  } catch (error) {
    if (isWolfpackError(error)) {
      fail(error);
    } else {
      ctx.log.error({ err: error, event: name, caller }, 'handler failed');
      fail(new WolfpackError('internal', 'the relay failed to handle that; nothing was changed'));
    }
  } finally {
    inFlight.done();
  }
}
