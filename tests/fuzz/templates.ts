import type { RequestName } from '../../core/protocol.ts';
import { Fresh, Ref } from './spec.ts';

const ref = (name: string) => new Ref(name);
const fresh = () => new Fresh('v7');

/**
 * Requests the relay accepts (against the fixture of fixture.ts), one or more per event: the
 * starting points of the mutations. Ids are refs, so that a mutation can swap in the victim's.
 */
export const VALID: { [N in RequestName]: readonly object[] } = {
  'session:resume': [{}],
  'activity:log': [
    { events: [{ id: fresh(), type: 'log', metric: 'call', count: 1, occurredAt: ref('now') }] },
    {
      events: [
        {
          id: fresh(),
          type: 'log',
          metric: 'forward_appointment',
          count: 2,
          occurredAt: ref('now-60000'),
          meetingDate: ref('today+30'),
          note: 'booked',
        },
      ],
    },
    { events: [{ id: fresh(), type: 'undo', retracts: ref('attacker.eventId'), occurredAt: ref('now') }] },
  ],
  'challenge:create': [
    {
      metric: 'call',
      format: 'race',
      target: 5,
      period: { kind: 'this-week' },
      memberIds: [ref('attacker.mateId')],
      title: 'Race',
      stake: 'Coffee',
    },
    {
      metric: 'appointment',
      format: 'most',
      period: { kind: 'range', from: ref('today'), to: ref('today+6') },
    },
    {
      metric: 'forward_appointment',
      format: 'goal',
      target: 3,
      horizonMonths: 3,
      period: { kind: 'instants', start: ref('now'), end: ref('now+86400000') },
      repeat: 'weekly',
    },
  ],
  'challenge:decline': [{ challengeId: ref('attacker.challengeId') }],
  'challenge:cancel': [{ challengeId: ref('attacker.scheduledId') }],
  'challenge:list': [{}],
  'result:ack': [{ challengeIds: [ref('attacker.challengeId')] }],
  'history:challenges': [{ limit: 10, metric: 'call', memberId: ref('attacker.mateId') }, { cursor: 'abc' }],
  'history:counts': [{ from: ref('today-7'), to: ref('today'), bucket: 'day', metric: 'call' }],
  'history:head-to-head': [{ memberId: ref('attacker.ownerId'), otherId: ref('attacker.mateId') }],
  'pack:rotate-invite': [{}],
  'pack:remove-member': [{ memberId: ref('attacker.mateId') }],
  'pack:leave': [{}],
  'cheer:send': [
    { id: fresh(), reaction: 'cheer', text: 'Nice one', eventId: ref('attacker.mateEventId') },
    {
      id: fresh(),
      reaction: 'taunt',
      challengeId: ref('attacker.challengeId'),
      memberId: ref('attacker.mateId'),
    },
  ],
  'board:create': [{ label: 'Wall' }],
  'board:list': [{}],
  'board:revoke': [{ boardId: ref('attacker.boardId') }],
  'board:resume': [{}],
  'metric:add': [{ id: new Fresh('metric'), label: 'Demos', needsMeetingDate: false }],
  'progress:get': [{}],
  'progress:target': [{ metric: 'call', target: 3 }],
  'recap:week': [{}, { weekStart: ref('today-7') }],
};

/** Requests that read: even an acknowledged one must leave the pack as it was. */
export const READ_ONLY = new Set<RequestName>([
  'session:resume',
  'challenge:list',
  'history:challenges',
  'history:counts',
  'history:head-to-head',
  'board:list',
  'board:resume',
  'progress:get',
  'recap:week',
]);
