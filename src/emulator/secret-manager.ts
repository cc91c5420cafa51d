/**
 * Secret Manager v1 as the emulator serves it: secrets with numbered versions, `latest`, per-secret IAM, and
 * the resolution Cloud Run does when a revision or job task starts (the runtime identity needs
 * roles/secretmanager.secretAccessor on the secret or its project, or the start fails).
 */
import { status } from '@grpc/grpc-js';
import type { UnaryHandler } from './grpc-server.js';
import { paginate } from './grpc-server.js';
import { grantsInvoke } from './iam-policy.js';
import type { IamStore } from './iam-store.js';
import { alreadyExists, failedPrecondition, invalidArgument, notFound, RpcError } from './rpc-error.js';
import { timestamp } from './cloud-run-records.js';

type Msg = Record<string, unknown>;

/** The roles that carry secretmanager.versions.access (Secret Manager's IAM roles page). */
export const SECRET_ACCESSOR_ROLES = [
  'roles/secretmanager.secretAccessor',
  'roles/secretmanager.admin',
  'roles/owner',
];

/** Secret Manager's payload limit. */
const MAX_PAYLOAD = 64 * 1024;
const SECRET_ID = /^[A-Za-z0-9_-]{1,255}$/;

interface Version {
  n: number;
  data: Buffer;
  createTime: number;
  state: 'ENABLED' | 'DISABLED' | 'DESTROYED';
}
interface Secret {
  name: string;
  message: Msg;
  versions: Version[];
}

