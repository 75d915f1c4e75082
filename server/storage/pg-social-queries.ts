import type { Sql } from './pg-sql.ts';
import { toBoard, toCheer } from './rows.ts';
import type { Queries } from './types.ts';

/** Each side reads its partial index (the fifth migration): only departures, only revocations. */
const REVOKED_SINCE = `select 'member' as kind, id from members where left_at >= $1
  union all select 'board' as kind, id from boards where revoked_at >= $1`;

/** Cheers and floor-board links in PostgreSQL's dialect. */
export function pgSocialQueries(sql: Sql) {
  return {
    async insertCheer(packId, c) {
      const n = await sql.changed(
        `insert into cheers (id, pack_id, from_id, to_id, reaction, text, event_id, challenge_id, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9) on conflict do nothing`,
        [c.id, packId, c.fromId, c.toId, c.reaction, c.text, c.eventId, c.challengeId, c.createdAt],
      );
      return n === 1;
    },
    async getCheer(cheerId) {
      const row = await sql.first('select * from cheers where id = $1', [cheerId]);
      return row ? { ...toCheer(row), packId: String(row.pack_id) } : null;
    },
    async recentCheers(packId, limit) {
      const rows = await sql.rows(
        'select * from cheers where pack_id = $1 order by created_at desc, id desc limit $2',
        [packId, limit],
      );
      return rows.map(toCheer).reverse();
    },
    async countCheersSince(packId, fromId, since) {
      // cheers_pack (pack_id, created_at) bounds the scan to the pack's last minute of cheers.
      const row = await sql.first(
        'select count(*) as n from cheers where pack_id = $1 and created_at >= $2 and from_id = $3',
        [packId, since, fromId],
      );
      return Number(row?.n ?? 0);
    },

    async insertBoard(packId, board, tokenHash) {
      await sql.changed(
        `insert into boards (id, pack_id, label, token_hash, created_at, revoked_at)
         values ($1, $2, $3, $4, $5, null)`,
        [board.id, packId, board.label, tokenHash, board.createdAt],
      );
    },
    async listBoards(packId) {
      const rows = await sql.rows('select * from boards where pack_id = $1 order by created_at, id', [
        packId,
      ]);
      return rows.map(toBoard);
    },
    async revokeBoard(packId, boardId, at) {
      const n = await sql.changed(
        'update boards set revoked_at = $1 where id = $2 and pack_id = $3 and revoked_at is null',
        [at, boardId, packId],
      );
      return n === 1;
    },
    async getBoard(boardId) {
      const row = await sql.first('select * from boards where id = $1', [boardId]);
      return row ? { ...toBoard(row), packId: String(row.pack_id) } : null;
    },
    async findBoardByTokenHash(tokenHash) {
      const row = await sql.first('select * from boards where token_hash = $1 and revoked_at is null', [
        tokenHash,
      ]);
      return row ? { ...toBoard(row), packId: String(row.pack_id) } : null;
    },

    async revokedSince(since) {
      const rows = await sql.rows(REVOKED_SINCE, [since]);
      return {
        memberIds: rows.filter((r) => r.kind === 'member').map((r) => String(r.id)),
        boardIds: rows.filter((r) => r.kind === 'board').map((r) => String(r.id)),
      };
    },
  } satisfies Partial<Queries>;
}
