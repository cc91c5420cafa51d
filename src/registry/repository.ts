import { errorCode, withRetry } from '../cloudrun/retry.js';
import { UserError, errorMessage } from '../config/user-error.js';
import { artifactRegistryClient } from '../cloudrun/client-factory.js';
import { repositoryResourceName } from './naming.js';

const NOT_FOUND = 5;
const ALREADY_EXISTS = 6;
const PERMISSION_DENIED = 7;
const UNAUTHENTICATED = 16;

/** A UserError naming the permission and role that are missing, or undefined when `err` is no auth error. */
export function permissionError(
  err: unknown,
  action: 'get' | 'create',
  repository: string,
): UserError | undefined {
  const code = errorCode(err);
  if (code === UNAUTHENTICATED) {
    return new UserError(
      `Artifact Registry refused the credentials while reading ${repository}: run google-github-actions/auth (Workload Identity Federation or a key) before this step. (${errorMessage(err)})`,
    );
  }
  if (code !== PERMISSION_DENIED) return undefined;
  const needs =
    action === 'create'
      ? "permission 'artifactregistry.repositories.create' (role roles/artifactregistry.admin), or create the repository once by hand; pushing then needs roles/artifactregistry.writer"
      : "permission 'artifactregistry.repositories.get' (role roles/artifactregistry.reader; roles/artifactregistry.writer, which pushing needs, includes it)";
  return new UserError(
    `Artifact Registry repository ${repository}: the deploying identity lacks ${needs}. (${errorMessage(err)})`,
  );
}

/** Creates the Docker repository when it is missing; a missing permission becomes a UserError that names it. */
export async function ensureRepository(opts: {
  project: string;
  location: string;
  repository: string;
  log: (s: string) => void;
}): Promise<{ created: boolean }> {
  const client = artifactRegistryClient();
  const name = repositoryResourceName(opts.project, opts.location, opts.repository);
  try {
    try {
      const [repo] = await withRetry(() => client.getRepository({ name }));
      if (repo.format && repo.format !== 'DOCKER') {
        throw new UserError(
          `Input 'repository': got "${opts.repository}", which is a ${String(repo.format)} repository; allowed: a DOCKER repository or a new name.`,
          'repository',
        );
      }
      opts.log(`Artifact Registry repository ${name} exists`);
      return { created: false };
    } catch (err) {
      if (err instanceof UserError) throw err;
      if (errorCode(err) !== NOT_FOUND) throw permissionError(err, 'get', name) ?? err;
    }
    try {
      await withRetry(async () => {
        const [operation] = await client.createRepository({
          parent: `projects/${opts.project}/locations/${opts.location}`,
          repositoryId: opts.repository,
          repository: { format: 'DOCKER', description: 'Images built by gcp-deploy' },
        });
        await operation.promise();
      });
      opts.log(`created Artifact Registry repository ${name} (format DOCKER)`);
      return { created: true };
    } catch (err) {
      // Another run created it between our read and our create: that is what we wanted.
      if (errorCode(err) === ALREADY_EXISTS) return { created: false };
      throw permissionError(err, 'create', name) ?? err;
    }
  } finally {
    await client.close();
  }
}
