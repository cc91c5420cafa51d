import type { ArtifactRegistryBackend } from './artifact-registry-service.js';
import type { Msg } from './cloud-run-state.js';
import { paginate, type UnaryHandler } from './grpc-server.js';
import { packAny, type OperationStore } from './lro.js';
import type { EmulatorProtos } from './proto-loading.js';
import { invalidArgument } from './rpc-error.js';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** `projects/P/locations/L` of any resource name below a location. */
function locationOf(name: string): string {
  const m = /^projects\/[^/]+\/locations\/[^/]+/.exec(name);
  if (!m) throw invalidArgument(`Invalid resource name '${name}'.`);
  return m[0];
}

/** google.devtools.artifactregistry.v1.ArtifactRegistry handlers backed by the local registry. */
export function artifactRegistryHandlers(
  ar: ArtifactRegistryBackend,
  ops: OperationStore,
  protos: EmulatorProtos,
): Record<string, UnaryHandler> {
  const metadata = packAny('google.devtools.artifactregistry.v1.OperationMetadata', Buffer.alloc(0));
  const empty = packAny('google.protobuf.Empty', Buffer.alloc(0));
  const list = <K extends string>(key: K, items: Msg[], req: Msg): Record<K | 'nextPageToken', unknown> => {
    const { page, next } = paginate(items, req.pageSize, req.pageToken);
    return { [key]: page, nextPageToken: next } as Record<K | 'nextPageToken', unknown>;
  };
  return {
    GetRepository: (req) => ar.getRepository(str(req.name)),
    ListRepositories: async (req) => list('repositories', await ar.listRepositories(str(req.parent)), req),
    CreateRepository: async (req) => {
      const parent = str(req.parent);
      const repo = await ar.createRepository(
        parent,
        str(req.repositoryId),
        (req.repository as Msg | undefined) ?? {},
      );
      const any = packAny('google.devtools.artifactregistry.v1.Repository', protos.encodeRepository(repo));
      return ops.createDone(locationOf(parent), any, metadata);
    },
    ListDockerImages: async (req) => list('dockerImages', await ar.listDockerImages(str(req.parent)), req),
    GetDockerImage: (req) => ar.getDockerImage(str(req.name)),
    ListPackages: async (req) => list('packages', await ar.listPackages(str(req.parent)), req),
    DeletePackage: async (req) => {
      await ar.deletePackage(str(req.name));
      return ops.createDone(locationOf(str(req.name)), empty, metadata);
    },
    ListTags: async (req) => list('tags', await ar.listTags(str(req.parent), str(req.filter)), req),
    DeleteTag: async (req) => {
      await ar.deleteTag(str(req.name));
      return {};
    },
    ListVersions: async (req) => list('versions', await ar.listVersions(str(req.parent)), req),
    DeleteVersion: async (req) => {
      await ar.deleteVersion(str(req.name), req.force === true);
      return ops.createDone(locationOf(str(req.name)), empty, metadata);
    },
  };
}
