/**
 * Workload Identity Federation as IAM and STS serve it: workload identity pools and OIDC providers (IAM's
 * resource shapes), and the token exchange of sts.googleapis.com/v1/token, which takes a provider's OIDC
 * token (GitHub's, here) and answers with a federated access token when its signature verifies against the
 * provider's keys, its issuer and audience are the provider's, and the attribute condition holds. The
 * attribute mapping and condition are CEL, evaluated by a CEL implementation as IAM evaluates them.
 */
import { createHash, createPublicKey, verify, type JsonWebKey } from 'node:crypto';
import { evaluate } from '@marcbachmann/cel-js';
import type { AccessTokenStore } from './access-tokens.js';
import type { TokenAnswer } from './identity.js';
import { decodeJwt, timeProblem } from './jwt.js';
import type { Principal } from './principals.js';

export interface WorkloadIdentityPool {
  name: string;
  displayName?: string;
  description?: string;
  disabled?: boolean;
  state?: 'ACTIVE' | 'DELETED';
}

export interface WorkloadIdentityPoolProvider {
  name: string;
  displayName?: string;
  description?: string;
  disabled?: boolean;
  state?: 'ACTIVE' | 'DELETED';
  attributeMapping: Record<string, string>;
  attributeCondition?: string;
  oidc: { issuerUri: string; allowedAudiences?: string[]; jwksJson?: string };
}

/** Project ids and numbers: resource names carry the number, requests may name either. */
export class ProjectDirectory {
  private readonly numbers = new Map<string, string>();

  /** Fixes a project's number (a test reproducing a README that names one). */
  register(id: string, number: string): void {
    this.numbers.set(id, number);
  }

  number(idOrNumber: string): string {
    if (/^\d+$/.test(idOrNumber)) return idOrNumber;
    let n = this.numbers.get(idOrNumber);
    if (n === undefined) {
      n = String(
        BigInt(`0x${createHash('sha256').update(idOrNumber).digest('hex').slice(0, 10)}`) % 10n ** 12n,
      );
      this.numbers.set(idOrNumber, n);
    }
    return n;
  }

  /** The project id of a number, when the directory knows it. */
  id(idOrNumber: string): string {
    if (!/^\d+$/.test(idOrNumber)) return idOrNumber;
    for (const [id, n] of this.numbers) if (n === idOrNumber) return id;
    return idOrNumber;
  }
}

/** An IAM-style refusal of a resource write (the REST layer maps it to 400/404/409). */
export class IamError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly status: string,
    message: string,
  ) {
    super(message);
  }
}

const ID = /^[a-z0-9-]{4,32}$/;
const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';
const SUBJECT_TYPES = ['urn:ietf:params:oauth:token-type:jwt', 'urn:ietf:params:oauth:token-type:id_token'];
const MAX_SUBJECT_BYTES = 127;

const stsRefusal = (error: string, description: string): TokenAnswer => ({
  status: 400,
  body: { error, error_description: description },
});

/** `attribute.x` names of a mapping, and a CEL context for the condition: assertion, google, attribute. */
function mapAttributes(
  mapping: Record<string, string>,
  assertion: Record<string, unknown>,
): { subject?: string; groups: string[]; attributes: Record<string, string> } {
  const attributes: Record<string, string> = {};
  let subject: string | undefined;
  let groups: string[] = [];
  for (const [target, expression] of Object.entries(mapping)) {
    let value: unknown;
    try {
      value = evaluate(expression, { assertion });
    } catch {
      continue; // IAM leaves an attribute unset when its expression reads a claim the token lacks
    }
    if (target === 'google.subject') subject = String(value);
    else if (target === 'google.groups') groups = Array.isArray(value) ? value.map(String) : [String(value)];
    else if (target.startsWith('attribute.')) attributes[target.slice('attribute.'.length)] = String(value);
  }
  return { ...(subject !== undefined ? { subject } : {}), groups, attributes };
}

export class WorkloadIdentity {
  private readonly pools = new Map<string, WorkloadIdentityPool>();
  private readonly providers = new Map<string, WorkloadIdentityPoolProvider>();

  constructor(
    readonly projects: ProjectDirectory,
    private readonly tokens: AccessTokenStore,
    private readonly lifetimeSec: () => number,
    private readonly nowSec: () => number = () => Math.floor(Date.now() / 1000),
  ) {}

