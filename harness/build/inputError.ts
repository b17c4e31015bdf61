/**
 * The input given as `--revision PATH` (or `--base NAME`) cannot be honoured exactly: a
 * directory, a file the base does not carry, a hunk that does not apply, a patch that changes
 * nothing. The message names the file / hunk, what is wrong and how to fix it; the caller turns
 * it into exit 2 (UsageError).
 */
export class RevisionInputError extends Error {
  override name = 'RevisionInputError';
}
