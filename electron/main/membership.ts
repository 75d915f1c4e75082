import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../../client/atomic-file.ts';

/**
 * Which pack this desktop profile belongs to. The member token is not here: it lives in the
 * settings, encrypted with the OS keychain where there is one.
 */
const membershipSchema = z.strictObject({
  relayUrl: z.url(),
  packId: z.string().min(1),
  packName: z.string(),
  memberId: z.string().min(1),
  displayName: z.string(),
});

export type Membership = z.infer<typeof membershipSchema>;

export function membershipPath(profileDir: string): string {
  return join(profileDir, 'membership.json');
}

/** Null when this profile has not joined a pack, or its file is unusable (the user joins again). */
export async function readMembership(profileDir: string): Promise<Membership | null> {
  try {
    const parsed = membershipSchema.safeParse(JSON.parse(await readFile(membershipPath(profileDir), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function writeMembership(profileDir: string, membership: Membership): Promise<void> {
  await writeFileAtomic(membershipPath(profileDir), JSON.stringify(membership, null, 2) + '\n', 0o600);
}
