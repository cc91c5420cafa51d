import * as grpc from '@grpc/grpc-js';
import { ArtifactRegistryClient } from '@google-cloud/artifact-registry';

// Every Google client of the action is built from these options, so one variable points them all at the emulator.

/** Client options: the local emulator (insecure, no auth) when GCP_DEPLOY_EMULATOR_HOST is set, else Google's defaults. */
export function googleClientOptions(env: NodeJS.ProcessEnv = process.env): {
  apiEndpoint?: string;
  port?: number;
  sslCreds?: grpc.ChannelCredentials;
  universeDomain?: string;
} {
  const host = env.GCP_DEPLOY_EMULATOR_HOST;
  if (!host) return {};
  const m = /^([^:]+|\[[^\]]+\]):(\d{1,5})$/.exec(host);
  if (!m) throw new Error(`GCP_DEPLOY_EMULATOR_HOST must be host:port, got ${JSON.stringify(host)}`);
  // google-gax skips authentication when sslCreds is given; naming the universe spares a GCE metadata probe
  // (and its warning) on a machine that is not on Google Cloud.
  return {
    apiEndpoint: m[1],
    port: Number(m[2]),
    sslCreds: grpc.credentials.createInsecure(),
    universeDomain: 'googleapis.com',
  };
}

/** An Artifact Registry client for this environment. */
export function artifactRegistryClient(env: NodeJS.ProcessEnv = process.env): ArtifactRegistryClient {
  return new ArtifactRegistryClient(googleClientOptions(env));
}

/** The gRPC status code of an error from a Google client, if it carries one. */
export function grpcCode(err: unknown): number | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}