/** CRC32C (Castagnoli), as Secret Manager checksums payloads. */
export function crc32c(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function parseSecretName(name: string): { project: string; secret: string } {
  const m = /^projects\/([^/]+)\/secrets\/([^/]+)$/.exec(name);
  if (!m?.[1] || !m[2]) throw invalidArgument(`Invalid resource field value in the request: '${name}'.`);
  return { project: m[1], secret: m[2] };
}

/** The default runtime identity of a revision or job with no service account: the compute default account. */
export function defaultRuntimeServiceAccount(project: string): string {
  return `${project}-compute@developer.gserviceaccount.com`;
}

export class SecretStore {
  private readonly secrets = new Map<string, Secret>();

  constructor(
    private readonly iam: IamStore,
    private readonly now: () => number = Date.now,
  ) {}

  private secret(name: string): Secret {
    parseSecretName(name);
    const s = this.secrets.get(name);
    if (!s) throw notFound(`Secret [${name}] not found or has no versions.`);
    return s;
  }

  private versionMessage(s: Secret, v: Version): Msg {
    return {
      name: `${s.name}/versions/${v.n}`,
      createTime: timestamp(v.createTime),
      state: v.state,
      ...(v.state === 'DESTROYED' ? { destroyTime: timestamp(v.createTime) } : {}),
      clientSpecifiedPayloadChecksum: true,
    };
  }

  /** `.../versions/N` or `.../versions/latest` (the newest enabled version). */
  private version(name: string): { s: Secret; v: Version } {
    const m = /^(projects\/[^/]+\/secrets\/[^/]+)\/versions\/([^/]+)$/.exec(name);
    if (!m?.[1] || !m[2]) throw invalidArgument(`Invalid resource field value in the request: '${name}'.`);
    const s = this.secrets.get(m[1]);
    if (!s) throw notFound(`Secret [${m[1]}] not found or has no versions.`);
    const v =
      m[2] === 'latest'
        ? [...s.versions].reverse().find((x) => x.state === 'ENABLED')
        : s.versions.find((x) => String(x.n) === m[2]);
    if (!v) throw notFound(`Secret Version [${name}] not found.`);
    return { s, v };
  }

  handlers(): Record<string, UnaryHandler> {
    return {
      CreateSecret: (req) => {
        const parent = str(req.parent);
        if (!/^projects\/[^/]+$/.test(parent))
          throw invalidArgument(`Invalid resource field value in the request: '${parent}'.`);
        const id = str(req.secretId);
        if (!SECRET_ID.test(id))
          throw invalidArgument(
            'Secret ID must be 1-255 characters of letters, numbers, dashes and underscores.',
          );
        const body = (req.secret as Msg | undefined) ?? {};
        if (!body.replication) throw invalidArgument('Secret.replication is required.');
        const name = `${parent}/secrets/${id}`;
        if (this.secrets.has(name)) throw alreadyExists(`Secret [${name}] already exists.`);
        const message: Msg = {
          ...body,
          name,
          createTime: timestamp(this.now()),
          etag: `"${Date.now().toString(16)}"`,
        };
        this.secrets.set(name, { name, message, versions: [] });
        return Promise.resolve(message);
      },
      GetSecret: (req) => Promise.resolve(this.secret(str(req.name)).message),
      ListSecrets: (req) => {
        const parent = str(req.parent);
        const all = [...this.secrets.values()].filter((s) => s.name.startsWith(`${parent}/secrets/`));
        const { page, next } = paginate(all, req.pageSize, req.pageToken);
        return Promise.resolve({
          secrets: page.map((s) => s.message),
          nextPageToken: next,
          totalSize: all.length,
        });
      },
      DeleteSecret: (req) => {
        const s = this.secret(str(req.name));
        const etag = str(req.etag);
        if (etag && etag !== s.message.etag)
          throw new RpcError(
            status.ABORTED,
            `The etag provided in the request does not match the current etag.`,
          );
        this.secrets.delete(s.name);
        this.iam.drop(s.name);
        return Promise.resolve({});
      },
      AddSecretVersion: (req) => {
        const s = this.secret(str(req.parent));
        const payload = (req.payload as Msg | undefined) ?? {};
        const data = Buffer.from((payload.data as Uint8Array | undefined) ?? []);
        if (data.length > MAX_PAYLOAD)
          throw invalidArgument(`Secret Payload cannot be larger than ${MAX_PAYLOAD} bytes.`);
        if (payload.dataCrc32c !== undefined && Number(payload.dataCrc32c) !== crc32c(data))
          throw invalidArgument('Checksum mismatch: the data_crc32c does not match the payload.');
        const v: Version = { n: s.versions.length + 1, data, createTime: this.now(), state: 'ENABLED' };
        s.versions.push(v);
        return Promise.resolve(this.versionMessage(s, v));
      },
      GetSecretVersion: (req) => {
        const { s, v } = this.version(str(req.name));
        return Promise.resolve(this.versionMessage(s, v));
      },
      ListSecretVersions: (req) => {
        const s = this.secret(str(req.parent));
        const all = [...s.versions].reverse().map((v) => this.versionMessage(s, v));
        const { page, next } = paginate(all, req.pageSize, req.pageToken);
        return Promise.resolve({ versions: page, nextPageToken: next, totalSize: all.length });
      },
      AccessSecretVersion: (req) => {
        const { s, v } = this.version(str(req.name));
        if (v.state !== 'ENABLED')
          throw failedPrecondition(`Secret Version [${s.name}/versions/${v.n}] is in ${v.state} state.`);
        return Promise.resolve({
          name: `${s.name}/versions/${v.n}`,
          payload: { data: v.data, dataCrc32c: String(crc32c(v.data)) },
        });
      },
      DisableSecretVersion: (req) => this.setState(str(req.name), 'DISABLED'),
      EnableSecretVersion: (req) => this.setState(str(req.name), 'ENABLED'),
      DestroySecretVersion: (req) => this.setState(str(req.name), 'DESTROYED'),
      GetIamPolicy: (req) => {
        const resource = str(req.resource);
        this.secret(resource);
        return Promise.resolve(this.iam.get(resource));
      },
      SetIamPolicy: (req) => {
        const resource = str(req.resource);
        this.secret(resource);
        return Promise.resolve(this.iam.set(resource, (req.policy as Parameters<IamStore['set']>[1]) ?? {}));
      },
    };
  }

  /** Test and demo set-up: creates the secret (automatic replication) if needed and adds a version; returns its name. */
  add(secretName: string, value: string): string {
    const { project, secret } = parseSecretName(secretName);
    if (!this.secrets.has(secretName))
      this.secrets.set(secretName, {
        name: secretName,
        message: {
          name: `projects/${project}/secrets/${secret}`,
          replication: { automatic: {} },
          createTime: timestamp(this.now()),
        },
        versions: [],
      });
    const s = this.secret(secretName);
    const v: Version = {
      n: s.versions.length + 1,
      data: Buffer.from(value),
      createTime: this.now(),
      state: 'ENABLED',
    };
    s.versions.push(v);
    return `${secretName}/versions/${v.n}`;
  }

  private setState(name: string, state: Version['state']): Promise<Msg> {
    const { s, v } = this.version(name);
    if (v.state === 'DESTROYED') throw failedPrecondition(`Secret Version [${name}] is destroyed.`);
    v.state = state;
    if (state === 'DESTROYED') v.data = Buffer.alloc(0);
    return Promise.resolve(this.versionMessage(s, v));
  }

  /**
   * What Cloud Run does for a secret env var or volume item at start: `secret` is an id in `project` or a
   * full name, `version` a number or `latest`. Throws the sentence the revision's condition shows when the
   * secret or version is missing or `identity` may not read it.
   */
  resolve(project: string, secret: string, version: string, identity: string, field: string): Buffer {
    const secretName = secret.startsWith('projects/') ? secret : `projects/${project}/secrets/${secret}`;
    const versionName = `${secretName}/versions/${version || 'latest'}`;
    const s = this.secrets.get(secretName);
    if (!s) throw new Error(`${field}: Secret ${versionName} was not found`);
    const allowed = grantsInvoke(this.iam.effective(secretName), identity, SECRET_ACCESSOR_ROLES);
    if (!allowed)
      throw new Error(
        `${field}: Permission denied on secret: ${versionName} for Revision service account ${identity}. ` +
          "The service account used must be granted the 'Secret Manager Secret Accessor' role " +
          '(roles/secretmanager.secretAccessor) at the secret, project or higher level.',
      );
    let found;
    try {
      found = this.version(versionName).v;
    } catch {
      throw new Error(`${field}: Secret ${versionName} was not found`);
    }
    if (found.state !== 'ENABLED')
      throw new Error(`${field}: Secret ${versionName} is ${found.state.toLowerCase()}`);
    return found.data;
  }
}
