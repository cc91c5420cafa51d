import { deployingPrincipals, permissionDeniedLine } from '../iam/permission-denied.js';

/**
 * The one error type for mistakes the user can fix: it names the input, what was given and what is allowed.
 * The entry point prints its message alone, without a stack.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    message: string,
    readonly input?: string,
  ) {
    super(message);
  }

  /** An input error in the one shape every message follows. */
  static forInput(input: string, given: string, allowed: string): UserError {
    return new UserError(`Input '${input}': got ${quoteGiven(given)}; ${allowed}.`, input);
  }
}

function quoteGiven(given: string): string {
  const oneLine = given.replace(/\s+/g, ' ');
  return JSON.stringify(oneLine.length > 80 ? `${oneLine.slice(0, 77)}...` : oneLine);
}

/**
 * Turns anything thrown into a sentence (a thrown non-Error must still fail the step). A Google
 * PERMISSION_DENIED becomes one line naming the principal and the missing role (src/iam/permission-denied.ts).
 */
export function errorMessage(err: unknown): string {
  const text = rawMessage(err);
  return permissionDeniedLine(text, deployingPrincipals()) ?? text;
}

function rawMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'string') return err;
  try {
    return JSON.stringify(err);
  } catch {
    return String(err);
  }
}