  /** projects.locations.workloadIdentityPools.create: parent `projects/<id|number>/locations/global`. */
  createPool(parent: string, poolId: string, body: Omit<WorkloadIdentityPool, 'name'>): WorkloadIdentityPool {
    const m = /^projects\/([^/]+)\/locations\/global$/.exec(parent);
    if (!m?.[1])
      throw new IamError(
        400,
        'INVALID_ARGUMENT',
        `Invalid parent ${parent}; expected projects/*/locations/global`,
      );
    if (!ID.test(poolId) || poolId.startsWith('gcp-'))
      throw new IamError(
        400,
        'INVALID_ARGUMENT',
        `Invalid workload identity pool id ${JSON.stringify(poolId)}: 4 to 32 characters of [a-z0-9-], not starting with gcp-`,
      );
    const name = `projects/${this.projects.number(m[1])}/locations/global/workloadIdentityPools/${poolId}`;
    if (this.pools.has(name)) throw new IamError(409, 'ALREADY_EXISTS', `Requested entity already exists`);
    const pool: WorkloadIdentityPool = { ...body, name, state: 'ACTIVE', disabled: body.disabled === true };
    this.pools.set(name, pool);
    return pool;
  }

  /** projects.locations.workloadIdentityPools.providers.create, OIDC providers only. */
  createProvider(
    poolName: string,
    providerId: string,
    body: Omit<WorkloadIdentityPoolProvider, 'name'>,
  ): WorkloadIdentityPoolProvider {
    const pool = this.pool(poolName);
    if (!ID.test(providerId) || providerId.startsWith('gcp-'))
      throw new IamError(
        400,
        'INVALID_ARGUMENT',
        `Invalid workload identity pool provider id ${JSON.stringify(providerId)}`,
      );
    const name = `${pool.name}/providers/${providerId}`;
    if (this.providers.has(name))
      throw new IamError(409, 'ALREADY_EXISTS', `Requested entity already exists`);
    const issuer = body.oidc?.issuerUri ?? '';
    if (!issuer.startsWith('https://'))
      throw new IamError(
        400,
        'INVALID_ARGUMENT',
        `oidc.issuerUri must be an https URL, got ${JSON.stringify(issuer)}`,
      );
    if (typeof body.attributeMapping?.['google.subject'] !== 'string')
      throw new IamError(
        400,
        'INVALID_ARGUMENT',
        'attribute_mapping must contain a mapping for google.subject',
      );
    if (body.oidc.jwksJson === undefined || body.oidc.jwksJson === '')
      // Google would fetch the issuer's keys; nothing outside this machine is reachable, so the keys are given.
      throw new IamError(
        400,
        'INVALID_ARGUMENT',
        'the emulator needs oidc.jwksJson (it cannot reach the issuer)',
      );
    try {
      const keys = (JSON.parse(body.oidc.jwksJson) as { keys?: unknown }).keys;
      if (!Array.isArray(keys) || keys.length === 0) throw new Error('no keys');
    } catch {
      throw new IamError(400, 'INVALID_ARGUMENT', 'oidc.jwksJson is not a JSON Web Key Set');
    }
    const provider: WorkloadIdentityPoolProvider = {
      ...body,
      name,
      state: 'ACTIVE',
      disabled: body.disabled === true,
    };
    this.providers.set(name, provider);
    return provider;
  }

  pool(name: string): WorkloadIdentityPool {
    const pool = this.pools.get(this.canonical(name));
    if (pool === undefined) throw new IamError(404, 'NOT_FOUND', `Requested entity was not found: ${name}`);
    return pool;
  }

  provider(name: string): WorkloadIdentityPoolProvider {
    const provider = this.providers.get(this.canonical(name));
    if (provider === undefined)
      throw new IamError(404, 'NOT_FOUND', `Requested entity was not found: ${name}`);
    return provider;
  }

  /** A resource name with its project as a number. */
  private canonical(name: string): string {
    return name.replace(/^projects\/([^/]+)/, (_m, p: string) => `projects/${this.projects.number(p)}`);
  }

