/**
 * Artifact Registry's Docker endpoint in front of the local docker-registry: every request is authenticated
 * and authorized as Google's endpoint does it, then forwarded to the registry, which checks nothing itself.
 * A request without credentials gets a 401 with a Bearer challenge; the token endpoint (`/v2/token`) takes
 * docker login's Basic credentials (`oauth2accesstoken` + an access token, or `_json_key` + a key file) and
 * answers with a registry token for that principal; an OAuth access token is also taken directly as Bearer.
 * Pushes need artifactregistry.repositories.uploadArtifacts, pulls downloadArtifacts, on the repository,
 * and the repository must exist: a push never creates one.
 * Until an emulator installs its gate, the front forwards everything (a plain registry, for build tests).
 */
import { randomBytes } from 'node:crypto';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Principal } from './principals.js';
import {
  basicCredential,
  bearerChallengeHeader,
  bearerCredential,
  challengeScope,
  registryDeniedMessage,
  registryError,
  registryRequirement,
} from './registry-access.js';

/** What the front asks of the emulator's identity and IAM. */
export interface RegistryGate {
  /** The principal of a valid access token for Artifact Registry, and when the token expires. */
  accessToken(token: string): { principal: Principal; expiresAtMs: number } | undefined;
  /** The service account whose key file this is (a `_json_key` login), if the emulator made the key. */
  keyHolder(keyFileJson: string): string | undefined;
  /** How long a registry token from a key login lives (the emulator's token lifetime). */
  lifetimeSec(): number;
  /** True when the principal holds `permission` on the repository (its policy, its project's, the organization's). */
  may(principal: Principal, permission: string, project: string, repository: string): boolean;
  /** The repository's resource name, as a denial names it. */
  repositoryResource(project: string, repository: string): string;
  /**
   * True when the repository exists. Artifact Registry makes a repository only through its API (unlike
   * Container Registry, a first push makes none), so a push or pull under any other path finds nothing.
   */
  repositoryExists(project: string, repository: string): Promise<boolean>;
}

const API_VERSION = { 'docker-distribution-api-version': 'registry/2.0' };

export class RegistryFront {
  /** Installed by the emulator that serves this registry as Artifact Registry. */
  gate: RegistryGate | undefined;
  /** Registry tokens issued by `/v2/token`: who they speak for, and until when. */
  private readonly tokens = new Map<string, { principal: Principal; expiresAtMs: number }>();
  private server: Server | undefined;
  private publicHost = '';

  constructor(private readonly backend: { host: string; port: number }) {}

