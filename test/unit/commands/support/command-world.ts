/**
 * The commands' orchestration driven without Docker, gRPC or sockets: the real Cloud Run port and client
 * over the emulator's state in memory (test/unit/support/cloud-run-in-memory.ts). What is not Cloud Run is
 * told by the table row: the image is prebuilt (pinned by digest), and a revision's health check passes
 * unless its env says HEALTHY=0. The one place that wires commands to their tools: adapt it when they change.
 */
import { parseConfig, type Config } from '../../../../src/config/config.js';
import { createCloudRunPort } from '../../../../src/cloudrun/run-port.js';
import { configHash, prTag, releaseRevisionName, revisionName } from '../../../../src/cloudrun/naming.js';
import { ALONE, runPreview, type PreviewPlan } from '../../../../src/commands/preview.js';
import { promoteSelector, runPromote } from '../../../../src/commands/promote.js';
import { runCleanup } from '../../../../src/commands/cleanup.js';
import { NO_REPORTS, type ServiceTools } from '../../../../src/commands/service-tools.js';
import { newReport } from '../../../../src/report/phases.js';
import type { Command, HealthOutcome, RunReport } from '../../../../src/report/run-report.js';
import { inMemoryCloudRun, type InMemoryCloudRun } from '../../support/cloud-run-in-memory.js';

export const PROJECT = 'orchestra-1';
export const REGION = 'europe-west1';
export const SERVICE = 'web';
export const IMAGE = `${REGION}-docker.pkg.dev/${PROJECT}/apps/web@sha256:${'a'.repeat(64)}`;

/** When a run is cancelled (SIGINT): while building (before any deploy) or while checking (after it). */
export type CancelAt = 'build' | 'checks';

export interface RunOptions {
  /** Inputs over the defaults (env_vars is where a row says HEALTHY=0). */
  inputs?: Record<string, string>;
  cancelAt?: CancelAt;
  /** With cancelAt 'checks': the health check (1 = the first) during which the run is cancelled. */
  cancelAtCheck?: number;
  /** The build fails (before anything is deployed). */
  buildFails?: boolean;
  /** The event opened the PR (PreviewPlan.prOpened): the run reads the region's services first. */
  opened?: boolean;
  /** The build inputs' digest the run computed (as an environment's member does): the reuse rule's identity. */
  inputsDigest?: string;
}

export interface CommandWorld {
  cloudRun: InMemoryCloudRun;
  /** Cloud Run calls made by the last run, by method (operation polls left out). */
  lastCalls: string[];
  /** Lines the last run logged (info, notices, warnings, errors). */
  log: string[];
  preview(pr: number, sha: string, opts?: RunOptions): Promise<RunReport>;
  candidate(sha: string, opts?: RunOptions): Promise<RunReport>;
  promote(from: string, opts?: RunOptions): Promise<RunReport>;
  cleanup(pr: number, opts?: RunOptions): Promise<RunReport>;
  /**
   * What a run killed outright (SIGKILL) after its deploy leaves: `tag` on a new revision nobody checked.
   * Returns that revision.
   */
  strand(tag: string, revision: string): Promise<string>;
  /** The service as Cloud Run holds it now. */
  service(): Promise<{
    tags: Record<string, string>;
    shares: Record<string, number>;
    annotations: Record<string, string>;
  }>;
}

const BASE = {
  project_id: PROJECT,
  region: REGION,
  service: SERVICE,
  image: IMAGE,
  health_path: '/healthz',
  comment: 'false',
};

const reader =
  (inputs: Record<string, string>) =>
  (name: string): string =>
    inputs[name] ?? '';

