import { randomUUID } from 'node:crypto';
import { uuidv7 } from '../../core/uuid.ts';
import type { Challenge, Member, Pack, StoredEvent } from '../../core/types.ts';
import type { Storage } from './types.ts';

/** One database of a contract run, reachable through as many storages (nodes) as a test opens. */
export interface ContractTarget {
  /**
   * A storage on the same database as another relay node would have it. SQLite serves one node
   * (one connection, a synchronous busy wait), so there every node shares one storage.
   */
  open(): Promise<Storage>;
  /** A new storage on the same database, which runs the migrations again (a restart). */
  reopen(): Promise<Storage>;
  /** The versions recorded in schema_migrations, in order. */
  migrations(): Promise<number[]>;
  /** Drops the database and closes every storage opened through `open`. */
  cleanup(): Promise<void>;
}

export interface ContractBackend {
  name: string;
  /** Transactions of different packs overlap (PostgreSQL); SQLite's one connection takes turns. */
  packsInParallel: boolean;
  /** A fresh, empty, migrated database. */
  create(): Promise<ContractTarget>;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export interface SeededPack {
  pack: Pack;
  inviteCode: string;
  members: Member[];
}

/** A pack with `count` members (the first owns it), stored in one transaction. */
export async function seedPack(storage: Storage, count = 2, at = Date.now()): Promise<SeededPack> {
  const packId = randomUUID();
  const members: Member[] = Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    packId,
    displayName: `Rep ${i + 1}`,
    role: i === 0 ? 'owner' : 'member',
    joinedAt: at + i,
    active: true,
  }));
  const pack: Pack = {
    id: packId,
    name: 'Pack',
    timeZone: 'Europe/Berlin',
    weekStart: 1,
    ownerId: members[0]?.id ?? '',
    createdAt: at,
  };
  const inviteCode = `CODE-${randomUUID().slice(0, 8)}`;
  await storage.transaction(async (q) => {
    await q.insertPack(pack, inviteCode);
    for (const m of members) await q.insertMember(m, `hash-${m.id}`);
  });
  return { pack, inviteCode, members };
}

export function challengeOf(seeded: SeededPack, over: Partial<Challenge> = {}): Challenge {
  const now = Date.now();
  return {
    id: randomUUID(),
    packId: seeded.pack.id,
    creatorId: seeded.pack.ownerId,
    title: 'Most calls',
    stake: null,
    metric: 'call',
    format: 'most',
    target: null,
    period: { kind: 'instants', start: now - 60_000, end: now + 60_000 },
    start: now - 60_000,
    end: now + 60_000,
    horizon: null,
    participants: seeded.members.map((m) => ({ memberId: m.id, declined: false })),
    status: 'active',
    createdAt: now,
    endedAt: null,
    repeat: null,
    ...over,
  };
}

export type NewEvent = Omit<StoredEvent, 'seq' | 'retractedBy'>;

export function eventOf(member: Member, over: Partial<NewEvent> = {}): NewEvent {
  const now = Date.now();
  return {
    id: uuidv7(),
    packId: member.packId,
    memberId: member.id,
    type: 'log',
    metric: 'call',
    count: 1,
    occurredAt: now,
    receivedAt: now,
    meetingDate: null,
    note: null,
    retracts: null,
    ...over,
  };
}
