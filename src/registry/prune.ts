import { errorCode, withRetry } from '../cloudrun/retry.js';
import { artifactRegistryClient } from '../cloudrun/client-factory.js';
import { lastSegment, normaliseDigest, packageResourceName, repositoryResourceName } from './naming.js';

const NOT_FOUND = 5;
const FAILED_PRECONDITION = 9;

/** What a prune would do to each requested tag, decided from the image's current tags (pure). */
export interface PrunePlan {
  delete: { tag: string; digest: string }[];
  keep: { tag: string; digest: string }[];
  missing: string[];
  /** Digests left without any tag once the deletions are done (and not protected): their versions go too. */
  orphanedDigests: string[];
}

/** Plans a prune: never deletes a tag whose digest is protected (serving traffic). */
export function planTagPrune(
  current: Map<string, string>,
  tags: string[],
  protectedDigests: string[],
): PrunePlan {
  const protect = new Set(protectedDigests.map(normaliseDigest));
  const plan: PrunePlan = { delete: [], keep: [], missing: [], orphanedDigests: [] };
  for (const tag of [...new Set(tags)]) {
    const digest = current.get(tag);
    if (!digest) plan.missing.push(tag);
    else if (protect.has(digest)) plan.keep.push({ tag, digest });
    else plan.delete.push({ tag, digest });
  }
  const deleting = new Set(plan.delete.map((d) => d.tag));
  const touched = new Set(plan.delete.map((d) => d.digest));
  for (const digest of touched) {
    const stillTagged = [...current].some(([t, d]) => d === digest && !deleting.has(t));
    if (!stillTagged && !protect.has(digest)) plan.orphanedDigests.push(digest);
  }
  return plan;
}

/**
 * Deletes image tags through Artifact Registry, and the versions they leave untagged. A tag whose digest is
 * protected (serving) is kept and the log says so. With dryRun nothing changes and `deleted` lists what would go.
 */
export async function deleteImageTags(opts: {
  project: string;
  location: string;
  repository: string;
  image: string;
  tags: string[];
  protectedDigests: string[];
  dryRun?: boolean;
  log: (s: string) => void;
}): Promise<{ deleted: string[]; kept: string[] }> {
  const client = artifactRegistryClient();
  const pkg = packageResourceName(
    repositoryResourceName(opts.project, opts.location, opts.repository),
    opts.image,
  );
  try {
    const current = new Map<string, string>();
    try {
      const [tags] = await withRetry(() => client.listTags({ parent: pkg }));
      for (const t of tags) if (t.name && t.version) current.set(lastSegment(t.name), lastSegment(t.version));
    } catch (err) {
      if (errorCode(err) !== NOT_FOUND) throw err;
      opts.log(`image ${opts.image} not found in ${opts.repository}; no tags to delete`);
      return { deleted: [], kept: [] };
    }
    const plan = planTagPrune(current, opts.tags, opts.protectedDigests);
    for (const tag of plan.missing) opts.log(`tag ${opts.image}:${tag} not found; nothing to delete`);
    for (const { tag, digest } of plan.keep) {
      opts.log(`keeping tag ${opts.image}:${tag}: its digest ${digest} is serving traffic`);
    }
    const prefix = opts.dryRun ? 'dry run: would delete' : 'deleted';
    for (const { tag } of plan.delete) {
      if (!opts.dryRun) await deleteTag(client, `${pkg}/tags/${tag}`);
      opts.log(`${prefix} tag ${opts.image}:${tag}`);
    }
    for (const digest of plan.orphanedDigests) {
      if (!opts.dryRun) await deleteVersion(client, `${pkg}/versions/${digest}`);
      opts.log(`${prefix} untagged version ${opts.image}@${digest}`);
    }
    return { deleted: plan.delete.map((d) => d.tag), kept: plan.keep.map((k) => k.tag) };
  } finally {
    await client.close();
  }
}

async function deleteTag(client: ReturnType<typeof artifactRegistryClient>, name: string): Promise<void> {
  try {
    await withRetry(() => client.deleteTag({ name }));
  } catch (err) {
    // A retry after a delete that landed but whose answer was lost finds it gone: done.
    if (errorCode(err) !== NOT_FOUND) throw err;
  }
}

async function deleteVersion(client: ReturnType<typeof artifactRegistryClient>, name: string): Promise<void> {
  try {
    await withRetry(async () => {
      const [operation] = await client.deleteVersion({ name, force: false });
      await operation.promise();
    });
  } catch (err) {
    // Gone already (a registry that drops untagged manifests) or re-tagged meanwhile: leave it.
    const code = errorCode(err);
    if (code !== NOT_FOUND && code !== FAILED_PRECONDITION) throw err;
  }
}
