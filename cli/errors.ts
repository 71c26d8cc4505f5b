/** A failure the user must read: printed as one Chinese line, exit code 2 (unreadable input). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}
