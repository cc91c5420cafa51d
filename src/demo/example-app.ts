/**
 * The demo's example app, in the two forms the emulator's runtimes take: a FROM-scratch build context for
 * Docker (busybox httpd), or a Node command line for the process runtime (server.mjs, Node alone).
 */
import { accessSync, constants, copyFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The example app's sources: Dockerfile, site/ and server.mjs. */
export const EXAMPLE_APP_DIR = fileURLToPath(new URL('./example-app/', import.meta.url));

/** The example's Node server: `node server.mjs [SITE_DIR]` serves a directory on $PORT. */
export const EXAMPLE_SERVER = join(EXAMPLE_APP_DIR, 'server.mjs');

/** A throw-away build context. */
export interface BuildContext {
  dir: string;
  remove(): void;
}

/** Where a static busybox is looked for, unless GCP_DEPLOY_BUSYBOX names one. */
export function busyboxPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const path = env.GCP_DEPLOY_BUSYBOX ?? '/bin/busybox';
  try {
    accessSync(path, constants.X_OK);
    return path;
  } catch {
    return undefined;
  }
}

/**
 * Copies an app (the example app by default) to a temp dir with a static busybox beside its Dockerfile,
 * which `COPY`s it: no base image can be pulled everywhere, and a binary does not belong in the repository.
 */
export function busyboxBuildContext(busybox: string, source: string = EXAMPLE_APP_DIR): BuildContext {
  const dir = mkdtempSync(join(tmpdir(), 'gcpd-app-'));
  cpSync(source, dir, { recursive: true });
  copyFileSync(busybox, join(dir, 'busybox'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The process runtime's command line for the example app: this Node running server.mjs. */
export function exampleProcessCommand(node: string = process.execPath): { command: string; args: string[] } {
  return { command: node, args: [EXAMPLE_SERVER] };
}
