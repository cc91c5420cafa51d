/**
 * bench:preview: the action's own time from start to preview URL with the build excluded (a prebuilt image
 * pinned by digest), and the number of Cloud Run API calls it made, for a first deploy of a PR and a
 * second commit on it, against the emulator with the Docker runtime (process runtime without Docker).
 */
import { execFileSync } from 'node:child_process';
import { startEmulator } from '../../src/emulator/index.js';
import { startLocalRegistry } from '../../src/emulator/local-registry.js';
import { prepareFixture } from '../fixtures/prepare-fixture.js';
import { pullRequestEvent, runAction } from '../e2e/support/action-runner.js';

const docker = (() => {
  try {
    execFileSync('docker', ['info'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const registry = docker ? await startLocalRegistry() : undefined;
const emulator = await startEmulator({ runtime: docker ? 'docker' : 'process', registry });
const app = prepareFixture('example-app');
try {
  let image = `local/app@sha256:${'0'.repeat(64)}`;
  if (registry) {
    const ref = `${registry.host}/bench/previews/app:seed`;
    execFileSync('docker', ['build', '-q', '-t', ref, app.dir], { stdio: 'pipe' });
    execFileSync('docker', ['push', '-q', ref], { stdio: 'pipe' });
    image = execFileSync('docker', ['inspect', '--format', '{{index .RepoDigests 0}}', ref], {
      encoding: 'utf8',
    }).trim();
  }
  const inputs = {
    command: 'preview',
    project_id: 'bench-project',
    service: 'bench',
    image,
    health_path: '/healthz',
    comment: 'false',
    ...(docker
      ? {}
      : {
          container_command: '/bin/busybox',
          container_args: `sh\n-c\nexec /bin/busybox httpd -f -p "$PORT" -h ${app.dir}/site`,
        }),
  };
  const rows: string[] = [];
  const sha = (n: number): string => String(n).repeat(40).slice(0, 40);
  // A production service first, so the measured runs are previews beside it, as on a real project.
  for (const [label, pr, n, env] of [
    ['create service (PR 1)', 1, 1, 'A=1'],
    ['first deploy of PR 2', 2, 2, 'A=2'],
    ['second commit on PR 2', 2, 3, 'A=3'],
    ['re-run of the same commit', 2, 3, 'A=3'],
  ] as const) {
    emulator.recorder.clear();
    const run = await runAction({
      inputs: { ...inputs, env_vars: env },
      eventName: 'pull_request',
      event: pullRequestEvent({ number: pr, sha: sha(n) }),
      env: { GCP_DEPLOY_EMULATOR_HOST: emulator.endpoint },
    });
    if (run.outputs.result !== 'success') throw new Error(`${label}: ${run.stdout}`);
    const runCalls = emulator.recorder.calls.filter((c) => c.service.includes('run')).length;
    rows.push(
      `${label.padEnd(28)} ${String(run.durationMs).padStart(6)} ms to URL   ${String(runCalls).padStart(3)} Cloud Run API calls`,
    );
  }
  console.log(`runtime: ${emulator.runtimeName}; build excluded (prebuilt image by digest)`);
  for (const r of rows) console.log(r);
} finally {
  app.remove();
  await emulator.stop();
  await registry?.stop();
}
