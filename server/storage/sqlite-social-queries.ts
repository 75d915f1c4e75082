import type { BoardLink, Cheer, EpochMs } from '../../core/types.ts';
import { toBoard, toCheer } from './rows.ts';
import type { SqliteSql } from './sqlite-queries.ts';
import type { Queries } from './types.ts';

/** Each side reads its partial index (the third migration): only departures, only revocations. */
const REVOKED_SINCE = `select 'member' as kind, id from members where left_at >= ?
  union all select 'board' as kind, id from boards where revoked_at >= ?`;

/** Cheers and floor-board links in SQLite. */
export function sqliteSocialQueries(db: SqliteSql) {
  return {
    async insertCheer(packId: string, c: Cheer): Promise<boolean> {
      return (
        db.run(
          `insert into cheers (id, pack_id, from_id, to_id, reaction, text, event_id, challenge_id, created_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing`,
          c.id,
          packId,
          c.fromId,
          c.toId,
          c.reaction,
          c.text,
          c.eventId,
          c.challengeId,
          c.createdAt,
        ) === 1
      );
    },
    async getCheer(cheerId: string) {
      const row = db.get('select * from cheers where id = ?', cheerId);
      return row ? { ...toCheer(row), packId: String(row.pack_id) } : null;
    },
    async recentCheers(packId: string, limit: number) {
      return db
        .all(
          'select * from cheers where pack_id = ? order by created_at desc, id desc limit ?',
          packId,
          limit,
        )
        .map(toCheer)
        .reverse();
    },
    async countCheersSince(packId: string, fromId: string, since: EpochMs): Promise<number> {
      // cheers_pack (pack_id, created_at) bounds the scan to the pack's last minute of cheers.
      const row = db.get(
        'select count(*) as n from cheers where pack_id = ? and created_at >= ? and from_id = ?',
        packId,
        since,
        fromId,
      );
      return Number(row?.n ?? 0);
    },

    async insertBoard(packId: string, board: BoardLink, tokenHash: string): Promise<void> {
      db.run(
        'insert into boards (id, pack_id, label, token_hash, created_at, revoked_at) values (?, ?, ?, ?, ?, null)',
        board.id,
        packId,
        board.label,
        tokenHash,
        board.createdAt,
      );
    },
    async listBoards(packId: string) {
      return db.all('select * from boards where pack_id = ? order by created_at, id', packId).map(toBoard);
    },
    async revokeBoard(packId: string, boardId: string, at: EpochMs): Promise<boolean> {
      return (
        db.run(
          'update boards set revoked_at = ? where id = ? and pack_id = ? and revoked_at is null',
          at,
          boardId,
          packId,
        ) === 1
      );
    },
    async getBoard(boardId: string) {
      const row = db.get('select * from boards where id = ?', boardId);
      return row ? { ...toBoard(row), packId: String(row.pack_id) } : null;
    },
    async findBoardByTokenHash(tokenHash: string) {
      const row = db.get('select * from boards where token_hash = ? and revoked_at is null', tokenHash);
      return row ? { ...toBoard(row), packId: String(row.pack_id) } : null;
    },

    async revokedSince(since: EpochMs) {
      const rows = db.all(REVOKED_SINCE, since, since);
      return {
        memberIds: rows.filter((r) => r.kind === 'member').map((r) => String(r.id)),
        boardIds: rows.filter((r) => r.kind === 'board').map((r) => String(r.id)),
      };
    },
  } satisfies Partial<Queries>;
}
