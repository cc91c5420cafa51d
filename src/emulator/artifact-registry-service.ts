import type { Msg } from './cloud-run-state.js';
import type { RegistryHttp } from './registry-http.js';
import { alreadyExists, failedPrecondition, invalidArgument, notFound } from './rpc-error.js';

const REPO = /^projects\/([^/]+)\/locations\/([^/]+)\/repositories\/([^/]+)$/;
const PKG = /^(projects\/[^/]+\/locations\/[^/]+\/repositories\/[^/]+)\/packages\/([^/]+)$/;

const timestamp = (ms: number): Msg => ({
  seconds: String(Math.floor(ms / 1000)),
  nanos: (ms % 1000) * 1_000_000,
});
const encodePkg = (path: string): string => path.split('/').join('%2F');

interface RepoRecord {
  name: string;
  createTime: number;
  description: string;
  labels: Record<string, string>;
}

interface ImageState {
  /** Visible tags (tombstoned ones removed) to their digest. */
  tags: Map<string, string>;
  /** Every known digest still present, to when the emulator first saw it. */
  digests: Map<string, number>;
}

/**
 * Artifact Registry v1 over the local Docker registry: repository `projects/P/locations/L/repositories/R` is the
 * path prefix `P/R/`; packages are image paths below it; versions are manifest digests; tags are registry tags.
 */
export class ArtifactRegistryBackend {
  private readonly repos = new Map<string, RepoRecord>();
  /** Tags deleted while other tags still share the digest: image -> tag -> digest it hid. */
  private readonly tombstones = new Map<string, Map<string, string>>();
  /** Digests seen per image, so untagged versions stay listed until deleted. */
  private readonly known = new Map<string, Map<string, number>>();

  constructor(
    private readonly registry: RegistryHttp,
    private readonly registryHost: string,
    private readonly now: () => number = Date.now,
  ) {}

  private parseRepo(name: string): { project: string; location: string; repo: string; prefix: string } {
    const m = REPO.exec(name);
    if (!m) throw invalidArgument(`Invalid repository name '${name}'.`);
    return { project: m[1], location: m[2], repo: m[3], prefix: `${m[1]}/${m[3]}/` };
  }

  private parsePackage(name: string): { repoName: string; image: string; pkg: string } {
    const m = PKG.exec(name);
    if (!m) throw invalidArgument(`Invalid package name '${name}'.`);
    const { prefix } = this.parseRepo(m[1]);
    return { repoName: m[1], image: prefix + decodeURIComponent(m[2]), pkg: m[2] };
  }

  /** The resource name of the created repository `project/repository` is stored under, if one was created. */
  repositoryNamed(project: string, repository: string): string | undefined {
    for (const name of this.repos.keys()) {
      const { project: p, repo } = this.parseRepo(name);
      if (p === project && repo === repository) return name;
    }
    return undefined;
  }

  /** Created through the API, or holding images pushed to the registry behind the emulator's back (set-ups). */
  async repositoryExists(project: string, repository: string): Promise<boolean> {
    if (this.repositoryNamed(project, repository) !== undefined) return true;
    return (await this.images(`${project}/${repository}/`)).length > 0;
  }

  private async images(prefix: string): Promise<string[]> {
    return (await this.registry.catalog()).filter((r) => r.startsWith(prefix)).sort();
  }

  private repository(rec: RepoRecord): Msg {
    const { project, repo } = this.parseRepo(rec.name);
    return {
      name: rec.name,
      format: 'DOCKER',
      mode: 'STANDARD_REPOSITORY',
      description: rec.description,
      labels: rec.labels,
      createTime: timestamp(rec.createTime),
      updateTime: timestamp(rec.createTime),
      registryUri: `${this.registryHost}/${project}/${repo}`,
    };
  }

  /** GetRepository: created ones, and ones that exist implicitly because images were pushed under them. */
  async getRepository(name: string): Promise<Msg> {
    const { prefix } = this.parseRepo(name);
    const rec = this.repos.get(name);
    if (rec) return this.repository(rec);
    if ((await this.images(prefix)).length > 0) {
      return this.repository({ name, createTime: this.now(), description: '', labels: {} });
    }
    throw notFound(`Requested entity was not found: repository '${name}'.`);
  }

