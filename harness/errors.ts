/**
 * Errors the user caused: bad flags, a malformed corpus file, an unknown revision. They end
 * the command with exit 2 and a message that says what, where and how to fix it — never a
 * stack trace.
 */
export class UsageError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
