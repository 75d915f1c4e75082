/**
 * Forward-only schema migrations for SQLite. Each entry runs once, in order, inside a
 * transaction; the applied version is recorded in schema_migrations.
 */
export const SQLITE_MIGRATIONS: readonly string[] = [
  `
  create table packs (
    id text primary key,
    name text not null,
    time_zone text not null,
    week_start integer not null,
    owner_id text not null,
    invite_code text not null unique,
    created_at integer not null
  );
  create table members (
    id text primary key,
    pack_id text not null references packs(id),
    display_name text not null,
    role text not null,
    token_hash text not null unique,
    joined_at integer not null,
    left_at integer
  );
  create index members_pack on members(pack_id);
  create table metrics (
    pack_id text not null references packs(id),
    id text not null,
    label text not null,
    needs_meeting_date integer not null,
    primary key (pack_id, id)
  );
  create table events (
    seq integer primary key autoincrement,
    id text not null unique,
    pack_id text not null,
    member_id text not null,
    type text not null,
    metric text not null,
    count integer not null,
    occurred_at integer not null,
    received_at integer not null,
    meeting_date text,
    note text,
    retracts text,
    retracted_by text
  );
  create index events_pack_seq on events(pack_id, seq);
  create index events_window on events(pack_id, metric, occurred_at);
  create table challenges (
    id text primary key,
    pack_id text not null references packs(id),
    creator_id text not null,
    title text not null,
    stake text,
    metric text not null,
    format text not null,
    target integer,
    period text not null,
    start_at integer not null,
    end_at integer not null,
    horizon_from text,
    horizon_to text,
    status text not null,
    created_at integer not null,
    ended_at integer,
    result text
  );
  create index challenges_open on challenges(pack_id, status);
  create index challenges_due_start on challenges(status, start_at);
  create index challenges_due_end on challenges(status, end_at);
  create index challenges_ended on challenges(pack_id, status, ended_at, id);
  create table participants (
    challenge_id text not null references challenges(id),
    member_id text not null,
    declined integer not null default 0,
    count integer not null default 0,
    reached_at integer,
    primary key (challenge_id, member_id)
  );
  create index participants_member on participants(member_id);
  create table counted (
    event_id text not null,
    challenge_id text not null,
    primary key (event_id, challenge_id)
  );
  create table result_receipts (
    challenge_id text not null,
    member_id text not null,
    seen_at integer not null,
    primary key (challenge_id, member_id)
  );
  create table daily_counts (
    pack_id text not null,
    member_id text not null,
    metric text not null,
    day text not null,
    count integer not null,
    primary key (pack_id, day, member_id, metric)
  );
  `,
  `
  alter table challenges add column repeat text;
  create table cheers (
    id text primary key,
    pack_id text not null,
    from_id text not null,
    to_id text not null,
    reaction text not null,
    text text,
    event_id text,
    challenge_id text,
    created_at integer not null
  );
  create index cheers_pack on cheers(pack_id, created_at);
  create table boards (
    id text primary key,
    pack_id text not null references packs(id),
    label text not null,
    token_hash text not null unique,
    created_at integer not null,
    revoked_at integer
  );
  create index boards_pack on boards(pack_id);
  `,
  // Each node looks, every half second, for members who left and boards revoked since its last
  // look (revocation-sweep.ts): these indexes hold only those rows, so the look reads nothing else.
  `
  create index members_left on members(left_at) where left_at is not null;
  create index boards_revoked on boards(revoked_at) where revoked_at is not null;
  `,
  // Streaks and personal bests read one member's day totals of one metric (every day they logged
  // it): this index holds them together. Day totals are kept from the first migration on, for
  // every log and undo, so there is nothing to backfill. Targets are per member and metric.
  `
  create index daily_counts_member on daily_counts(pack_id, member_id, metric, day);
  create table daily_targets (
    pack_id text not null,
    member_id text not null,
    metric text not null,
    target integer not null,
    primary key (pack_id, member_id, metric)
  );
  `,
];
