/**
 * Google ID tokens for private Cloud Run services (no allUsers invoker): the audience is the service URL.
 * The token only ever goes into an Authorization header; it is never logged.
 */
import { GoogleAuth } from 'google-auth-library';

/** Returns an ID token for an audience. A seam so tests can supply tokens without Google. */
export type IdTokenProvider = (audience: string) => Promise<string>;

/** The audience Cloud Run expects: the service URL's origin (no path, no query). */
export function audienceFor(url: string): string {
  return new URL(url).origin;
}

/** The default provider: Application Default Credentials via google-auth-library's ID token client. */
export const googleIdTokenProvider: IdTokenProvider = async (audience) => {
  const client = await new GoogleAuth().getIdTokenClient(audience);
  return client.idTokenProvider.fetchIdToken(audience);
};

/** An Authorization header carrying an ID token for the URL's service. */
export async function idTokenHeaders(
  url: string,
  provider: IdTokenProvider = googleIdTokenProvider,
): Promise<Record<string, string>> {
  const token = await provider(audienceFor(url));
  return { authorization: `Bearer ${token}` };
}

/** The email an ID token names, read without verifying it: only to say who was refused. */
export function tokenPrincipal(token: string): string | undefined {
  try {
    const claims = JSON.parse(
      Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'),
    ) as unknown;
    const email = (claims as { email?: unknown } | null)?.email;
    return typeof email === 'string' ? email : undefined;
  } catch {
    return undefined;
  }
}
