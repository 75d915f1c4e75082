import { normalizeName } from '../core/safe-text.ts';
import type { Member } from '../core/types.ts';
import { usageError } from './errors.ts';

/** Members are named as people say them: case, spacing and fullwidth letters do not matter. */
export function findMemberByName(members: readonly Member[], name: string): Member {
  const wanted = normalizeName(name).toLocaleLowerCase();
  const found = members.find((m) => m.active && normalizeName(m.displayName).toLocaleLowerCase() === wanted);
  if (!found) throw usageError(`no member named ${name} in this pack`);
  return found;
}
