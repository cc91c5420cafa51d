/**
 * Google ID tokens for private Cloud Run services (no allUsers invoker): the audience is the service URL.
 * The token only ever goes into an Authorization header; it is never logged.
 *
 * Every kind of credential the action can be given mints them, through google-auth-library:
 * - a service-account key, and the metadata server of a Google Cloud machine: the library's own clients;
 * - impersonated_service_account files: the library's Impersonated client (IAM Credentials generateIdToken);
 * - external_account files (Workload Identity Federation, what google-github-actions/auth writes) with a
 *   service account to impersonate: the federated token from STS calls generateIdToken for that account,
 *   which needs roles/iam.workloadIdentityUser for the federated principal on it. Direct federation (no
 *   service account) cannot mint ID tokens at all: refused up front by `directFederationProblem`.
 * Tokens are cached per audience and fetched again shortly before they expire, so checks that outlive a
 * token keep working.
 */
import { readFileSync } from 'node:fs';
import {
  BaseExternalAccountClient,
  ExternalAccountClient,
  GoogleAuth,
  IdTokenClient,
  Impersonated,
  type ExternalAccountClientOptions,
} from 'google-auth-library';
import { UserError } from '../config/user-error.js';

/** Returns an ID token for an audience. A seam so tests can supply tokens without Google. */
export type IdTokenProvider = (audience: string) => Promise<string>;

const CLOUD_PLATFORM = 'https://www.googleapis.com/auth/cloud-platform';

/** The audience Cloud Run expects: the service URL's origin (no path, no query). */
export function audienceFor(url: string): string {
  return new URL(url).origin;
}

/** What fetches a token for an audience: the library's ID token providers share this shape. */
interface IdTokenSource {
  fetchIdToken(audience: string): Promise<string>;
}

export const DIRECT_FEDERATION_MESSAGE =
  'The Google credentials are Workload Identity Federation without a service account (an external_account ' +
  "file with no service_account_impersonation_url), which cannot mint the ID tokens a private service's " +
  'checks need: add `service_account` to the google-github-actions/auth step (and grant its principal ' +
  'roles/iam.workloadIdentityUser on that service account), or use `access: public` where policy allows.';

/** Why the credentials file cannot mint ID tokens (direct federation), or undefined when it can or is absent. */
export function directFederationProblem(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const path = env.GOOGLE_APPLICATION_CREDENTIALS;
  if (path === undefined || path === '') return undefined;
  let json: { type?: unknown; service_account_impersonation_url?: unknown };
  try {
    json = JSON.parse(readFileSync(path, 'utf8')) as typeof json;
  } catch {
    return undefined; // an unreadable file fails with the library's own message when used
  }
  return json.type === 'external_account' && !json.service_account_impersonation_url
    ? DIRECT_FEDERATION_MESSAGE
    : undefined;
}

/** The source of ID tokens for the Application Default Credentials `auth` finds. */
async function idTokenSource(auth: GoogleAuth): Promise<IdTokenSource> {
  const client = await auth.getClient();
  if (client instanceof BaseExternalAccountClient) {
    const email = client.getServiceAccountEmail();
    if (email === null) throw new UserError(DIRECT_FEDERATION_MESSAGE);
    // The federated token itself asks for the service account's ID token (roles/iam.workloadIdentityUser),
    // as google-github-actions/auth does for its id_token output, rather than the impersonated token.
    const json = (auth.jsonContent ??
      JSON.parse(
        readFileSync(process.env.GOOGLE_APPLICATION_CREDENTIALS ?? '', 'utf8'),
      )) as ExternalAccountClientOptions;
    const { service_account_impersonation_url: _sa, ...federated } = json;
    const source = ExternalAccountClient.fromJSON({ ...federated, scopes: [CLOUD_PLATFORM] });
    if (source === null) throw new UserError('The external_account credentials file could not be read.');
    return new Impersonated({ sourceClient: source, targetPrincipal: email, targetScopes: [CLOUD_PLATFORM] });
  }
  if ('fetchIdToken' in client && typeof client.fetchIdToken === 'function') return client;
  throw new UserError(
    'These Google credentials cannot mint ID tokens for private services: use google-github-actions/auth with a service account, a service-account key, or run on Google Cloud (metadata server).',
  );
}

/** An ID token provider over Application Default Credentials: one refreshing client per audience. */
export function createGoogleIdTokenProvider(
  auth: GoogleAuth = new GoogleAuth({ scopes: [CLOUD_PLATFORM] }),
): IdTokenProvider {
  let source: Promise<IdTokenSource> | undefined;
  const clients = new Map<string, IdTokenClient>();
  return async (audience) => {
    source ??= idTokenSource(auth);
    let client = clients.get(audience);
    if (client === undefined) {
      client = new IdTokenClient({ targetAudience: audience, idTokenProvider: await source });
      clients.set(audience, client);
    }
    const headers = await client.getRequestHeaders();
    return (headers.get('authorization') ?? '').replace(/^Bearer /, '');
  };
}

let shared: IdTokenProvider | undefined;

/** The default provider: Application Default Credentials, shared by every check of the process. */
export const googleIdTokenProvider: IdTokenProvider = (audience) => {
  shared ??= createGoogleIdTokenProvider();
  return shared(audience);
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
