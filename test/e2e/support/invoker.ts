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
  /** GOOGLE_APPLICATION_CREDENTIALS plus the emulator's identity proxy and CA. */
  env: Record<string, string>;
  /** fetch with this account's ID token for the URL's origin. */
  fetch(url: string): Promise<Response>;
  remove(): void;
}

/** A caller `name@PROJECT.iam.gserviceaccount.com`, holding `projectRole` on the project when given. */
export function serviceAccountCaller(
  emulator: Emulator,
  project: string,
  name: string,
  projectRole?: string,
): Caller {
  const email = `${name}@${project}.iam.gserviceaccount.com`;
  const dir = mkdtempSync(join(tmpdir(), 'gcpd-sa-'));
  const keyPath = join(dir, 'key.json');
  writeFileSync(keyPath, JSON.stringify(emulator.identity.createServiceAccountKey(email)), { mode: 0o600 });
  if (projectRole !== undefined) emulator.iam.grantProject(project, projectRole, `serviceAccount:${email}`);
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
