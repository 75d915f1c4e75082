/** `pack create` and `pack join`: the two ways a profile becomes a member of a pack. */
import { createPack, joinPack } from '../../client/http.ts';
import { parseCommand } from '../args.ts';
import { COMMON_HELP } from '../command.ts';
import type { Command } from '../command.ts';
import { profileDirFor } from '../live.ts';
import { printJson, showHelp } from '../output.ts';
import { shown } from '../render.ts';
import { DAY_NAMES, parseTimeZone, parseWeekStart, relayUrlsOption, required } from './pack-options.ts';
import { ensureEmptyProfile, firstReachable, httpCall, saveMembership } from './pack-profile.ts';

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
    const timeZone = values.tz === undefined ? ctx.timeZone : parseTimeZone(values.tz);
    const dir = profileDirFor(ctx, values.profile);
    await ensureEmptyProfile(dir);
    const { url: relayUrl, result: created } = await httpCall(urls, () =>
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
        `Created pack "${shown(created.pack.name)}" (${created.pack.timeZone}, weeks start on ${DAY_NAMES[created.pack.weekStart]}).`,
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
    const { url: relayUrl, result: joined } = await httpCall(urls, () =>
      firstReachable(urls, (url) => joinPack(url, { inviteCode: inviteCode.trim(), displayName })),
    );
    await saveMembership(dir, relayUrl, urls, joined);
    if (values.json)
      return printJson(ctx, { pack: joined.pack, member: joined.member, relayUrl, profile: dir });
    ctx.out(
      `Joined pack "${shown(joined.pack.name)}" as ${shown(joined.member.displayName)}.\nProfile: ${dir}`,
    );
    return 0;
  },
};

export const packJoinCommands: Record<string, Command> = { create, join };
