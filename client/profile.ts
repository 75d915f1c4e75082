import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-file.ts';

/**
 * A profile is one member's folder: config.json (relay url and token), the outbox and a cache.
 * Two partners on one machine simply use two folders.
 */
export interface ProfileLocation {
  /** --profile DIR, as the user typed it. */
  flag?: string | undefined;
  env: Readonly<Record<string, string | undefined>>;
  /** The folder the user ran the command from; relative paths are theirs, not npm's. */
  cwd: string;
  platform: NodeJS.Platform;
  homedir: string;
}

function pathFor(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

export function defaultProfileDir({ env, platform, homedir }: Omit<ProfileLocation, 'flag' | 'cwd'>): string {
  const p = pathFor(platform);
  if (platform === 'win32') return p.join(env.APPDATA ?? p.join(homedir, 'AppData', 'Roaming'), 'Wolfpack');
  if (platform === 'darwin') return p.join(homedir, 'Library', 'Application Support', 'Wolfpack');
  // XDG says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const xdg = env.XDG_CONFIG_HOME;
  const base = xdg && p.isAbsolute(xdg) ? xdg : p.join(homedir, '.config');
  return p.join(base, 'wolfpack');
}

export function resolveProfileDir(location: ProfileLocation): string {
  const p = pathFor(location.platform);
  const chosen = location.flag ?? (location.env.WOLFPACK_HOME || undefined);
  return chosen === undefined ? defaultProfileDir(location) : p.resolve(location.cwd, chosen);
}

export interface ProfilePaths {
  dir: string;
  config: string;
  cache: string;
  outbox: string;
}

export function profilePaths(dir: string): ProfilePaths {
  return {
    dir,
    config: path.join(dir, 'config.json'),
    cache: path.join(dir, 'cache.json'),
    outbox: path.join(dir, 'outbox.jsonl'),
  };
}

export const profileConfigSchema = z.strictObject({
  relayUrl: z.url(),
  /** Other nodes of the same relay, tried in turn when relayUrl cannot be reached. */
  alternates: z.array(z.url()).optional(),
  token: z.string().min(1),
  packId: z.string().min(1),
  packName: z.string(),
  memberId: z.string().min(1),
  displayName: z.string(),
});

export type ProfileConfig = z.infer<typeof profileConfigSchema>;

/** A profile file that cannot be used; the message names the file and says what to do. */
export class ProfileError extends Error {
  readonly file: string;
  constructor(file: string, message: string) {
    super(message);
    this.name = 'ProfileError';
    this.file = file;
  }
}

/** The saved membership, or null when this profile has not created or joined a pack yet. */
export async function readConfig(dir: string): Promise<ProfileConfig | null> {
  const file = profilePaths(dir).config;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new ProfileError(file, `cannot read ${file}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ProfileError(file, `${file} is not valid JSON; fix it, or delete it and join the pack again`);
  }
  const parsed = profileConfigSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` (${issue.path.join('.')}: ${issue.message})` : '';
    throw new ProfileError(
      file,
      `${file} is not a Wolfpack profile${where}; fix it, or delete it and join the pack again`,
    );
  }
  return parsed.data;
}

export async function writeConfig(dir: string, config: ProfileConfig): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFileAtomic(profilePaths(dir).config, JSON.stringify(config, null, 2) + '\n', 0o600);
}

/** Forgets the membership (after leaving); the outbox and cache go with it, they belong to that member. */
export async function removeMembership(dir: string): Promise<void> {
  const paths = profilePaths(dir);
  await rm(paths.config, { force: true });
  await rm(paths.cache, { force: true });
  await rm(paths.outbox, { force: true });
}
