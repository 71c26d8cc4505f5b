/**
 * A failure the user must read: printed as one Chinese line, exit code 2 (unreadable input).
 * `detail` is the library's own text (SQLite, zlib, the file system), shown only with --debug.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
    readonly detail?: string,
  ) {
    super(message);
  }
}