  /** CreateRepository (the caller wraps the result in a finished operation). */
  async createRepository(parent: string, repositoryId: string, input: Msg): Promise<Msg> {
    if (!/^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/.test(repositoryId)) {
      throw invalidArgument(`Invalid repository id '${repositoryId}'.`);
    }
    const name = `${parent}/repositories/${repositoryId}`;
    this.parseRepo(name);
    const format = typeof input.format === 'string' ? input.format : 'DOCKER';
    if (format !== 'DOCKER' && format !== 'FORMAT_UNSPECIFIED') {
      throw invalidArgument(`The emulator only serves DOCKER repositories, got ${format}.`);
    }
    const exists = await this.getRepository(name).then(
      () => true,
      () => false,
    );
    if (exists) throw alreadyExists(`the repository already exists: '${name}'.`);
    const rec: RepoRecord = {
      name,
      createTime: this.now(),
      description: typeof input.description === 'string' ? input.description : '',
      labels: (input.labels as Record<string, string> | undefined) ?? {},
    };
    this.repos.set(name, rec);
    return this.repository(rec);
  }

  /** ListRepositories under `projects/P/locations/L`. */
  async listRepositories(parent: string): Promise<Msg[]> {
    const m = /^projects\/([^/]+)\/locations\/([^/]+)$/.exec(parent);
    if (!m) throw invalidArgument(`Invalid parent '${parent}'.`);
    const names = new Set([...this.repos.keys()].filter((n) => n.startsWith(`${parent}/`)));
    for (const img of await this.registry.catalog()) {
      const [project, repo] = img.split('/');
      if (project === m[1] && repo && img.split('/').length > 2) names.add(`${parent}/repositories/${repo}`);
    }
    return Promise.all([...names].sort().map((n) => this.getRepository(n)));
  }

  /** Reads an image's visible tags and live digests from the registry, applying tombstones. */
  private async imageState(image: string): Promise<ImageState> {
    const tags = new Map<string, string>();
    const stones = this.tombstones.get(image) ?? new Map<string, string>();
    const known = this.known.get(image) ?? new Map<string, number>();
    this.known.set(image, known);
    for (const tag of await this.registry.tags(image)) {
      const digest = await this.registry.digest(image, tag);
      if (!digest) continue;
      if (!known.has(digest)) known.set(digest, this.now());
      if (stones.get(tag) === digest) continue;
      stones.delete(tag); // re-pushed elsewhere: the tombstone no longer applies
      tags.set(tag, digest);
    }
    const digests = new Map<string, number>();
    for (const [digest, seen] of known) {
      if ([...tags.values()].includes(digest) || (await this.registry.digest(image, digest)))
        digests.set(digest, seen);
      else known.delete(digest);
    }
    return { tags, digests };
  }

  private async dockerImage(
    repoName: string,
    prefix: string,
    image: string,
    digest: string,
    st: ImageState,
  ): Promise<Msg> {
    const info = await this.registry.manifest(image, digest);
    const seen = st.digests.get(digest) ?? this.now();
    return {
      name: `${repoName}/dockerImages/${encodePkg(image.slice(prefix.length))}@${digest}`,
      uri: `${this.registryHost}/${image}@${digest}`,
      tags: [...st.tags]
        .filter(([, d]) => d === digest)
        .map(([t]) => t)
        .sort(),
      imageSizeBytes: String(info?.sizeBytes ?? 0),
      mediaType: info?.mediaType ?? '',
      uploadTime: timestamp(seen),
      updateTime: timestamp(seen),
    };
  }

  /** ListDockerImages: one entry per (image, digest) under the repository. */
  async listDockerImages(parent: string): Promise<Msg[]> {
    const { prefix } = this.parseRepo(parent);
    const out: Msg[] = [];
    for (const image of await this.images(prefix)) {
      const st = await this.imageState(image);
      for (const digest of st.digests.keys())
        out.push(await this.dockerImage(parent, prefix, image, digest, st));
    }
    return out;
  }

  /** GetDockerImage by `.../dockerImages/PKG@sha256:...`. */
  async getDockerImage(name: string): Promise<Msg> {
    const m = /^(.+)\/dockerImages\/([^@]+)@(sha256:[0-9a-f]+)$/.exec(name);
    if (!m) throw invalidArgument(`Invalid docker image name '${name}'.`);
    const { prefix } = this.parseRepo(m[1]);
    const image = prefix + decodeURIComponent(m[2]);
    const st = await this.imageState(image);
    if (!st.digests.has(m[3])) throw notFound(`Requested entity was not found: '${name}'.`);
    return this.dockerImage(m[1], prefix, image, m[3], st);
  }

