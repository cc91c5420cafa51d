/**
 * Which digest Cloud Run runs. A push can leave an image index (buildx with provenance attestations, a
 * multi-platform build, a buildah manifest list) whose digest differs from that of the one linux/amd64 image
 * Cloud Run runs; buildx's `unknown/unknown` attestation entries have broken deploys that pinned the index.
 * So the deploy pins the platform child, read back from the registry and checked against its digest, and the
 * index digest is kept alongside for the record.
 */
import { sleep } from '../shared/sleep.js';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { UserError, errorMessage } from '../config/user-error.js';
import { runCommand } from '../build/exec.js';
import { isLoopbackHost } from '../build/image-ref.js';

/** The manifest media types this module reads (what Artifact Registry and buildx/docker/buildah push). */
export const MEDIA_TYPES = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
} as const;

/** Cloud Run runs linux/amd64 images; this is the target when the `platform` input is unset. */
export const DEFAULT_PLATFORM = 'linux/amd64';

const INDEX_TYPES: ReadonlySet<string> = new Set([MEDIA_TYPES.ociIndex, MEDIA_TYPES.dockerManifestList]);
const ACCEPT = Object.values(MEDIA_TYPES).join(', ');
const DIGEST = /^sha256:[0-9a-f]{64}$/;
const PLATFORM = /^([a-z0-9]+)\/([a-z0-9_]+)(?:\/([a-z0-9]+))?$/;
const IMAGE_REF = /^([^/@]+)\/([^@]+)@(sha256:[0-9a-f]{64})$/;
const ATTESTATION_TYPE = 'vnd.docker.reference.type';
// Registries cap manifests at a few MiB; anything larger is not a manifest worth parsing.
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
const ATTEMPTS = 3;
const TIMEOUT_MS = 30_000;

/** A target platform, as in an index entry: os/architecture[/variant]. */
export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

/** One entry of an image index. */
export interface IndexEntry {
  digest: string;
  mediaType: string;
  platform?: Platform;
  annotations: Record<string, string>;
}

/** A manifest's bytes, parsed: one image, or an index of entries. */
export type ParsedManifest =
  { kind: 'manifest'; mediaType: string } | { kind: 'index'; mediaType: string; entries: IndexEntry[] };

/** What to deploy for a manifest: the manifest itself, or the chosen child of an index. */
export type ManifestChoice = { kind: 'manifest' } | { kind: 'index'; child: IndexEntry };

/** Parses `os/architecture[/variant]` (e.g. linux/arm/v7). */
export function parsePlatform(text: string): Platform {
  const m = PLATFORM.exec(text);
  if (!m) throw UserError.forInput('platform', text, 'allowed: one platform such as linux/amd64');
  const [, os = '', architecture = '', variant] = m;
  return variant ? { os, architecture, variant } : { os, architecture };
}

/** `os/architecture[/variant]`. */
export function formatPlatform(p: Platform): string {
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}

/** buildx attestation manifests sit in the index as `unknown/unknown` entries; they are never an image to run. */
export function isAttestation(entry: IndexEntry): boolean {
  if (entry.annotations[ATTESTATION_TYPE] === 'attestation-manifest') return true;
  return entry.platform?.os === 'unknown' && entry.platform.architecture === 'unknown';
}

/** Whether an entry's platform is the wanted one (os and architecture, and the variant when one is wanted). */
export function platformMatches(want: Platform, have: Platform | undefined): boolean {
  if (!have || have.os !== want.os || have.architecture !== want.architecture) return false;
  return want.variant === undefined || want.variant === variantOf(have);
}

// arm64 images often omit their only variant; containerd treats that as v8, so linux/arm64/v8 matches them.
function variantOf(p: Platform): string | undefined {
  return p.variant ?? (p.architecture === 'arm64' ? 'v8' : undefined);
}

/** Parses manifest JSON; an index is told apart by its media type, or by `manifests` when that is absent. */
export function parseManifest(json: string): ParsedManifest {
  const body = parseObject(json, 'manifest');
  const mediaType = typeof body.mediaType === 'string' ? body.mediaType : undefined;
  const isIndex = mediaType ? INDEX_TYPES.has(mediaType) : Array.isArray(body.manifests);
  if (!isIndex) {
    if (mediaType && !Object.values<string>(MEDIA_TYPES).includes(mediaType)) {
      throw new Error(`unsupported manifest media type ${mediaType}`);
    }
    return { kind: 'manifest', mediaType: mediaType ?? MEDIA_TYPES.ociManifest };
  }
  if (!Array.isArray(body.manifests)) throw new Error('image index without a manifests list');
  return {
    kind: 'index',
    mediaType: mediaType ?? MEDIA_TYPES.ociIndex,
    entries: body.manifests.map((m, i) => parseEntry(m, i)),
  };
}