/** A fresh in-memory Cloud Run and the commands over it. */
export function commandWorld(): CommandWorld {
  const cloudRun = inMemoryCloudRun((launch) =>
    launch.env.START === '0'
      ? 'The user-provided container failed to start and listen on PORT=8080'
      : undefined,
  );
  const world: CommandWorld = {
    cloudRun,
    lastCalls: [],
    log: [],
    preview: (pr, sha, opts) => run('preview', { pr, sha }, opts),
    candidate: (sha, opts) => run('candidate', { sha }, opts),
    promote: (from, opts) => run('promote', { from }, opts),
    cleanup: (pr, opts) => run('cleanup', { pr }, opts),
    async strand(tag, revision) {
      const config = parseConfig(reader({ ...BASE, command: 'preview' }), { readFiles: false });
      const port = createCloudRunPort(
        config,
        () => undefined,
        () => undefined,
        cloudRun.clients(),
      );
      const d = await port.deployTagged(
        { name: () => revision, image: IMAGE, runEnv: { STRANDED: '1' }, runLabels: {} },
        tag,
      );
      return d.revision;
    },
    // A promise, so that a table can await a service that no longer exists as a rejection.
    service: () =>
      new Promise((resolve) => {
        const svc = cloudRun.state.getService(
          `projects/${PROJECT}/locations/${REGION}/services/${SERVICE}`,
        ) as {
          traffic?: { revision?: string; tag?: string; percent?: number; type?: string }[];
          annotations?: Record<string, string>;
          latestReadyRevision?: string;
        };
        const tags: Record<string, string> = {};
        const shares: Record<string, number> = {};
        for (const t of svc.traffic ?? []) {
          const rev = t.type === 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST' ? 'LATEST' : (t.revision ?? '');
          if (t.tag) tags[t.tag] = rev;
          if ((t.percent ?? 0) > 0) shares[rev] = (shares[rev] ?? 0) + (t.percent ?? 0);
        }
        resolve({ tags, shares, annotations: { ...(svc.annotations ?? {}) } });
      }),
  };

  async function run(
    command: Command,
    target: { pr?: number; sha?: string; from?: string },
    opts: RunOptions = {},
  ): Promise<RunReport> {
    const config: Config = parseConfig(
      reader({
        ...BASE,
        command,
        ...(target.from !== undefined ? { promote_from: target.from } : {}),
        ...opts.inputs,
      }),
      { readFiles: false },
    );
    const abort = new AbortController();
    world.log = [];
    const log = (line: string): void => void world.log.push(line);
    const before = cloudRun.calls.length;
    const tagFor = (pr: number): string =>
      prTag({ template: config.tagTemplate, prNumber: pr, branch: undefined, service: SERVICE });
    let checks = 0;
    const stopHere = (at: CancelAt): void => {
      if (at === 'checks' && ++checks !== (opts.cancelAtCheck ?? 1)) return;
      if (opts.cancelAt === at) abort.abort(new Error('cancelled by the table'));
    };
    const ports: ServiceTools = {
      cloudRun: createCloudRunPort(config, log, log, cloudRun.clients()),
      images: {
        buildAndPush: () => {
          stopHere('build');
          if (opts.buildFails === true) return Promise.reject(new Error('docker build failed: exit code 1'));
          return Promise.resolve({ imageRef: IMAGE, digest: IMAGE.split('@')[1] ?? '', tags: [] });
        },
        imageForDigest: (digest) => `${IMAGE.split('@')[0]}@${digest}`,
        deleteTags: () => Promise.resolve({ deleted: [], kept: [] }),
      },
      checks: {
        health: (url): Promise<HealthOutcome> => {
          stopHere('checks');
          const ok = healthy(cloudRun, url);
          return Promise.resolve({
            url,
            ok,
            attempts: 1,
            timeToHealthyMs: ok ? 1 : null,
            lastStatus: ok ? 200 : 500,
          });
        },
        smoke: () => Promise.resolve(undefined),
        compare: () => Promise.reject(new Error('no comparison in these tables')),
      },
      github: NO_REPORTS,
      cancel: abort.signal,
      log: { info: log, warning: log, notice: log, error: log },
    };
    const sha = (target.sha ?? '0'.repeat(40)).toLowerCase();
    const tag =
      command === 'candidate'
        ? config.promote.candidateTag
        : target.pr === undefined
          ? undefined
          : tagFor(target.pr);
    const report = newReport({
      command,
      service: SERVICE,
      project: PROJECT,
      region: REGION,
      tag,
      prNumber: target.pr,
      commitSha: sha,
    });
    let done: RunReport;
    switch (command) {
      case 'preview':
      case 'candidate': {
        const plan: PreviewPlan = {
          config,
          prNumber: target.pr,
          commitSha: sha,
          tag: tag as string,
          revisionName: (template) =>
            target.pr === undefined
              ? releaseRevisionName(SERVICE, template)
              : revisionName({
                  service: SERVICE,
                  prNumber: target.pr,
                  sha,
                  configHash: configHash(template, 64),
                }),
          ...(opts.opened === true ? { prOpened: true } : {}),
          ...(opts.inputsDigest !== undefined
            ? { member: { ...ALONE, inputsDigest: opts.inputsDigest } }
            : {}),
        };
        done = await runPreview(plan, report, ports);
        break;
      }
      case 'promote':
        done = await runPromote(config, promoteSelector(config.promote.from, sha), report, ports);
        break;
      case 'cleanup':
        done = await runCleanup(config, [target.pr as number], tagFor, report, ports);
        break;
      default:
        throw new Error(`no ${command} in these tables`);
    }
    world.lastCalls = cloudRun.calls
      .slice(before)
      .flatMap((c) => (c.method === 'GetOperation' ? [] : [c.method]));
    return done;
  }
  return world;
}

/** A revision answers its health check unless its env says HEALTHY=0. */
function healthy(cloudRun: InMemoryCloudRun, url: string): boolean {
  const revision = cloudRun.revisionBehind(url);
  if (revision === undefined) return false;
  const rev = cloudRun.state.getRevision(revision) as {
    containers?: { env?: { name?: string; value?: string }[] }[];
  };
  return !(rev.containers ?? []).some((c) =>
    (c.env ?? []).some((e) => e.name === 'HEALTHY' && e.value === '0'),
  );
}