  /** ListPackages: the image paths below the repository. */
  async listPackages(parent: string): Promise<Msg[]> {
    const { prefix } = this.parseRepo(parent);
    const live: string[] = [];
    // The registry keeps an image path after its last manifest is deleted; Artifact Registry drops the package.
    for (const img of await this.images(prefix))
      if ((await this.imageState(img)).digests.size > 0) live.push(img);
    return live.map((img) => ({
      name: `${parent}/packages/${encodePkg(img.slice(prefix.length))}`,
      displayName: img.slice(prefix.length),
    }));
  }

  /** ListTags of a package; understands the `version="..."` and `name="..."` filters. */
  async listTags(parent: string, filter = ''): Promise<Msg[]> {
    const { image } = this.parsePackage(parent);
    const st = await this.imageState(image);
    const wantVersion = /version\s*=\s*"([^"]+)"/.exec(filter)?.[1];
    const wantName = /name\s*=\s*"([^"]+)"/.exec(filter)?.[1];
    return [...st.tags]
      .map(([tag, digest]) => ({ name: `${parent}/tags/${tag}`, version: `${parent}/versions/${digest}` }))
      .filter((t) => (!wantVersion || t.version === wantVersion) && (!wantName || t.name === wantName))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** DeleteTag: hides the tag when other tags share its digest, otherwise deletes the manifest. */
  async deleteTag(name: string): Promise<void> {
    const m = /^(.+)\/tags\/([^/]+)$/.exec(name);
    if (!m) throw invalidArgument(`Invalid tag name '${name}'.`);
    const { image } = this.parsePackage(m[1]);
    const st = await this.imageState(image);
    const digest = st.tags.get(m[2]);
    if (!digest) throw notFound(`Requested entity was not found: tag '${name}'.`);
    const shared = [...st.tags].some(([t, d]) => t !== m[2] && d === digest);
    // The registry API cannot untag; deleting the manifest would take the other tags with it.
    const stones = this.tombstones.get(image) ?? new Map<string, string>();
    stones.set(m[2], digest);
    this.tombstones.set(image, stones);
    if (!shared) await this.registry.deleteManifest(image, digest);
  }

  /** ListVersions of a package, each with its related tags. */
  async listVersions(parent: string): Promise<Msg[]> {
    const { image } = this.parsePackage(parent);
    const st = await this.imageState(image);
    return [...st.digests].map(([digest, seen]) => ({
      name: `${parent}/versions/${digest}`,
      createTime: timestamp(seen),
      updateTime: timestamp(seen),
      relatedTags: [...st.tags]
        .filter(([, d]) => d === digest)
        .map(([t]) => ({ name: `${parent}/tags/${t}`, version: `${parent}/versions/${digest}` })),
    }));
  }

  /** DeleteVersion: refused while tags point at it unless `force`, as Artifact Registry does. */
  async deleteVersion(name: string, force: boolean): Promise<void> {
    const m = /^(.+)\/versions\/(sha256:[0-9a-f]+)$/.exec(name);
    if (!m) throw invalidArgument(`Invalid version name '${name}'.`);
    const { image } = this.parsePackage(m[1]);
    const st = await this.imageState(image);
    if (!st.digests.has(m[2])) throw notFound(`Requested entity was not found: version '${name}'.`);
    const tagged = [...st.tags.values()].includes(m[2]);
    if (tagged && !force) {
      throw failedPrecondition(`Version '${name}' has tags; delete the tags first or set force.`);
    }
    await this.registry.deleteManifest(image, m[2]);
    this.known.get(image)?.delete(m[2]);
    const stones = this.tombstones.get(image);
    for (const [t, d] of stones ?? []) if (d === m[2]) stones?.delete(t);
  }

  /** DeletePackage: deletes every version of the image. */
  async deletePackage(name: string): Promise<void> {
    const { image } = this.parsePackage(name);
    const st = await this.imageState(image);
    if (st.digests.size === 0) throw notFound(`Requested entity was not found: package '${name}'.`);
    for (const digest of st.digests.keys()) await this.registry.deleteManifest(image, digest);
    this.known.delete(image);
    this.tombstones.delete(image);
  }
}
