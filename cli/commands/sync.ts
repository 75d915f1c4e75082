import { parseCommand } from '../args.ts';
import { COMMON_HELP } from '../command.ts';
import type { Command } from '../command.ts';
import { CliError, usageError } from '../errors.ts';
import { loadMembership, openOutbox, startLive } from '../live.ts';
import { ONLINE_TIMEOUT_MS, printJson, showHelp } from '../output.ts';
import { reportRejections } from '../scene.ts';

function events(n: number): string {
  return `${n} event${n === 1 ? '' : 's'}`;
}

export const syncCommand: Command = {
  usage: 'wolfpack sync [--json]',
  summary: 'Send queued logs to the relay now. Exits non-zero if any remain queued.',
  details: `  --json          print JSON ({"sync": {"sent", "rejected", "remaining"}})\n${COMMON_HELP}`,
  async run(args, ctx) {
    const { values, positionals } = parseCommand(args, {});
    if (values.help) return showHelp(ctx, syncCommand);
    if (positionals.length > 0) throw usageError('sync takes no arguments');
    const membership = await loadMembership(ctx, values.profile);
    const outbox = await openOutbox(membership.paths);
    const before = outbox.size;
    const live = startLive(membership, { outbox });
    try {
      let snapshot;
      try {
        snapshot = await live.online(ONLINE_TIMEOUT_MS);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new CliError(before === 0 ? message : `${message}; ${events(before)} still queued`);
      }
      const report = await live.session.flush();
      reportRejections(ctx, live, snapshot, report.rejected);
      if (report.remaining > 0) {
        const why = report.error?.message ?? 'the relay stopped answering';
        throw new CliError(`${events(report.remaining)} still queued: ${why}`);
      }
      if (values.json) {
        const { stored, rejected, remaining } = report;
        return printJson(ctx, { sync: { sent: stored.length, rejected: rejected.length, remaining } });
      }
      if (before === 0) ctx.out('Nothing to send; the outbox is empty.');
      else ctx.out(`Sent ${events(report.stored.length)}; the outbox is empty.`);
      return 0;
    } finally {
      await live.close();
    }
  },
};
