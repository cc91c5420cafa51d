/**
 * Every Google client of the action is built from `clientOptions`, so one variable
 * (GCP_DEPLOY_EMULATOR_HOST) points Cloud Run and Artifact Registry at the local emulator.
 */
import { ArtifactRegistryClient } from '@google-cloud/artifact-registry';
import { RevisionsClient, ServicesClient } from '@google-cloud/run';
import * as grpc from '@grpc/grpc-js';

/** The constructor options shared by the Google clients (a type alias, so it fits their index signature). */
export type GoogleClientOptions = {
  apiEndpoint?: string;
  port?: number;
  sslCreds?: grpc.ChannelCredentials;
  universeDomain?: string;
};

/**
 * Client options: the local emulator (insecure channel, no auth) when GCP_DEPLOY_EMULATOR_HOST=host:port is
 * set, else `{}` (Application Default Credentials and run.googleapis.com).
 */
export function clientOptions(env: NodeJS.ProcessEnv = process.env): GoogleClientOptions {
  const hostPort = env.GCP_DEPLOY_EMULATOR_HOST;
  if (hostPort === undefined || hostPort === '') return {};
  const m = /^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]):(\d{1,5})$/.exec(hostPort);
  const port = Number(m?.[2]);
  if (!m?.[1] || !(port >= 1 && port <= 65535)) {
    throw new Error(`GCP_DEPLOY_EMULATOR_HOST must be host:port, got ${JSON.stringify(hostPort)}`);
  }
  // google-gax skips authentication when sslCreds is given; naming the universe spares the GCE metadata
  // probe (and its warning) on a machine that is not on Google Cloud.
  return {
    apiEndpoint: m[1],
    port,
    sslCreds: grpc.credentials.createInsecure(),
    universeDomain: 'googleapis.com',
  };
}

/** The two Cloud Run v2 clients the adapter needs. */
export interface CloudRunClients {
  services: ServicesClient;
  revisions: RevisionsClient;
  close(): Promise<void>;
}

/** Cloud Run clients for this environment. */
export function cloudRunClients(env: NodeJS.ProcessEnv = process.env): CloudRunClients {
  const options = clientOptions(env);
  const services = new ServicesClient(options);
  const revisions = new RevisionsClient(options);
  return {
    services,
    revisions,
    close: async (): Promise<void> => {
      await Promise.all([services.close(), revisions.close()]);
    },
  };
}

/** An Artifact Registry client for this environment. */
export function artifactRegistryClient(env: NodeJS.ProcessEnv = process.env): ArtifactRegistryClient {
  return new ArtifactRegistryClient(clientOptions(env));
}
