/**
 * A service account of the emulator's making, with a key file on disk, for calling private services: the
 * action fetches its ID tokens through google-auth-library (env()), the tests sign theirs directly.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { audienceFor } from '../../../src/checks/id-token.js';
import type { Emulator } from '../../../src/emulator/index.js';

export interface Caller {
  email: string;
  keyPath: string;
  /**
   * GOOGLE_APPLICATION_CREDENTIALS plus the emulator's identity proxy and CA (GCP_DEPLOY_EMULATOR_HOST is the
   * caller's to add, see emulatorEnv).
   */
  env: Record<string, string>;
  /** fetch with this account's ID token for the URL's origin. */
  fetch(url: string): Promise<Response>;
  remove(): void;
}

/**
 * What the action's deployer holds on the project in most tests: deploy (roles/run.developer), act as any
 * runtime identity of the project (roles/iam.serviceAccountUser, so the default compute account's too), and
 * create the image repository and push (roles/artifactregistry.admin). test/e2e/roles.test.ts holds the
 * README's narrower per-command sets.
 */
export const DEPLOYER_ROLES = [
  'roles/run.developer',
  'roles/iam.serviceAccountUser',
  'roles/artifactregistry.admin',
] as const;

/** A caller `name@PROJECT.iam.gserviceaccount.com`, holding `projectRoles` on the project when given. */
export function serviceAccountCaller(
  emulator: Emulator,
  project: string,
  name: string,
  projectRoles?: string | readonly string[],
): Caller {
  const email = `${name}@${project}.iam.gserviceaccount.com`;
  const dir = mkdtempSync(join(tmpdir(), 'gcpd-sa-'));
  const keyPath = join(dir, 'key.json');
  writeFileSync(keyPath, JSON.stringify(emulator.identity.createServiceAccountKey(email)), { mode: 0o600 });
  const roles =
    projectRoles === undefined ? [] : typeof projectRoles === 'string' ? [projectRoles] : projectRoles;
  for (const role of roles) emulator.iam.grantProject(project, role, `serviceAccount:${email}`);
  return {
    email,
    keyPath,
    env: { ...emulator.identity.env(), GOOGLE_APPLICATION_CREDENTIALS: keyPath },
    fetch: (url) =>
      fetch(url, {
        headers: { authorization: `Bearer ${emulator.identity.idToken(email, audienceFor(url))}` },
      }),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
