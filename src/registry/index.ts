export { artifactRegistryHost, imageName } from './naming.js';
export { ensureRepository } from './repository.js';
export { imageReadAuth } from './image-read-auth.js';
export { adcAccessToken, withDockerLogin, type DockerLoginDeps } from './docker-login.js';
export { deleteImageTags, planTagPrune, type PrunePlan } from './prune.js';
export {
  resolvePlatformDigest,
  resolveTagDigest,
  registryAuthFromEnv,
  type RegistryAuth,
  type ResolvedImage,
} from './manifest-resolve.js';
