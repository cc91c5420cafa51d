/** Kept for existing importers: the options and clients now live in client-factory.ts. */
import { errorCode } from './retry.js';

export { artifactRegistryClient, clientOptions as googleClientOptions } from './client-factory.js';

/** The gRPC status code of an error from a Google client, if it carries one. */
export function grpcCode(err: unknown): number | undefined {
  const code = errorCode(err);
  return code !== undefined && code < 100 ? code : undefined;
}
