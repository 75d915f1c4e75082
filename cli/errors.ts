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

/** The relay could not be reached at all (as opposed to refusing something). */
export class UnreachableError extends CliError {
  constructor(relayUrl: string) {
    super(`cannot reach the relay at ${relayUrl}`);
    this.name = 'UnreachableError';
  }
}
