/**
 * Forward-only schema migrations for PostgreSQL, the same tables as SQLITE_MIGRATIONS. Each entry
 * runs once, in order, in a transaction of its own; schema_migrations records the versions.
 *
 * Differences from SQLite, each for a reason:
 * - epoch milliseconds are bigint (they overflow integer);
 * - ids that pages and lists are ordered by use collate "C", so that a cursor means the same
 *   byte order as on SQLite whatever locale the database was created with;
 * - participants keep their position explicitly (SQLite orders them by rowid);
 * - period and result stay JSON text, so that rows.ts maps both databases alike;
 * - packs carry a config_version, kept by triggers, for the one-message log (a relay on SQLite is
 *   one process and reads its pack in-process).
 */
export const PG_MIGRATIONS: readonly string[] = [
  `
  create table packs (
    id text collate "C" primary key,
    name text not null,
    time_zone text not null,
    week_start integer not null,
    owner_id text not null,
    invite_code text not null unique,
    created_at bigint not null
  );
  create table members (
    id text collate "C" primary key,
    pack_id text collate "C" not null references packs(id),
    display_name text not null,
    role text not null,
    token_hash text not null unique,
    joined_at bigint not null,
    left_at bigint
  );
  create index members_pack on members(pack_id);
  create table metrics (
    pack_id text collate "C" not null references packs(id),
    id text collate "C" not null,
    label text not null,
    needs_meeting_date boolean not null,
    primary key (pack_id, id)
  );
  create table events (
    seq bigint generated always as identity primary key,
    id text collate "C" not null unique,
    pack_id text collate "C" not null,
    member_id text collate "C" not null,
    type text not null,
    metric text not null,
    count integer not null,
    occurred_at bigint not null,
    received_at bigint not null,
    meeting_date text collate "C",
    note text,
    retracts text collate "C",
    retracted_by text collate "C"
  );
  create index events_pack_seq on events(pack_id, seq);
  create index events_window on events(pack_id, metric, occurred_at);
  create table challenges (
    id text collate "C" primary key,
    pack_id text collate "C" not null references packs(id),
    creator_id text collate "C" not null,
    title text not null,
    stake text,
    metric text not null,
    format text not null,
    target integer,
    period text not null,
    start_at bigint not null,
    end_at bigint not null,
    horizon_from text collate "C",
    horizon_to text collate "C",
    status text not null,
    created_at bigint not null,
    ended_at bigint,
    result text
  );
  create index challenges_open on challenges(pack_id, status);
  create index challenges_due_start on challenges(status, start_at);
  create index challenges_due_end on challenges(status, end_at);
  create index challenges_ended on challenges(pack_id, status, ended_at, id);
  create table participants (
    challenge_id text collate "C" not null references challenges(id),
    member_id text collate "C" not null,
    position integer not null,
    declined boolean not null default false,
    count integer not null default 0,
    reached_at bigint,
    primary key (challenge_id, member_id)
  );
  create index participants_member on participants(member_id);
  create table counted (
    event_id text collate "C" not null,
    challenge_id text collate "C" not null,
    primary key (event_id, challenge_id)
  );
  create table result_receipts (
    challenge_id text collate "C" not null,
    member_id text collate "C" not null,
    seen_at bigint not null,
    primary key (challenge_id, member_id)
  );
  create table daily_counts (
    pack_id text collate "C" not null,
    member_id text collate "C" not null,
    metric text collate "C" not null,
    day text collate "C" not null,
    count integer not null,
    primary key (pack_id, day, member_id, metric)
  );
  `,
  `
  alter table challenges add column repeat text;
  create table cheers (
    id text collate "C" primary key,
    pack_id text collate "C" not null,
    from_id text collate "C" not null,
    to_id text collate "C" not null,
    reaction text not null,
    text text,
    event_id text collate "C",
    challenge_id text collate "C",
    created_at bigint not null
  );
  create index cheers_pack on cheers(pack_id, created_at);
  create table boards (
    id text collate "C" primary key,
    pack_id text collate "C" not null references packs(id),
    label text not null,
    token_hash text not null unique,
    created_at bigint not null,
    revoked_at bigint
  );
  create index boards_pack on boards(pack_id);
  `,
  // What a node may keep of a pack between transactions (the pack, its metrics, its open
  // challenges and who takes part in them) carries a version that every change to it moves, made
  // by the database itself so that no writer can forget: see PostgresStorage's one-message log.
  `
  alter table packs add column config_version bigint not null default 0;
  create function wp_pack_changed() returns trigger language plpgsql as $$
  begin
    if new.config_version = old.config_version then
      new.config_version := old.config_version + 1;
    end if;
    return new;
  end $$;
  create trigger packs_config before update on packs
    for each row execute function wp_pack_changed();
  create function wp_bump_config() returns trigger language plpgsql as $$
  declare
    row_pack text;
  begin
    if tg_table_name = 'participants' then
      select pack_id into row_pack from challenges
        where id = (case when tg_op = 'DELETE' then old.challenge_id else new.challenge_id end);
    else
      row_pack := case when tg_op = 'DELETE' then old.pack_id else new.pack_id end;
    end if;
    update packs set config_version = config_version + 1 where id = row_pack;
    return null;
  end $$;
  create trigger metrics_config after insert or update or delete on metrics
    for each row execute function wp_bump_config();
  create trigger challenges_config after insert or update or delete on challenges
    for each row execute function wp_bump_config();
  create trigger participants_config after insert or delete or update of declined on participants
    for each row execute function wp_bump_config();
  -- The start of a one-message log in one statement: the pack's lock (the same key as every other
  -- writer's), a commit that does not wait for the disk, and the check of the kept version.
  create function wp_begin_kept_log(pack text, version bigint, flush_later boolean) returns void
  language plpgsql as $$
  begin
    perform pg_advisory_xact_lock(hashtextextended(pack, 0));
    if flush_later then
      perform set_config('synchronous_commit', 'off', true);
    end if;
    if not exists (select 1 from packs where id = pack and config_version = version) then
      raise exception 'the pack changed since this node read it' using errcode = 'WP001';
    end if;
  end $$;
  `,
  // The same start for a pack inside a group commit, which must not wait for a lock that another
  // node holds (every pack of the group would wait with it): the lock is only tried.
  `
  create function wp_try_kept_log(pack text, version bigint, flush_later boolean) returns void
  language plpgsql as $$
  begin
    if not pg_try_advisory_xact_lock(hashtextextended(pack, 0)) then
      raise exception 'pack % is busy on another connection', pack using errcode = 'WP002';
    end if;
    -- Held now, so taking it again there does not wait; the rest is the same as alone.
    perform wp_begin_kept_log(pack, version, flush_later);
  end $$;
  `,
  // Each node looks, every half second, for members who left and boards revoked since its last
  // look (revocation-sweep.ts): these indexes hold only those rows. And who is an active member
  // is now part of what a node keeps of a pack (a log checks its sender against it), so a member
  // joining or leaving moves the version too.
  `
  create index members_left on members(left_at) where left_at is not null;
  create index boards_revoked on boards(revoked_at) where revoked_at is not null;
  create trigger members_config after insert or delete or update of left_at on members
    for each row execute function wp_bump_config();
  `,
  // Streaks and personal bests read one member's day totals of one metric (every day they logged
  // it): this index holds them together. Day totals are kept from the first migration on, for
  // every log and undo, so there is nothing to backfill. Targets are per member and metric.
  `
  create index daily_counts_member on daily_counts(pack_id, member_id, metric, day);
  create table daily_targets (
    pack_id text collate "C" not null,
    member_id text collate "C" not null,
    metric text collate "C" not null,
    target integer not null,
    primary key (pack_id, member_id, metric)
  );
  `,
];
