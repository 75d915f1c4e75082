/** A failure the user reads as one line; the exit code says whether they typed it wrong (2) or it failed (1). */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

export const EXIT_RUNTIME = 1;
export const EXIT_USAGE = 2;

export function usageError(message: string): CliError {
  return new CliError(message, EXIT_USAGE);
}

/** Where a command looked for the relay: the addresses tried, and the file they came from (if any). */
export interface RelayPlace {
  urls: readonly string[];
  /** The profile's config.json; null before a profile has joined (the addresses came from --server). */
  configFile: string | null;
}

/**
 * The relay could not be reached at all (as opposed to refusing something). A new user hit the
 * bare "cannot reach the relay at URL" and did not know what to check, so it says what to check
 * and where the address lives.
 */
export class UnreachableError extends CliError {
  constructor(place: RelayPlace) {
    super(unreachableMessage(place));
    this.name = 'UnreachableError';
  }
}

export function unreachableMessage({ urls, configFile }: RelayPlace): string {
  const where = urls.join(' or ');
  const address = configFile
    ? `the address is right (this profile keeps it in ${configFile})`
    : `--server is the right address`;
  return `cannot reach the relay at ${where}: check that the relay is running and that ${address}`;
}
