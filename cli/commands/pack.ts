import { mkdir } from 'node:fs/promises';
import type { JoinResponse } from '../../core/protocol.ts';
import type { WeekStart } from '../../core/types.ts';
import { createPack, joinPack, normalizeRelayUrl } from '../../client/http.ts';
import { emptyCache, writeCache } from '../../client/profile-cache.ts';
import { removeMembership, writeConfig } from '../../client/profile.ts';
import { isRelayError } from '../../client/relay-error.ts';
import { exactlyOne, parseCommand } from '../args.ts';
import { COMMON_HELP } from '../command.ts';
import type { Command } from '../command.ts';
import { CliError, usageError } from '../errors.ts';
import {
  ask,
  loadMembership,
  openOutbox,
  profileDirFor,
  readProfile,
  startLive,
  withRelay,
} from '../live.ts';
import { findMemberByName } from '../members.ts';
import { ONLINE_TIMEOUT_MS, printJson, showHelp } from '../output.ts';

const WEEK_DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function parseWeekStart(value: string): WeekStart {
  const index = WEEK_DAYS.findIndex((day) => value.toLowerCase().startsWith(day));
  if (index === -1) throw usageError(`--week-start must be a day like mon or sun, not "${value}"`);
  return index as WeekStart;
}

/** `--server` may be given several times: the addresses of one relay's nodes, preferred first. */
function relayUrlsOption(values: string[] | undefined): string[] {
  if (!values || values.length === 0) {
    throw usageError('--server URL is required, like --server http://127.0.0.1:7420');
  }
  return values.map((value) => {
    const url = normalizeRelayUrl(value);
    if (!url) throw usageError(`--server must be a URL like http://127.0.0.1:7420, not "${value}"`);
    return url;
  });
}

/** Tries each address in turn until one answers; the one that did becomes the preferred one. */
async function firstReachable<T>(
  urls: string[],
  call: (url: string) => Promise<T>,
): Promise<{ url: string; result: T }> {
  for (const [i, url] of urls.entries()) {
    try {
      return { url, result: await call(url) };
    } catch (error) {
      if (!isRelayError(error) || error.code !== 'unreachable' || i === urls.length - 1) throw error;
    }
  }
  throw new CliError('no relay address given');
}

function required(value: string | undefined, option: string, example: string): string {
  if (value === undefined || value.trim() === '')
    throw usageError(`${option} is required, like ${option} ${example}`);
  return value;
}

/** A profile belongs to one member of one pack; a second membership needs a second profile. */
async function ensureEmptyProfile(dir: string): Promise<void> {
  const existing = await readProfile(dir);
  if (existing) {
    throw new CliError(
      `the profile ${dir} already belongs to ${existing.displayName} in pack "${existing.packName}"; use another --profile DIR (or \`wolfpack pack leave\` first)`,
    );
  }
}

async function saveMembership(
  dir: string,
  relayUrl: string,
  urls: string[],
  joined: JoinResponse,
): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const alternates = urls.filter((u) => u !== relayUrl);
  await writeConfig(dir, {
    relayUrl,
    ...(alternates.length > 0 ? { alternates } : {}),
    token: joined.token,
    packId: joined.pack.id,
    packName: joined.pack.name,
    memberId: joined.member.id,
    displayName: joined.member.displayName,
  });
  await writeCache(dir, {
    ...emptyCache(),
    pack: joined.pack,
    youId: joined.member.id,
    members: [joined.member],
  });
}

async function httpCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!isRelayError(error)) throw error;
    const usage = error.code === 'bad_request' || error.code === 'invite_invalid';
    throw new CliError(error.message, usage ? 2 : 1);
  }
}

const create: Command = {
  usage: 'wolfpack pack create --server URL --name NAME --as DISPLAY [--tz ZONE] [--week-start mon|sun|...]',
  summary: 'Create a pack on a relay and print its invite code; this profile becomes its owner.',
  details: `
  --server URL       the relay, like http://127.0.0.1:7420 (repeat it for every node of
                     a relay that runs on several; the next one is used when one is down)
  --name NAME        the pack's name
  --as DISPLAY       your name in the pack
  --tz ZONE          the pack's IANA time zone (default: this machine's, ${Intl.DateTimeFormat().resolvedOptions().timeZone})
  --week-start DAY   the day weeks start on (default mon)
  --json             print JSON (pack, member, inviteCode, profile)
${COMMON_HELP}`,
  async run(args, ctx) {
    const { values } = parseCommand(args, {
      server: { type: 'string', multiple: true },
      name: { type: 'string' },
      as: { type: 'string' },
      tz: { type: 'string' },
      'week-start': { type: 'string' },
    });
    if (values.help) return showHelp(ctx, create);
    const urls = relayUrlsOption(values.server);
    const name = required(values.name, '--name', '"Team North"');
    const displayName = required(values.as, '--as', 'Alex');
    const weekStart = parseWeekStart(values['week-start'] ?? 'mon');
    const dir = profileDirFor(ctx, values.profile);
    await ensureEmptyProfile(dir);
    const timeZone = values.tz ?? ctx.timeZone;
    const { url: relayUrl, result: created } = await httpCall(() =>
      firstReachable(urls, (url) => createPack(url, { name, timeZone, weekStart, displayName })),
    );
    await saveMembership(dir, relayUrl, urls, created);
    const inviteCode = created.inviteCode ?? '';
    if (values.json) {
      return printJson(ctx, {
        pack: created.pack,
        member: created.member,
        inviteCode,
        relayUrl,
        profile: dir,
      });
    }
    ctx.out(
      [
        `Created pack "${created.pack.name}" (${created.pack.timeZone}, weeks start on ${DAY_NAMES[created.pack.weekStart]}).`,
        `Invite code: ${inviteCode}`,
        `Partners join with: wolfpack pack join --server ${relayUrl} --invite ${inviteCode} --as NAME`,
        `Profile: ${dir}`,
      ].join('\n'),
    );
    return 0;
  },
};

