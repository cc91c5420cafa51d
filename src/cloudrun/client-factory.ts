/**
 * Every Google client of the action is built from `clientOptions`, so one variable
 * (GCP_DEPLOY_EMULATOR_HOST) points Cloud Run, Artifact Registry and Secret Manager at the local emulator.
 */
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { ArtifactRegistryClient } from '@google-cloud/artifact-registry';
import { RevisionsClient, ServicesClient } from '@google-cloud/run';
import * as grpc from '@grpc/grpc-js';
import { GoogleAuth, type GoogleAuthOptions } from 'google-auth-library';

/** The constructor options shared by the Google clients (a type alias, so it fits their index signature). */
export type GoogleClientOptions = {
  apiEndpoint?: string;
  port?: number;
  sslCreds?: grpc.ChannelCredentials;
  universeDomain?: string;
  'grpc.ssl_target_name_override'?: string;
};

const CLOUD_PLATFORM = 'https://www.googleapis.com/auth/cloud-platform';

/**
 * Client options: `{}` (Application Default Credentials and Google's endpoints) unless
 * GCP_DEPLOY_EMULATOR_HOST=host:port names the emulator. Then the channel is what google-gax builds for
 * Google itself, TLS plus call credentials from Application Default Credentials, with two differences: TLS
 * trusts the emulator's CA (GCP_DEPLOY_EMULATOR_CA, a PEM file) and the endpoint is the emulator's. The same
 * credentials file therefore speaks for the same principal, and the emulator checks its permissions.
 * `auth` replaces Application Default Credentials (tests give each client its own principal).
 */
export function clientOptions(
  env: NodeJS.ProcessEnv = process.env,
  auth?: GoogleAuthOptions,
): GoogleClientOptions {
  const hostPort = env.GCP_DEPLOY_EMULATOR_HOST;
  if (hostPort === undefined || hostPort === '') return {};
  const m = /^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]):(\d{1,5})$/.exec(hostPort);
  const port = Number(m?.[2]);
  if (!m?.[1] || !(port >= 1 && port <= 65535)) {
    throw new Error(`GCP_DEPLOY_EMULATOR_HOST must be host:port, got ${JSON.stringify(hostPort)}`);
  }
  const caPath = env.GCP_DEPLOY_EMULATOR_CA;
  if (caPath === undefined || caPath === '') {
    throw new Error(
      'GCP_DEPLOY_EMULATOR_CA must name the emulator CA certificate (a PEM file) when GCP_DEPLOY_EMULATOR_HOST is set: the emulator serves TLS, as Google does. `gcp-deploy emulator` prints both.',
    );
  }
  let ca: Buffer;
  try {
    ca = readFileSync(caPath);
  } catch (err) {
    throw new Error(`GCP_DEPLOY_EMULATOR_CA: cannot read ${caPath} (${(err as Error).message})`, {
      cause: err,
    });
  }
  // What each generated client does to the GoogleAuth it makes: a key file signs its own JWT (no token
  // exchange), other credentials fetch access tokens. google-gax attaches no credentials when given
  // sslCreds, so they are combined here exactly as gax combines them for Google.
  const keyFile = env.GOOGLE_APPLICATION_CREDENTIALS;
  const googleAuth = new GoogleAuth({
    scopes: [CLOUD_PLATFORM],
    // The credentials of the environment given (process.env unless a caller passes another).
    ...(keyFile ? { keyFilename: keyFile } : {}),
    ...auth,
  });
  googleAuth.useJWTAccessWithScope = true;
  return {
    apiEndpoint: m[1],
    port,
    sslCreds: grpc.credentials.combineChannelCredentials(
      grpc.credentials.createSsl(ca),
      grpc.credentials.createFromGoogleCredential({
        // grpc-js reads a plain object of headers, not the Headers google-auth-library returns (as in gax).
        getRequestHeaders: async (url?: string) => {
          const headers = await googleAuth.getRequestHeaders(url);
          const plain: Record<string, string> = {};
          headers.forEach((value, key) => (plain[key] = value));
          return plain;
        },
      }),
    ),
    // Naming the universe spares the GCE metadata probe (and its warning) off Google Cloud.
    universeDomain: 'googleapis.com',
    // TLS names no server by IP (RFC 6066); the emulator's certificate names localhost as well as 127.0.0.1.
    ...(isIP(m[1].replace(/^\[|\]$/g, '')) !== 0 ? { 'grpc.ssl_target_name_override': 'localhost' } : {}),
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
