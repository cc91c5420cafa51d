/**
 * One PR's connection in Secret Manager: the secret is made (labelled as the action's) when missing, each run
 * adds a version, and the revision's runtime identity gets roles/secretmanager.secretAccessor on that secret
 * alone. Deleting refuses a secret that does not carry the PR's labels, so nothing the action did not make
 * is removed.
 */
import { SecretManagerServiceClient } from '@google-cloud/secret-manager';
import { clientOptions } from '../cloudrun/client-factory.js';

const ACCESSOR = 'roles/secretmanager.secretAccessor';

function grpcCode(err: unknown): number | undefined {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'number' ? code : undefined;
}
const NOT_FOUND = 5;
const ALREADY_EXISTS = 6;

export class SecretStore {
  private readonly client: SecretManagerServiceClient;

  constructor(
    private readonly project: string,
    env: NodeJS.ProcessEnv = process.env,
  ) {
    this.client = new SecretManagerServiceClient(clientOptions(env));
  }

  name(secretId: string): string {
    return `projects/${this.project}/secrets/${secretId}`;
  }

  /**
   * Stores `value` as the secret's newest version (creating the secret with `labels` when missing) and lets
   * `reader` access it. A secret of that name without the same labels is refused, never written to.
   */
  async put(
    secretId: string,
    value: string,
    labels: Record<string, string>,
    reader: string | undefined,
  ): Promise<string> {
    const name = this.name(secretId);
    try {
      await this.client.createSecret({
        parent: `projects/${this.project}`,
        secretId,
        secret: { replication: { automatic: {} }, labels },
      });
    } catch (err) {
      if (grpcCode(err) !== ALREADY_EXISTS) throw err;
      const [existing] = await this.client.getSecret({ name });
      if (!sameLabels(existing.labels ?? {}, labels))
        throw new Error(
          `secret ${secretId} exists without this PR's gcp-deploy labels; refusing to write to it`,
          { cause: err },
        );
    }
    await this.client.addSecretVersion({ parent: name, payload: { data: Buffer.from(value, 'utf8') } });
    if (reader !== undefined) await this.grantAccess(name, `serviceAccount:${reader}`);
    return name;
  }

  /** True when the secret exists with `labels` and has a version; a secret not ours is refused. */
  async holdsValue(secretId: string, labels: Record<string, string>): Promise<boolean> {
    const name = this.name(secretId);
    try {
      const [existing] = await this.client.getSecret({ name });
      if (!sameLabels(existing.labels ?? {}, labels))
        throw new Error(`secret ${secretId} exists without this PR's gcp-deploy labels; refusing to use it`);
      const [versions] = await this.client.listSecretVersions({ parent: name, filter: 'state:ENABLED' });
      return versions.some((v) => v.state === 'ENABLED' || (v.state as unknown) === 1);
    } catch (err) {
      if (grpcCode(err) === NOT_FOUND) return false;
      throw err;
    }
  }

  /** Lets `reader` (a service account) access the secret. */
  async allow(secretId: string, reader: string): Promise<void> {
    await this.grantAccess(this.name(secretId), `serviceAccount:${reader}`);
  }

  private async grantAccess(name: string, member: string): Promise<void> {
    const [policy] = await this.client.getIamPolicy({ resource: name });
    const bindings = policy.bindings ?? [];
    const binding = bindings.find((b) => b.role === ACCESSOR && !b.condition);
    if (binding?.members?.includes(member)) return;
    if (binding) binding.members = [...(binding.members ?? []), member];
    else bindings.push({ role: ACCESSOR, members: [member] });
    await this.client.setIamPolicy({ resource: name, policy: { ...policy, bindings } });
  }

  /** Deletes the secret when it carries `labels`; 'absent' when there is none, 'kept' when it is not ours. */
  async remove(secretId: string, labels: Record<string, string>): Promise<'deleted' | 'absent' | 'kept'> {
    const name = this.name(secretId);
    try {
      const [existing] = await this.client.getSecret({ name });
      if (!sameLabels(existing.labels ?? {}, labels)) return 'kept';
      await this.client.deleteSecret({ name });
      return 'deleted';
    } catch (err) {
      if (grpcCode(err) === NOT_FOUND) return 'absent';
      throw err;
    }
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

/** Every label the action sets is there with the same value (others may have been added by people). */
function sameLabels(have: Record<string, string>, want: Record<string, string>): boolean {
  return Object.entries(want).every(([k, v]) => have[k] === v);
}
