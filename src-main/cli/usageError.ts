/**
 * A command line the CLI refuses before doing anything (exit code 2): a bad argument or option
 * value, or a credential for another account than the URL's. `message` is one line for the user.
 */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A command stopped by Ctrl-C (exit code 130); `message` says what was kept and how to go on. */
export class Interrupted extends Error {
  override name = 'Interrupted';
}