  /** POST https://sts.googleapis.com/v1/token (form or JSON fields, as STS accepts both). */
  exchange(fields: Record<string, string | undefined>): TokenAnswer {
    if (fields.grant_type !== TOKEN_EXCHANGE)
      return stsRefusal('invalid_grant', `Invalid value for "grant_type": ${fields.grant_type ?? ''}`);
    if (fields.requested_token_type !== ACCESS_TOKEN_TYPE)
      return stsRefusal('invalid_request', `Invalid value for "requested_token_type"`);
    if (!SUBJECT_TYPES.includes(fields.subject_token_type ?? ''))
      return stsRefusal('invalid_request', `Invalid value for "subject_token_type"`);
    const m =
      /^\/\/iam\.googleapis\.com\/(projects\/[^/]+\/locations\/global\/workloadIdentityPools\/[^/]+\/providers\/[^/]+)$/.exec(
        fields.audience ?? '',
      );
    if (!m?.[1])
      return stsRefusal('invalid_request', `Invalid value for "audience": ${fields.audience ?? ''}`);
    let provider: WorkloadIdentityPoolProvider;
    let pool: WorkloadIdentityPool;
    try {
      provider = this.provider(m[1]);
      pool = this.pool(provider.name.replace(/\/providers\/[^/]+$/, ''));
    } catch {
      return stsRefusal(
        'invalid_target',
        'The target service indicated by the "audience" parameters is invalid.',
      );
    }
    if (pool.disabled === true || provider.disabled === true)
      return stsRefusal('invalid_target', 'The workload identity pool or provider is disabled.');
    const token = fields.subject_token ?? '';
    const decoded = decodeJwt(token);
    if (decoded === undefined)
      return stsRefusal('invalid_grant', 'Invalid ID token: the subject token is not a JWT.');
    if (!this.signatureVerifies(token, decoded.header, provider))
      return stsRefusal('invalid_grant', 'Invalid ID token signature: no key of the provider verifies it.');
    const { claims } = decoded;
    if (claims.iss !== provider.oidc.issuerUri)
      return stsRefusal(
        'invalid_grant',
        `The issuer in ID Token ${String(claims.iss)} does not match the expected ones: ${provider.oidc.issuerUri}.`,
      );
    const audiences = provider.oidc.allowedAudiences?.length
      ? provider.oidc.allowedAudiences
      : [`https://iam.googleapis.com/${provider.name}`];
    const aud = Array.isArray(claims.aud) ? claims.aud.map(String) : [String(claims.aud)];
    if (!aud.some((a) => audiences.includes(a)))
      return stsRefusal(
        'invalid_grant',
        `The audience in ID Token [${aud.join(', ')}] does not match the expected audience.`,
      );
    const late = timeProblem(claims, this.nowSec(), 0);
    if (late !== undefined) return stsRefusal('invalid_grant', `Invalid ID token: ${late}.`);
    const mapped = mapAttributes(provider.attributeMapping, claims);
    if (mapped.subject === undefined || mapped.subject === '')
      return stsRefusal('invalid_grant', 'The mapped attribute google.subject must not be empty.');
    if (Buffer.byteLength(mapped.subject) > MAX_SUBJECT_BYTES)
      return stsRefusal(
        'invalid_grant',
        `The size of mapped attribute google.subject exceeds the ${MAX_SUBJECT_BYTES} bytes limit.`,
      );
    if (provider.attributeCondition !== undefined && provider.attributeCondition !== '') {
      let holds: boolean;
      try {
        holds =
          evaluate(provider.attributeCondition, {
            assertion: claims,
            attribute: mapped.attributes,
            google: { subject: mapped.subject, groups: mapped.groups },
          }) === true;
      } catch {
        holds = false;
      }
      if (!holds)
        return stsRefusal(
          'unauthorized_client',
          'The given credential is rejected by the attribute condition.',
        );
    }
    const principal: Principal = {
      kind: 'federated',
      pool: pool.name,
      subject: mapped.subject,
      attributes: mapped.attributes,
      groups: mapped.groups,
    };
    const scopes = (fields.scope ?? '').split(/\s+/).filter((s) => s !== '');
    const lifetime = this.lifetimeSec();
    const issued = this.tokens.issue(principal, scopes, lifetime);
    return {
      status: 200,
      body: {
        access_token: issued.token,
        issued_token_type: ACCESS_TOKEN_TYPE,
        token_type: 'Bearer',
        expires_in: lifetime,
      },
    };
  }

  private signatureVerifies(
    token: string,
    header: Record<string, unknown>,
    provider: WorkloadIdentityPoolProvider,
  ): boolean {
    if (header.alg !== 'RS256') return false;
    const keys = (
      JSON.parse(provider.oidc.jwksJson ?? '{"keys":[]}') as { keys: (JsonWebKey & { kid?: string })[] }
    ).keys;
    const candidates = keys.filter((k) => header.kid === undefined || k.kid === header.kid);
    const [h = '', c = '', s = ''] = token.split('.');
    return candidates.some((k) => {
      try {
        return verify(
          'sha256',
          Buffer.from(`${h}.${c}`),
          createPublicKey({ key: k, format: 'jwk' }),
          Buffer.from(s, 'base64url'),
        );
      } catch {
        return false;
      }
    });
  }
}
