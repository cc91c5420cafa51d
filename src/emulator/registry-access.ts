/**
 * Artifact Registry's Docker endpoint, the rules part (pure): which IAM permission a Docker Registry HTTP API
 * request needs and on which repository, how a registry login names its credential, and the answers Google
 * gives when it refuses. An image path is `PROJECT/REPOSITORY/IMAGE...`; reading needs
 * artifactregistry.repositories.downloadArtifacts, writing (blob uploads, manifest puts) uploadArtifacts,
 * deleting deleteArtifacts, each on the repository (its own policy, its project's, the organization's).
 */

/** What one request asks of its caller. `permission` undefined: authentication alone (the `/v2/` ping). */
export interface RegistryRequirement {
  permission?: string;
  project?: string;
  repository?: string;
  /** The image path (`PROJECT/REPOSITORY/IMAGE`), for the token challenge's scope. */
  image?: string;
}

const ROUTE = /^\/v2\/(.+?)\/(manifests|blobs|tags)\/(.*)$/;

/** The requirement of `method path` (path without the query), or undefined for a path the API does not have. */
export function registryRequirement(method: string, path: string): RegistryRequirement | undefined {
  if (path === '/v2/' || path === '/v2') return {};
  const m = ROUTE.exec(path);
  if (!m) return undefined;
  const image = m[1] ?? '';
  const [project, repository] = image.split('/');
  if (!project || !repository) return undefined;
  const verb = method.toUpperCase();
  const permission =
    verb === 'GET' || verb === 'HEAD'
      ? // An upload's status is part of the upload.
        m[2] === 'blobs' && (m[3] ?? '').startsWith('uploads/')
        ? 'artifactregistry.repositories.uploadArtifacts'
        : 'artifactregistry.repositories.downloadArtifacts'
      : verb === 'DELETE'
        ? m[2] === 'blobs' && (m[3] ?? '').startsWith('uploads/')
          ? 'artifactregistry.repositories.uploadArtifacts'
          : 'artifactregistry.repositories.deleteArtifacts'
        : 'artifactregistry.repositories.uploadArtifacts';
  return { permission, project, repository, image };
}

/** The scope a Bearer challenge names for a request (what a token for it must cover). */
export function challengeScope(image: string, permission: string | undefined): string {
  const actions = permission === 'artifactregistry.repositories.downloadArtifacts' ? 'pull' : 'pull,push';
  return `repository:${image}:${actions}`;
}

/** How a registry login presents its credential: the user names the kind, the password is the credential. */
export type RegistryCredential =
  | { kind: 'access-token'; token: string }
  | { kind: 'key'; json: string }
  | { kind: 'unknown-user'; user: string };

/** The credential in `Authorization: Basic …` (docker login's user and password), or undefined for none. */
export function basicCredential(header: string | undefined): RegistryCredential | undefined {
  const b64 = /^Basic\s+(\S+)$/i.exec(header ?? '')?.[1];
  if (b64 === undefined) return undefined;
  const decoded = Buffer.from(b64, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const user = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  if (user === 'oauth2accesstoken') return { kind: 'access-token', token: password };
  if (user === '_json_key') return { kind: 'key', json: password };
  if (user === '_json_key_base64')
    return { kind: 'key', json: Buffer.from(password, 'base64').toString('utf8') };
  return { kind: 'unknown-user', user };
}

/** The token in `Authorization: Bearer …`. */
export function bearerCredential(header: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
}

/** A Docker Registry API error body, as Artifact Registry writes it. */
export function registryError(
  code: string,
  message: string,
): { errors: { code: string; message: string }[] } {
  return { errors: [{ code, message }] };
}

/** Artifact Registry's refusal of a registry request (docker prints it as `denied: <message>`). */
export function registryDeniedMessage(permission: string, resource: string): string {
  return `Permission "${permission}" denied on resource "${resource}" (or it may not exist)`;
}

/** The `WWW-Authenticate` challenge of a 401: where to get a token, for which service and scope. */
export function bearerChallengeHeader(realm: string, service: string, scope?: string): string {
  return `Bearer realm="${realm}",service="${service}"${scope !== undefined ? `,scope="${scope}"` : ''}`;
}

/** Cloud Run's service agent in a project: the identity its infrastructure pulls images as. */
export function cloudRunServiceAgent(projectNumber: string): string {
  return `service-${projectNumber}@serverless-robot-prod.iam.gserviceaccount.com`;
}