const join: Command = {
  usage: 'wolfpack pack join --server URL --invite CODE --as DISPLAY',
  summary: "Join a partner's pack with its invite code.",
  details: `
  --server URL     the relay, like http://127.0.0.1:7420 (repeat it for every node of
                   a relay that runs on several; the next one is used when one is down)
  --invite CODE    the invite code the pack owner gave you
  --as DISPLAY     your name in the pack
  --json           print JSON (pack, member, profile)
${COMMON_HELP}`,
  async run(args, ctx) {
    const { values } = parseCommand(args, {
      server: { type: 'string', multiple: true },
      invite: { type: 'string' },
      as: { type: 'string' },
    });
    if (values.help) return showHelp(ctx, join);
    const urls = relayUrlsOption(values.server);
    const inviteCode = required(values.invite, '--invite', 'CODE');
    const displayName = required(values.as, '--as', 'Sam');
    const dir = profileDirFor(ctx, values.profile);
    await ensureEmptyProfile(dir);
    const { url: relayUrl, result: joined } = await httpCall(() =>
      firstReachable(urls, (url) => joinPack(url, { inviteCode: inviteCode.trim(), displayName })),
    );
    await saveMembership(dir, relayUrl, urls, joined);
    if (values.json)
      return printJson(ctx, { pack: joined.pack, member: joined.member, relayUrl, profile: dir });
    ctx.out(`Joined pack "${joined.pack.name}" as ${joined.member.displayName}.\nProfile: ${dir}`);
    return 0;
  },
};

const info: Command = {
  usage: 'wolfpack pack info [--json]',
  summary: 'Show the pack: members, metrics, time zone, and (for the owner) the invite code.',
  details: `  --json          print JSON\n${COMMON_HELP}`,
  async run(args, ctx) {
    const { values } = parseCommand(args, {});
    if (values.help) return showHelp(ctx, info);
    return withRelay(ctx, values.profile, async (_live, membership, s) => {
      const { relayUrl } = membership.config;
      if (values.json) {
        const { pack, you, members, metrics, inviteCode } = s;
        return printJson(ctx, {
          pack,
          you,
          members,
          metrics,
          inviteCode,
          relayUrl,
          profile: membership.paths.dir,
        });
      }
      const lines = [
        `Pack "${s.pack.name}" on ${relayUrl} (${s.pack.timeZone}, weeks start on ${DAY_NAMES[s.pack.weekStart]})`,
        `You: ${s.you.displayName} (${s.you.role})`,
        `Members: ${s.members
          .filter((m) => m.active)
          .map((m) => `${m.displayName}${m.role === 'owner' ? ' (owner)' : ''}`)
          .join(', ')}`,
        `Metrics: ${s.metrics.map((m) => `${m.id} (${m.label}${m.needsMeetingDate ? ', with meeting date' : ''})`).join(', ')}`,
      ];
      if (s.inviteCode) lines.push(`Invite code: ${s.inviteCode}`);
      ctx.out(lines.join('\n'));
      return 0;
    });
  },
};

const rotateInvite: Command = {
  usage: 'wolfpack pack rotate-invite',
  summary: 'Replace the invite code (owner only); the old code stops working.',
  details: `  --json          print JSON\n${COMMON_HELP}`,
  async run(args, ctx) {
    const { values } = parseCommand(args, {});
    if (values.help) return showHelp(ctx, rotateInvite);
    return withRelay(ctx, values.profile, async (live, membership) => {
      const { inviteCode } = await ask(membership.config.relayUrl, () =>
        live.session.request('pack:rotate-invite', {}),
      );
      if (values.json) return printJson(ctx, { inviteCode });
      ctx.out(`New invite code: ${inviteCode}`);
      return 0;
    });
  },
};

const remove: Command = {
  usage: 'wolfpack pack remove NAME',
  summary: 'Remove a member from the pack (owner only); their history stays.',
  details: COMMON_HELP,
  async run(args, ctx) {
    const { values, positionals } = parseCommand(args, {});
    if (values.help) return showHelp(ctx, remove);
    const name = exactlyOne(positionals, "the member's display name");
    return withRelay(ctx, values.profile, async (live, membership, snapshot) => {
      const target = findMemberByName(snapshot.members, name);
      const { member } = await ask(membership.config.relayUrl, () =>
        live.session.request('pack:remove-member', { memberId: target.id }),
      );
      ctx.out(`Removed ${member.displayName} from "${snapshot.pack.name}".`);
      return 0;
    });
  },
};

const leave: Command = {
  usage: 'wolfpack pack leave',
  summary: 'Leave the pack. Queued logs are sent first; then this profile forgets the pack.',
  details: COMMON_HELP,
  async run(args, ctx) {
    const { values } = parseCommand(args, {});
    if (values.help) return showHelp(ctx, leave);
    const membership = await loadMembership(ctx, values.profile);
    const live = startLive(membership, { outbox: await openOutbox(membership.paths) });
    let packName: string;
    try {
      packName = (await live.online(ONLINE_TIMEOUT_MS)).pack.name;
      await live.session.flush();
      await ask(membership.config.relayUrl, () => live.session.request('pack:leave', {}));
    } finally {
      await live.close();
    }
    await removeMembership(membership.paths.dir);
    ctx.out(`You left "${packName}". The profile ${membership.paths.dir} can join another pack now.`);
    return 0;
  },
};

export const packCommands: Record<string, Command> = {
  create,
  join,
  info,
  'rotate-invite': rotateInvite,
  remove,
  leave,
};
