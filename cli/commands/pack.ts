import type { Command } from '../command.ts';
import { packJoinCommands } from './pack-join.ts';
import { packMemberCommands } from './pack-manage.ts';

/** `wolfpack pack NAME`; help lists them in this order: joining first, then what a member does. */
export const packCommands: Record<string, Command> = { ...packJoinCommands, ...packMemberCommands };
