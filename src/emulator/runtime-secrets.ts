/**
 * Secrets a revision (or job task) gets at start, resolved as Cloud Run resolves them: env vars from
 * `valueSource.secretKeyRef` and files from secret volumes mounted into the ingress container. A missing
 * secret or version, or a runtime identity without secretAccessor, fails the start with Cloud Run's words.
 */
import type { Msg } from './cloud-run-state.js';
import { RevisionStartError, type SecretFile } from './runtime.js';
import { defaultRuntimeServiceAccount, type SecretStore } from './secret-manager.js';
import { ingressContainer } from './template-validation.js';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const list = (v: unknown): Msg[] => (Array.isArray(v) ? (v as Msg[]) : []);

/** The env and files a template's secrets resolve to for `resource` (projects/P/...). */
export function resolveTemplateSecrets(
  resource: string,
  template: Msg,
  store: SecretStore | undefined,
): { env: Record<string, string>; files: SecretFile[] } {
  const project = /^projects\/([^/]+)\//.exec(resource)?.[1] ?? '';
  const identity = str(template.serviceAccount) || defaultRuntimeServiceAccount(project);
  const container = ingressContainer(template) ?? {};
  const env: Record<string, string> = {};
  const files: SecretFile[] = [];
  const read = (secret: string, version: string, field: string): Buffer => {
    if (!store) throw new RevisionStartError(`${field}: Secret ${secret} was not found`);
    try {
      return store.resolve(project, secret, version, identity, field);
    } catch (err) {
      throw new RevisionStartError(err instanceof Error ? err.message : String(err));
    }
  };
  list(container.env).forEach((e, i) => {
    const ref = (e.valueSource as Msg | undefined)?.secretKeyRef as Msg | undefined;
    if (!ref) return;
    const field = `spec.template.spec.containers[0].env[${i}].value_from.secret_key_ref.name`;
    env[str(e.name)] = read(str(ref.secret), str(ref.version) || 'latest', field).toString('utf8');
  });
  const volumes = new Map(list(template.volumes).map((v) => [str(v.name), v]));
  for (const mount of list(container.volumeMounts)) {
    const secret = volumes.get(str(mount.name))?.secret as Msg | undefined;
    if (!secret) continue;
    const id = str(secret.secret);
    const items = list(secret.items);
    const field = `spec.template.spec.volumes[${str(mount.name)}].secret`;
    const wanted = items.length ? items : [{ path: id.split('/').pop() ?? id, version: 'latest' }];
    for (const item of wanted) {
      const mode =
        typeof item.mode === 'number'
          ? item.mode
          : typeof secret.defaultMode === 'number'
            ? secret.defaultMode
            : 0o444;
      files.push({
        path: `${str(mount.mountPath).replace(/\/+$/, '')}/${str(item.path)}`,
        data: read(id, str(item.version) || 'latest', field),
        mode,
      });
    }
  }
  return { env, files };
}