/**
 * Chooses what to deploy from a manifest's JSON: a plain manifest is itself; an index gives its entry for
 * `platform` (default linux/amd64), skipping attestations. No such entry is a UserError naming what there is.
 */
export function chooseManifest(
  json: string,
  platform: string | undefined,
  ref = 'the image',
): ManifestChoice {
  const parsed = parseManifest(json);
  if (parsed.kind === 'manifest') return { kind: 'manifest' };
  const want = parsePlatform(platform ?? DEFAULT_PLATFORM);
  const images = parsed.entries.filter((e) => !isAttestation(e));
  // A nested index is not an image either; Cloud Run needs a single-platform manifest.
  const child = images.find((e) => !INDEX_TYPES.has(e.mediaType) && platformMatches(want, e.platform));
  if (child) return { kind: 'index', child };
  throw new UserError(noMatchMessage(ref, want, images, parsed.entries.length - images.length), 'platform');
}

function noMatchMessage(ref: string, want: Platform, images: IndexEntry[], attestations: number): string {
  const have = images.map((e) => (e.platform ? formatPlatform(e.platform) : `no platform (${e.digest})`));
  const listed = have.length > 0 ? have.join(', ') : 'no image at all';
  const extra = attestations > 0 ? ` and ${attestations} attestation manifest(s)` : '';
  return (
    `${ref} is an image index without a ${formatPlatform(want)} image: it has ${listed}${extra}. ` +
    `Cloud Run runs one platform (linux/amd64 unless input 'platform' says otherwise): build for it.`
  );
}

