/**
 * bench:preview: the action's own time from start to preview URL with the build excluded (a prebuilt image
 * pinned by digest), and the Cloud Run API calls it made (operation polls counted apart), for a first
 * preview beside production, a second commit on it, and a re-run of a commit that already passed, against
 * the emulator with the Docker runtime (process runtime without Docker). Services are private, so the
 * action runs as a deployer holding DEPLOYER_ROLES with a key the emulator made, and checks its
 * previews with ID tokens. Each scenario runs BENCH_ROUNDS times (default 5, each on a new PR) and prints
 * the median and range, the calls per method, the machine's load, and whether issue 29's targets are met
 * (it reports, it does not fail: times depend on the machine).
 */
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { startEmulator } from '../../src/emulator/index.js';
import { startLocalRegistry } from '../../src/emulator/local-registry.js';
import { prepareFixture } from '../fixtures/prepare-fixture.js';
import { pullRequestEvent, runAction } from '../e2e/support/action-runner.js';
import { pushImage } from '../e2e/support/images.js';
import { DEPLOYER_ROLES, serviceAccountCaller } from '../e2e/support/invoker.js';

const PROJECT = 'bench-project';
const loadAtStart = loadavg()
  .map((l) => l.toFixed(1))
  .join(' / ');
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5));
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
const deployer = serviceAccountCaller(emulator, PROJECT, 'deployer', DEPLOYER_ROLES);
const app = prepareFixture('example-app');

/** What one scenario measured over its rounds. */
interface Scenario {
  label: string;
  ms: number[];
  calls: number[];
  polls: number[];
  /** Method -> count, from the last round (the same every round unless a retry happened). */
  methods: Map<string, number>;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const spread = (xs: number[]): string =>
  xs.length > 1 ? `${median(xs)} (${Math.min(...xs)}–${Math.max(...xs)})` : String(xs[0] ?? '?');

try {
  let image = `local/app@sha256:${'0'.repeat(64)}`;
  if (registry) {
    image = await pushImage(app.dir, `${registry.host}/${PROJECT}/previews/app:seed`, emulator);
  }
  const inputs = {
    command: 'preview',
    project_id: PROJECT,
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
  let commit = 0;
  const sha = (): string => (++commit).toString(16).padStart(2, '0').repeat(20).slice(0, 40);
  // A PR's first preview comes from its `opened` event, the later ones from `synchronize`.
  const measure = async (
    scenario: Scenario,
    pr: number,
    commitSha: string,
    env: string,
    action: 'opened' | 'synchronize' = 'synchronize',
  ): Promise<void> => {
    emulator.recorder.clear();
    const run = await runAction({
      inputs: { ...inputs, env_vars: env },
      eventName: 'pull_request',
      event: pullRequestEvent({ number: pr, sha: commitSha, action }),
      env: { GCP_DEPLOY_EMULATOR_HOST: emulator.endpoint, ...deployer.env },
    });
    if (run.outputs.result !== 'success') throw new Error(`${scenario.label}: ${run.stdout}\n${run.stderr}`);
    const runCalls = emulator.recorder.calls.filter((c) => c.service.startsWith('google.cloud.run.'));
    const polls = emulator.recorder.calls.filter((c) => c.service === 'google.longrunning.Operations');
    scenario.ms.push(run.durationMs);
    scenario.calls.push(runCalls.length);
    scenario.polls.push(polls.length);
    scenario.methods = new Map();
    for (const c of runCalls) scenario.methods.set(c.method, (scenario.methods.get(c.method) ?? 0) + 1);
  };
  const scenario = (label: string): Scenario => ({ label, ms: [], calls: [], polls: [], methods: new Map() });
  const first = scenario('first preview beside production');
  const second = scenario('second commit on the PR');
  const rerun = scenario('re-run of a passed commit');
  // Production first (the run that creates the service), so every measured run is a preview beside it.
  await measure(scenario('create service'), 1, sha(), 'A=0');
  for (let round = 0; round < ROUNDS; round++) {
    const pr = 10 + round;
    await measure(first, pr, sha(), `A=${pr}`, 'opened');
    const again = sha();
    await measure(second, pr, again, `A=${pr}b`);
    await measure(rerun, pr, again, `A=${pr}b`);
  }
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');
  console.log(
    `runtime: ${emulator.runtimeName}; build excluded (prebuilt image by digest); private service, ID-token checks; ` +
      `median (min–max) of ${ROUNDS} rounds; load average (1/5/15 min) ${loadAtStart} at start, ${load} at end`,
  );
  for (const s of [first, second, rerun]) {
    const methods = [...s.methods].map(([m, n]) => `${m} ${n}`).join(', ');
    console.log(
      `${s.label.padEnd(32)} ${spread(s.ms).padStart(18)} ms to URL   ` +
        `${spread(s.calls)} Cloud Run calls + ${spread(s.polls)} operation polls   [${methods}]`,
    );
  }
  // Issue 29's targets, judged on the medians: calls besides operation polls, and the time to the URL.
  const targets: [string, number, number, string][] = [
    ['first preview beside production: Cloud Run calls', median(first.calls), 5, ''],
    ['re-run of a passed commit: Cloud Run calls', median(rerun.calls), 2, ''],
    ['first preview: time to the URL', median(first.ms), 1000, ' ms'],
  ];
  for (const [what, got, limit, unit] of targets) {
    console.log(`${got <= limit ? 'MET    ' : 'NOT MET'}  ${what}: ${got}${unit} (target ≤ ${limit}${unit})`);
  }
} finally {
  app.remove();
  deployer.remove();
  await emulator.stop();
  await registry?.stop();
}
