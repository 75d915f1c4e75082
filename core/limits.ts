/**
 * Every limit the relay enforces, written once. Clients read the same values, so that they can
 * refuse early with the same words the relay would use. docs/architecture.md says why each value.
 */
export const LIMITS = {
  /** Bytes of one socket message; larger ones close the connection (Socket.IO maxHttpBufferSize). */
  maxMessageBytes: 256 * 1024,
  /** Bytes of one HTTP request body. */
  maxHttpBodyBytes: 16 * 1024,
  eventsPerBatch: 500,
  countPerEvent: 1000,
  noteLength: 500,
  nameLength: 60,
  titleLength: 120,
  stakeLength: 200,
  participants: 50,
  /** A challenge runs at most about a year. */
  maxChallengeMs: 366 * 24 * 3600 * 1000,
  /** Events may be logged up to 90 days after they happened. */
  maxEventAgeMs: 90 * 24 * 3600 * 1000,
  historyPage: 100,
  cheerLength: 140,
} as const;