function parseObject(json: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (err) {
    throw new Error(`${what} is not JSON: ${errorMessage(err)}`, { cause: err });
  }
  if (!isRecord(value)) throw new Error(`${what} is not a JSON object`);
  return value;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseEntry(value: unknown, i: number): IndexEntry {
  if (!isRecord(value) || typeof value.digest !== 'string' || !DIGEST.test(value.digest)) {
    throw new Error(`image index entry ${i} has no sha256 digest`);
  }
  return {
    digest: value.digest,
    mediaType: typeof value.mediaType === 'string' ? value.mediaType : '',
    ...(isRecord(value.platform) ? { platform: entryPlatform(value.platform) } : {}),
    annotations: stringValues(value.annotations),
  };
}

function entryPlatform(p: Record<string, unknown>): Platform {
  const os = typeof p.os === 'string' ? p.os : '';
  const architecture = typeof p.architecture === 'string' ? p.architecture : '';
  return typeof p.variant === 'string' && p.variant
    ? { os, architecture, variant: p.variant }
    : { os, architecture };
}

function stringValues(v: unknown): Record<string, string> {
  if (!isRecord(v)) return {};
  return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** Credentials for the registry HTTP API: none, a docker-style login, or an OAuth access token. */
export type RegistryAuth =
  | { kind: 'anonymous' }
  | { kind: 'basic'; username: string; password: string }
  | { kind: 'bearer'; token: string };

/** The image Cloud Run runs for a reference pinned by digest. */
export interface ResolvedImage {
  /** `name@sha256:...` of the single-platform image. */
  imageRef: string;
  digest: string;
  /** The index digest, when the reference named an index. */
  indexDigest?: string;
  /** The platform chosen from the index. */
  platform?: string;
}

/**
 * Reads `name@sha256:...` from its registry; an index resolves to its child for `platform` (default
 * linux/amd64). Every manifest read is checked against its digest, so what is returned is what is stored.
 */
export async function resolvePlatformDigest(
  imageRef: string,
  platform: string | undefined,
  auth: RegistryAuth,
): Promise<ResolvedImage> {
  const m = IMAGE_REF.exec(imageRef);
  if (!m) {
    throw UserError.forInput(
      'image',
      imageRef,
      'allowed: an image pinned by digest, such as host/path/app@sha256:<64 hex>',
    );
  }
  const [, host = '', repository = '', digest = ''] = m;
  const name = `${host}/${repository}`;
  const registry = registryClient(host, repository, auth);
  const choice = chooseManifest((await registry.manifest(digest)).toString('utf8'), platform, imageRef);
  if (choice.kind === 'manifest') return { imageRef, digest };
  const child = choice.child.digest;
  // Read the child too: it must exist and hash to its digest, or the deploy would pin a dangling reference.
  const parsed = parseManifest((await registry.manifest(child)).toString('utf8'));
  if (parsed.kind !== 'manifest') throw new Error(`${name}@${child} from index ${digest} is itself an index`);
  return {
    imageRef: `${name}@${child}`,
    digest: child,
    indexDigest: digest,
    platform: formatPlatform(choice.child.platform ?? parsePlatform(platform ?? DEFAULT_PLATFORM)),
  };
}

/** What the doctor reads from an image after the build: who it runs as and its compressed size. */
export interface ImageConfigFacts {
  /** The config's User ('' when unset: root). */
  user: string;
  /** The layers and config as stored (compressed), in bytes. */
  sizeBytes: number;
}

/** Reads a single-platform image's manifest and config blob, both checked against their digests. */
export async function readImageConfig(imageRef: string, auth: RegistryAuth): Promise<ImageConfigFacts> {
  const m = IMAGE_REF.exec(imageRef);
  if (!m) throw new Error(`${imageRef} is not pinned by digest`);
  const [, host = '', repository = '', digest = ''] = m;
  const registry = registryClient(host, repository, auth);
  const manifest = parseObject((await registry.manifest(digest)).toString('utf8'), 'manifest');
  const config = isRecord(manifest.config) ? manifest.config : undefined;
  const configDigest = typeof config?.digest === 'string' ? config.digest : undefined;
  if (configDigest === undefined || !DIGEST.test(configDigest)) {
    throw new Error(`${imageRef} is not a single-platform image manifest`);
  }
  const layers = Array.isArray(manifest.layers) ? manifest.layers : [];
  const sizeOf = (v: unknown): number => (isRecord(v) && typeof v.size === 'number' ? v.size : 0);
  const blob = parseObject((await registry.blob(configDigest)).toString('utf8'), 'image config');
  const inner = isRecord(blob.config) ? blob.config : {};
  return {
    user: typeof inner.User === 'string' ? inner.User : '',
    sizeBytes: layers.reduce<number>((sum, l) => sum + sizeOf(l), sizeOf(config)),
  };
}

const TAGGED_REF = /^([^/@\s]+)\/([^@:\s]+):([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})$/;

/**
 * The digest `host/path/app:tag` points at now, as `host/path/app@sha256:...`: the manifest (or index) the
 * registry serves for the tag, hashed here. When the registry names the digest (Docker-Content-Digest), it
 * must agree. Deploying this reference instead of the tag pins what runs.
 */
export async function resolveTagDigest(imageRef: string, auth: RegistryAuth): Promise<ResolvedImage> {
  const m = TAGGED_REF.exec(imageRef);
  if (!m) {
    throw UserError.forInput('image', imageRef, 'allowed: an image by tag, such as host/path/app:v1');
  }
  const [, host = '', repository = '', tag = ''] = m;
  const { body, headers } = await registryClient(host, repository, auth).fetch(tag);
  const digest = `sha256:${createHash('sha256').update(body).digest('hex')}`;
  const named = headers['docker-content-digest'];
  if (typeof named === 'string' && named !== '' && named !== digest) {
    throw new Error(
      `registry says ${imageRef} is ${named}, but the manifest it served hashes to ${digest}; refusing to deploy it`,
    );
  }
  return { imageRef: `${host}/${repository}@${digest}`, digest };
}

/** Loopback registries (the local test registry, the emulator's) speak plain HTTP; every other one HTTPS. */
export function registryBaseUrl(host: string): string {
  return `${isLoopbackHost(host) ? 'http' : 'https'}://${host}`;
}

interface RegistryClient {
  /** The manifest's bytes, verified against `digest`. */
  manifest(digest: string): Promise<Buffer>;
  /** A small blob's bytes (an image config), verified against `digest`; redirects to storage are followed. */
  blob(digest: string): Promise<Buffer>;
  /** The manifest a tag (or digest) names, unverified: the caller hashes it. */
  fetch(reference: string): Promise<Fetched>;
}

function registryClient(host: string, repository: string, auth: RegistryAuth): RegistryClient {
  const base = registryBaseUrl(host);
  // Upgraded once a token-server challenge was answered, so the child read reuses the token.
  let authorization = authorizationHeader(auth);
  /** A GET with the registry's credentials, answering its token-server challenge once. */
  const getAuthorized = async (url: string): Promise<Fetched> => {
    const res = await getWithRetries(url, authorization);
    const challenge = bearerChallenge(res.headers['www-authenticate']);
    if (res.status !== 401 || !challenge || auth.kind === 'bearer') return res;
    authorization = `Bearer ${await fetchRegistryToken(challenge, repository, auth)}`;
    return getWithRetries(url, authorization);
  };
  const fetch = async (reference: string): Promise<Fetched> => {
    const res = await getAuthorized(`${base}/v2/${repository}/manifests/${reference}`);
    const sep = reference.startsWith('sha256:') ? '@' : ':';
    if (res.status !== 200) throw new Error(statusMessage(`${host}/${repository}${sep}${reference}`, res));
    return res;
  };
  return {
    fetch,
    async manifest(digest: string): Promise<Buffer> {
      const res = await fetch(digest);
      verifyDigest(res.body, digest, `${host}/${repository}`);
      return res.body;
    },
    async blob(digest: string): Promise<Buffer> {
      let url = `${base}/v2/${repository}/blobs/${digest}`;
      let res = await getAuthorized(url);
      // Artifact Registry answers with a redirect to signed storage, which takes no registry credentials.
      for (let hops = 0; res.status >= 300 && res.status < 400 && hops < 3; hops++) {
        const location = res.headers.location;
        if (typeof location !== 'string') break;
        url = new URL(location, url).toString();
        res = await getWithRetries(url, undefined);
      }
      if (res.status !== 200) throw new Error(statusMessage(`${host}/${repository}@${digest}`, res));
      verifyDigest(res.body, digest, `${host}/${repository}`);
      return res.body;
    },
  };
}

function authorizationHeader(auth: RegistryAuth): string | undefined {
  if (auth.kind === 'basic')
    return `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
  return auth.kind === 'bearer' ? `Bearer ${auth.token}` : undefined;
}

/** Throws unless the bytes hash to the digest (the registry could serve a different or damaged manifest). */
export function verifyDigest(bytes: Uint8Array, digest: string, name: string): void {
  const actual = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  if (actual !== digest) {
    throw new Error(
      `registry returned a manifest for ${name}@${digest} whose sha256 is ${actual}; refusing to deploy it`,
    );
  }
}

interface Fetched {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

// Registries answer the odd 429/5xx right after a push; a short retry beats failing a deploy that built fine.
async function getWithRetries(url: string, authorization: string | undefined): Promise<Fetched> {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await get(url, { accept: ACCEPT, ...(authorization ? { authorization } : {}) });
      if ((res.status !== 429 && res.status < 500) || attempt >= ATTEMPTS) return res;
    } catch (err) {
      if (attempt >= ATTEMPTS) throw new Error(`cannot read ${url}: ${errorMessage(err)}`, { cause: err });
    }
    await sleep(250 * 2 ** attempt);
  }
}

async function get(url: string, headers: Record<string, string>): Promise<Fetched> {
  const res = await request(url, {
    method: 'GET',
    headers,
    headersTimeout: TIMEOUT_MS,
    bodyTimeout: TIMEOUT_MS,
  });
  const body = Buffer.from(await res.body.arrayBuffer());
  if (body.length > MAX_MANIFEST_BYTES)
    throw new Error(`${url} answered ${body.length} bytes, too large for a manifest`);
  return { status: res.statusCode, headers: res.headers, body };
}

function statusMessage(what: string, res: Fetched): string {
  const detail = res.body.toString('utf8').slice(0, 300).trim();
  const hint =
    res.status === 401 || res.status === 403
      ? ' (the deploying account needs read access, e.g. roles/artifactregistry.reader)'
      : res.status === 404
        ? ' (manifest unknown)'
        : '';
  return `reading ${what} from the registry: HTTP ${res.status}${hint}${detail ? `: ${detail}` : ''}`;
}

/** A `WWW-Authenticate: Bearer realm=...,service=...` challenge (the Docker token-server flow). */
export interface BearerChallenge {
  realm: string;
  service?: string;
}

/** Parses a Bearer challenge; undefined for Basic or none. */
export function bearerChallenge(header: string | string[] | undefined): BearerChallenge | undefined {
  const value = Array.isArray(header) ? header.join(', ') : header;
  if (!value || !/^bearer\s/i.test(value)) return undefined;
  const params = Object.fromEntries([...value.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
  const realm = params.realm;
  if (!realm) return undefined;
  return params.service ? { realm, service: params.service } : { realm };
}

async function fetchRegistryToken(
  challenge: BearerChallenge,
  repository: string,
  auth: RegistryAuth,
): Promise<string> {
  const url = new URL(challenge.realm);
  // The login goes to the realm: never over plain HTTP to anything but loopback.
  if (url.protocol !== 'https:' && !isLoopbackHost(url.host)) {
    throw new Error(`registry token server ${url.origin} is not HTTPS; not sending the login there`);
  }
  if (challenge.service) url.searchParams.set('service', challenge.service);
  url.searchParams.set('scope', `repository:${repository}:pull`);
  const authorization = authorizationHeader(auth);
  const res = await get(url.toString(), authorization ? { authorization } : {});
  if (res.status !== 200) throw new Error(statusMessage(`a pull token for ${repository}`, res));
  const body = parseObject(res.body.toString('utf8'), 'token response');
  const token = typeof body.token === 'string' ? body.token : body.access_token;
  if (typeof token !== 'string' || !token) throw new Error(`token server ${url.origin} returned no token`);
  return token;
}

// A docker / containers auth file: `auths`, `credHelpers`, `credsStore` (read defensively, it is user data).
type DockerConfig = Record<string, unknown>;

/**
 * The login for `host` that `docker login` / `buildah login` left in env's auth file (withDockerLogin's
 * temporary DOCKER_CONFIG, else ~/.docker): a credential helper's, else `auths`; anonymous when there is none.
 */
export async function registryAuthFromEnv(
  host: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RegistryAuth> {
  const dockerFile = join(env.DOCKER_CONFIG ?? join(homedir(), '.docker'), 'config.json');
  const files = [...new Set([env.REGISTRY_AUTH_FILE, dockerFile].filter((f): f is string => Boolean(f)))];
  for (const file of files) {
    const config = await readDockerConfig(file);
    const helper = config ? helperFor(config, host) : undefined;
    const auth = (helper ? await fromHelper(helper, host, env) : undefined) ?? fromAuths(config, host);
    if (auth) return auth;
  }
  return { kind: 'anonymous' };
}

async function readDockerConfig(file: string): Promise<DockerConfig | undefined> {
  try {
    const value: unknown = JSON.parse(await readFile(file, 'utf8'));
    return isRecord(value) ? value : undefined;
  } catch {
    // No file or a broken one is no login, the same as docker treats it.
    return undefined;
  }
}

function helperFor(config: DockerConfig, host: string): string | undefined {
  const perHost = stringValues(config.credHelpers)[host];
  return (
    perHost ?? (typeof config.credsStore === 'string' && config.credsStore ? config.credsStore : undefined)
  );
}

function fromAuths(config: DockerConfig | undefined, host: string): RegistryAuth | undefined {
  const auths = isRecord(config?.auths) ? config.auths : {};
  // Older docker versions keyed logins by URL.
  const entry = auths[host] ?? auths[`https://${host}`];
  const encoded = isRecord(entry) ? entry.auth : undefined;
  if (typeof encoded !== 'string' || !encoded) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  return { kind: 'basic', username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

// Where docker login stored the secret when a credential helper is configured: `docker-credential-X get`.
async function fromHelper(
  helper: string,
  host: string,
  env: NodeJS.ProcessEnv,
): Promise<RegistryAuth | undefined> {
  const out = await runCommand(`docker-credential-${helper}`, ['get'], {
    env,
    input: host,
    allowFailure: true,
  }).catch(() => undefined);
  if (!out || out.code !== 0) return undefined;
  try {
    const value: unknown = JSON.parse(out.stdout);
    if (!isRecord(value) || typeof value.Username !== 'string' || typeof value.Secret !== 'string')
      return undefined;
    return { kind: 'basic', username: value.Username, password: value.Secret };
  } catch {
    return undefined;
  }
}
