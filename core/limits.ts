import type { RequestName } from './protocol.ts';

/**
 * Every limit the relay enforces, written once. Clients read the same values, so that they can
 * refuse early with the same words the relay would use. docs/architecture.md says why each value.
 */
export const LIMITS = {
  /** Bytes of one socket message; larger ones close the connection (Socket.IO maxHttpBufferSize). */
  maxMessageBytes: 256 * 1024,
  /**
   * Arrays and objects inside one another in one socket message. The deepest request is 4 levels
   * (`[name, { events: [{ … }] }]`); twice that leaves room for a new field. JSON.parse, Socket.IO
   * and zod walk a structure level by level: a frame nested 120,000 deep held the event loop for
   * 40 ms in JSON.parse alone, with every socket waiting. Deeper: payload_too_large, never parsed.
   */
  maxMessageDepth: 8,
  /**
   * Values (array items and object fields, all levels together) in one socket message. A full
   * activity:log batch holds about 4,000 (500 events of at most 7 fields); 10,000 leaves room
   * above that and keeps JSON.parse of the largest frame under a millisecond or two. More:
   * payload_too_large, never parsed.
   */
  maxMessageElements: 10_000,
  /**
   * Bytes the relay may hold for one socket that does not read what it is sent (a stalled or
   * hostile peer), beyond what the kernel holds. Eight full-size messages: a client on a slow
   * link takes a large snapshot and a burst of pushes without coming near it, while a socket that
   * stopped reading costs the relay at most this. Over it (checked once a second), the connection
   * is closed; the client reconnects and catches up with session:resume.
   */
  maxOutgoingBytes: 2 * 1024 * 1024,
  /** Bytes of one HTTP request body. */
  maxHttpBodyBytes: 16 * 1024,
  eventsPerBatch: 500,
  countPerEvent: 1000,
  noteLength: 500,
  nameLength: 60,
  titleLength: 120,
  stakeLength: 200,
  /**
   * People in one challenge, its creator included, however they are chosen (named, or the whole
   * pack): bad_request, asking to name fewer partners.
   */
  participants: 50,
  /** Active members of one pack; one more join is refused with conflict ("this pack is full"). */
  membersPerPack: 200,
  /**
   * Scheduled and active challenges of one pack; one more is refused with conflict. A weekly
   * repeat that would pass it is not started, and the relay logs that.
   */
  openChallengesPerPack: 30,
  /**
   * Unrevoked floor-board links of one pack (a TV per room of a floor); one more is refused with
   * conflict. Each live link is a token that reads the whole pack.
   */
  boardsPerPack: 20,
  /** Metrics a pack adds to the built-in ones; one more is refused with conflict. */
  customMetricsPerPack: 20,
  /** Calendar dates and instants in requests lie in these years, both included: bad_request. */
  firstYear: 2000,
  lastYear: 2100,
  /** A challenge runs at most about a year. */
  maxChallengeMs: 366 * 24 * 3600 * 1000,
  /** Events may be logged up to 90 days after they happened. */
  maxEventAgeMs: 90 * 24 * 3600 * 1000,
  historyPage: 100,
  /** Days one history:counts request covers, both ends included: about two years. */
  maxCountDays: 800,
  cheerLength: 140,
  /**
   * Cheers and taunts one member sends in any 60 seconds, on top of the message rate: each one is
   * a desktop notification on a partner's screen, and the message rate (20 a second) would let a
   * stuck key or a script bury a partner in hundreds a minute. 10 covers a rep cheering every
   * partner of a busy pack in one go. The 11th: rate_limited, nothing stored or pushed. Counted
   * from the stored cheers, so every relay node sees the same count.
   */
  cheersPerMinute: 10,
  /** A member's daily target for one metric (progress:target): a whole number in 1..this. */
  maxDailyTarget: 10_000,
} as const;

/**
 * Tokens of the member's message budget (RelayOptions.messageRate: 20 a second, bursts of 100,
 * shared by all nodes through Redis) that one request takes, so that a member cannot keep a node
 * busy with expensive requests while a single log stays cheap. One token is about what the relay
 * spends on logging one event or listing challenges (3 ms of its CPU on the machines this was
 * measured on, a pack of 20 with a year of history, 200,000 events). A request never takes more
 * than the burst, so each can still pass on a full budget. A reconnect (session:resume, result:ack,
 * a batch from the outbox) takes well under the burst.
 */
export const REQUEST_COSTS = {
  // The whole snapshot: members, metrics, open challenges with their standings, unseen results, the
  // feed. 9 ms with 20 members and 40 challenges; more in a full pack.
  'session:resume': 5,
  // One token per EVENTS_PER_TOKEN events, at least one: 1 event took 3 ms, 500 took 54 ms.
  'activity:log': 1,
  // Counts every event already in its window, one row per event and challenge: 0.6 s for an
  // 80-day window of 47,000 events (in two statements; it was 0.9 s with one per event). Its full cost would be the whole burst many times over; 30
  // keeps three in a row possible (a pack setting up its week) and at most one every 1.5 s.
  'challenge:create': 30,
  // Take the member's events out of (or the challenge off) every tally they moved.
  'challenge:decline': 2,
  'challenge:cancel': 2,
  'challenge:list': 1,
  'result:ack': 1,
  // A page of up to 100 ended challenges with their standings.
  'history:challenges': 2,
  // One token per COUNT_DAYS_PER_TOKEN days of the range, at least one: 7 days took 1 ms, 365 took 26.
  'history:counts': 1,
  // Every challenge the two ended together.
  'history:head-to-head': 2,
  'pack:rotate-invite': 1,
  'pack:remove-member': 2,
  'pack:leave': 2,
  'metric:add': 1,
  'cheer:send': 1,
  'board:create': 1,
  'board:list': 1,
  'board:revoke': 1,
  // A floor board's snapshot: the same work as session:resume.
  'board:resume': 5,
  // Every day total of the pack (one row per member, metric and day logged), not its events.
  'progress:get': 3,
  'progress:target': 1,
  // Two weeks of day totals, the streaks behind them and the challenges that ended in the week.
  'recap:week': 3,
} as const satisfies Record<RequestName, number>;

/** activity:log takes a token per this many events: 1 for up to 25, 20 for a full batch of 500. */
export const EVENTS_PER_TOKEN = 25;

/** history:counts takes a token per this many days of its range: 1 for a month, 26 for 800 days. */
export const COUNT_DAYS_PER_TOKEN = 31;
