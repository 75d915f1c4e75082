import type { Member } from '../core/types.ts';
import { usageError } from './errors.ts';

/** Members are named as people say them: case and surrounding spaces do not matter. */
export function findMemberByName(members: readonly Member[], name: string): Member {
  const wanted = name.trim().toLocaleLowerCase();
  const found = members.find((m) => m.active && m.displayName.trim().toLocaleLowerCase() === wanted);
  if (!found) throw usageError(`no member named ${name} in this pack`);
  return found;
}
