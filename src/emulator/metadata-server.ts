/**
 * The metadata server of a Google Cloud machine (a runner on GCE or GKE, a Cloud Run job) as far as
 * credentials go: the attached service account's email, access tokens and ID tokens, and the project id.
 * google-auth-library finds it through GCE_METADATA_HOST (gcp-metadata's availability ping through
 * GCE_METADATA_IP); other clients and shell scripts read the same variables. It answers only requests carrying
 * `Metadata-Flavor: Google`, and signs every answer with the same header, as the real one does.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CLOUD_PLATFORM } from './access-tokens.js';
import type { IdentityAuthority } from './identity.js';

export interface MetadataServer {
  /** host:port for GCE_METADATA_HOST and GCE_METADATA_IP. */
  host: string;
  env(): Record<string, string>;
  close(): Promise<void>;
}

const BASE = '/computeMetadata/v1';

function answer(res: ServerResponse, status: number, body: string, type = 'application/text'): void {
  res.writeHead(status, { 'metadata-flavor': 'Google', 'content-type': type }).end(body);
}

function handler(authority: IdentityAuthority, email: string, project: string) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (req.headers['metadata-flavor'] !== 'Google')
      return answer(res, 403, 'Missing required header: Metadata-Flavor');
    const url = new URL(req.url ?? '/', 'http://metadata');
    const path = url.pathname.replace(/\/$/, '');
    const account = /^\/computeMetadata\/v1\/instance\/service-accounts\/([^/]+)(\/.*)?$/.exec(path);
    if (path === BASE || path === `${BASE}/instance`)
      return answer(res, 200, 'attributes/\nhostname\nservice-accounts/\n');
    if (path === `${BASE}/project/project-id`) return answer(res, 200, project);
    if (account && (account[1] === 'default' || account[1] === email)) {
      const what = account[2] ?? '';
      if (what === '/email') return answer(res, 200, email);
      if (what === '/token') {
        const scopes = (url.searchParams.get('scopes') ?? CLOUD_PLATFORM).split(',').filter((s) => s !== '');
        const issued = authority.tokens.issue(
          { kind: 'serviceAccount', email },
          scopes,
          authority.lifetimeSec,
        );
        return answer(
          res,
          200,
          JSON.stringify({
            access_token: issued.token,
            expires_in: authority.lifetimeSec,
            token_type: 'Bearer',
          }),
          'application/json',
        );
      }
      if (what === '/identity') {
        const audience = url.searchParams.get('audience') ?? '';
        if (audience === '') return answer(res, 400, 'non-empty audience parameter required');
        return answer(
          res,
          200,
          authority.idToken(email, audience, url.searchParams.get('format') === 'full'),
        );
      }
    }
    answer(res, 404, 'Not Found', 'text/html');
  };
}

/** Starts a metadata server whose machine runs as `email` in `project`. */
export async function startMetadataServer(
  authority: IdentityAuthority,
  email: string,
  project: string,
): Promise<MetadataServer> {
  authority.createServiceAccount(email);
  const server = createServer(handler(authority, email, project));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    host,
    env: () => ({ GCE_METADATA_HOST: host, GCE_METADATA_IP: host }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
