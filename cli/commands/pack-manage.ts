/** The pack commands of a member already in it: info, rotate-invite, remove and leave. */
import { removeMembership } from '../../client/profile.ts';
import { exactlyOne, parseCommand } from '../args.ts';
import { COMMON_HELP } from '../command.ts';
import type { Command } from '../command.ts';
import { ask, loadMembership, openOutbox, startLive, withRelay } from '../live.ts';
import { findMemberByName } from '../members.ts';
import { ONLINE_TIMEOUT_MS, printJson, showHelp } from '../output.ts';
import { shown } from '../render.ts';
import { DAY_NAMES } from './pack-options.ts';

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
        `Pack "${shown(s.pack.name)}" on ${relayUrl} (${s.pack.timeZone}, weeks start on ${DAY_NAMES[s.pack.weekStart]})`,
        `You: ${shown(s.you.displayName)} (${s.you.role})`,
        `Members: ${s.members
          .filter((m) => m.active)
          .map((m) => `${shown(m.displayName)}${m.role === 'owner' ? ' (owner)' : ''}`)
          .join(', ')}`,
        `Metrics: ${s.metrics.map((m) => `${m.id} (${shown(m.label)}${m.needsMeetingDate ? ', with meeting date' : ''})`).join(', ')}`,
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
      const { inviteCode } = await ask(membership, () => live.session.request('pack:rotate-invite', {}));
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
      const { member } = await ask(membership, () =>
        live.session.request('pack:remove-member', { memberId: target.id }),
      );
      ctx.out(`Removed ${shown(member.displayName)} from "${shown(snapshot.pack.name)}".`);
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
      await ask(membership, () => live.session.request('pack:leave', {}));
    } finally {
      await live.close();
    }
    await removeMembership(membership.paths.dir);
    ctx.out(`You left "${shown(packName)}". The profile ${membership.paths.dir} can join another pack now.`);
    return 0;
  },
};

export const packMemberCommands: Record<string, Command> = {
  info,
  'rotate-invite': rotateInvite,
  remove,
  leave,
};
