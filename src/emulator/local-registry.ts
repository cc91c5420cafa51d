import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegistryFront } from './registry-front.js';

/**
 * A Debian `docker-registry` on 127.0.0.1 behind Artifact Registry's Docker endpoint (RegistryFront): the
 * front authorizes every request once an emulator installs its gate, and forwards it to the registry.
 */
export interface LocalRegistry {
  /** `127.0.0.1:PORT` of the front, the image host clients push to and pull from. */
  host: string;
  /**
   * `http://127.0.0.1:PORT` of the registry behind the front: the storage, read and written directly by the
   * emulator's Artifact Registry API and by tests inspecting it (as Google's own services reach their storage).
   */
  url: string;
  /** The front; startEmulator installs its gate here. */
  front: RegistryFront;
  stop(): Promise<void>;
}

/** Asks the kernel for a free loopback port. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Starts `docker-registry serve` with deletes enabled on a free port and waits until `/v2/` answers. */
export async function startLocalRegistry(
  opts: { binary?: string; storageDir?: string } = {},
): Promise<LocalRegistry> {
  const binary = opts.binary ?? process.env.GCP_DEPLOY_REGISTRY_BIN ?? 'docker-registry';
  const port = await freePort();
  const work = mkdtempSync(join(tmpdir(), 'gcpd-registry-'));
  const storage = opts.storageDir ?? join(work, 'data');
  const configPath = join(work, 'config.yml');
  writeFileSync(
    configPath,
    [
      'version: 0.1',
      'log:',
      '  level: error',
      'storage:',
      '  filesystem:',
      `    rootdirectory: ${storage}`,
      '  delete:',
      '    enabled: true',
      'http:',
      `  addr: 127.0.0.1:${port}`,
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(binary, ['serve', configPath], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const spawnError = new Promise<never>((_, reject) =>
    child.once('error', (err) =>
      reject(new Error(`cannot start ${binary}: ${err.message} (install Debian's docker-registry package)`)),
    ),
  );
  const url = `http://127.0.0.1:${port}`;
  const front = new RegistryFront({ host: `127.0.0.1:${port}`, port });
  const stop = async (): Promise<void> => {
    await front.close();
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    rmSync(work, { recursive: true, force: true });
  };
  const ready = (async (): Promise<void> => {
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null)
        throw new Error(`${binary} exited with ${child.exitCode}: ${stderr.trim()}`);
      try {
        const res = await fetch(`${url}/v2/`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`${binary} did not answer on ${url} within 15 s: ${stderr.trim()}`);
  })();
  try {
    await Promise.race([ready, spawnError]);
  } catch (err) {
    await stop();
    throw err;
  }
  const host = await front.listen();
  return { host, url, front, stop };
}