  /** Listens on 127.0.0.1:port; returns `127.0.0.1:PORT`. */
  async listen(port = 0): Promise<string> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        if (!res.headersSent) send(res, 500, registryError('UNKNOWN', String(err)));
        else res.destroy();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.publicHost = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.publicHost;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://${this.publicHost}`);
    const gate = this.gate;
    if (gate === undefined) return this.forward(req, res);
    if (url.pathname === '/v2/token') return this.issueToken(req, res, gate);
    const need = registryRequirement(req.method ?? 'GET', url.pathname);
    const principal = this.authenticate(req.headers.authorization, gate);
    if (principal === undefined) {
      const scope = need?.image !== undefined ? challengeScope(need.image, need.permission) : undefined;
      const challenge = bearerChallengeHeader(`http://${this.publicHost}/v2/token`, this.publicHost, scope);
      req.resume();
      send(res, 401, registryError('UNAUTHORIZED', 'authentication failed'), {
        'www-authenticate': challenge,
      });
      return;
    }
    // A path outside the Docker API (the catalog, referrers): Artifact Registry has nothing there.
    if (need === undefined) {
      req.resume();
      send(res, 404, registryError('NAME_UNKNOWN', 'Requested entity was not found.'));
      return;
    }
    const checks: [string, string, string][] = [];
    if (need.permission !== undefined && need.project !== undefined && need.repository !== undefined)
      checks.push([need.permission, need.project, need.repository]);
    // A cross-repository blob mount reads the repository it mounts from.
    const [fromProject, fromRepository] = (url.searchParams.get('from') ?? '').split('/');
    if (url.searchParams.has('mount') && fromProject && fromRepository)
      checks.push(['artifactregistry.repositories.downloadArtifacts', fromProject, fromRepository]);
    for (const [permission, project, repository] of checks) {
      if (!gate.may(principal, permission, project, repository)) {
        req.resume();
        const resource = gate.repositoryResource(project, repository);
        send(res, 403, registryError('DENIED', registryDeniedMessage(permission, resource)));
        return;
      }
    }
    // Allowed, but only into (or out of) a repository someone created: the same checks in the same order.
    for (const [, project, repository] of checks) {
      if (!(await gate.repositoryExists(project, repository))) {
        req.resume();
        send(res, 404, registryError('NAME_UNKNOWN', `Repository "${repository}" not found`));
        return;
      }
    }
    return this.forward(req, res);
  }

  /** The principal of the request's credentials, or undefined when it has none that verify. */
  private authenticate(header: string | undefined, gate: RegistryGate): Principal | undefined {
    const bearer = bearerCredential(header);
    if (bearer !== undefined) {
      const issued = this.tokens.get(bearer);
      if (issued !== undefined && issued.expiresAtMs > Date.now()) return issued.principal;
      return gate.accessToken(bearer)?.principal;
    }
    return this.fromBasic(header, gate)?.principal;
  }

  private fromBasic(
    header: string | undefined,
    gate: RegistryGate,
  ): { principal: Principal; expiresAtMs: number } | undefined {
    const credential = basicCredential(header);
    if (credential?.kind === 'access-token') return gate.accessToken(credential.token);
    if (credential?.kind === 'key') {
      const email = gate.keyHolder(credential.json);
      return email === undefined
        ? undefined
        : {
            principal: { kind: 'serviceAccount', email },
            expiresAtMs: Date.now() + gate.lifetimeSec() * 1000,
          };
    }
    return undefined;
  }

  /** GET /v2/token: docker login's credentials exchanged for a registry token (the Docker token flow). */
  private issueToken(req: IncomingMessage, res: ServerResponse, gate: RegistryGate): void {
    req.resume();
    const grant = this.fromBasic(req.headers.authorization, gate);
    if (grant === undefined) {
      send(res, 401, registryError('UNAUTHORIZED', 'authentication failed'));
      return;
    }
    const token = randomBytes(32).toString('base64url');
    this.tokens.set(token, grant);
    for (const [t, g] of this.tokens) if (g.expiresAtMs <= Date.now()) this.tokens.delete(t);
    const expiresIn = Math.max(1, Math.floor((grant.expiresAtMs - Date.now()) / 1000));
    send(res, 200, {
      token,
      access_token: token,
      expires_in: expiresIn,
      issued_at: new Date().toISOString(),
    });
  }

  /** Passes the request to the registry; its upload URLs keep pointing at the front (same Host header). */
  private forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    return new Promise((resolve) => {
      const headers = { ...req.headers };
      delete headers.authorization;
      const upstream = request(
        {
          host: '127.0.0.1',
          port: this.backend.port,
          method: req.method,
          path: req.url,
          headers,
        },
        (answer) => {
          const out = { ...answer.headers };
          const location = out.location;
          const backendOrigin = `http://${this.backend.host}`;
          if (typeof location === 'string' && location.startsWith(backendOrigin))
            out.location = `http://${this.publicHost}${location.slice(backendOrigin.length)}`;
          res.writeHead(answer.statusCode ?? 502, out);
          answer.pipe(res);
          answer.on('end', () => resolve());
          answer.on('error', () => resolve());
        },
      );
      upstream.on('error', (err) => {
        if (!res.headersSent) send(res, 502, registryError('UNAVAILABLE', err.message));
        else res.destroy();
        resolve();
      });
      req.pipe(upstream);
    });
  }
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...API_VERSION,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}
