/**
 * The runner of every command, over an environment: of several services (the `services` input), built in
 * parallel, each deploy as soon as what it needs is ready (their tag URLs reach it as `<NAME>_URL`), all or
 * nothing; or of one (the `service` input), whose hooks are trivially met. Every service runs the
 * single-service command itself (runPreview, runCleanup, runPromote); this module only starts the run,
 * checks the services, schedules them, hands URLs along and undoes the others when one fails.
 */
import * as core from '@actions/core';
import { type Config } from '../config/config.js';
import { UserError, errorMessage } from '../config/user-error.js';
import type { EventContext } from '../github/index.js';
import { buildInputsDigest } from '../build/build-inputs.js';
import type { ServiceState } from '../cloudrun/run-port.js';
import { urlEnvName } from '../environment/environment-file.js';
import { explainRefusedCalls } from '../checks/service-calls.js';
import type { LoadedEnvironment } from '../environment/load-environment.js';
import type { EnvironmentMember, EnvironmentReport, ServiceStage } from '../report/environment-report.js';
import { newReport, setPhaseGroups } from '../report/phases.js';
import type { Command, RunReport } from '../report/run-report.js';
import { serviceTools } from './service-tools.js';
import { pullRequestsToClean, runCleanup } from './cleanup.js';
import { enforcePreviewCap } from './preview-cap.js';
import { startRun, type RunStart } from './run-start.js';
import {
  NeedFailed,
  deleteUnusedPreviewService,
  lastGoodRevision,
  recordPass,
  rollBackTag,
  runPreview,
  type PreviewPlan,
} from './preview.js';
import { promoteSelector, runPromote, runRollback } from './promote.js';
import { NO_REPORTS, type Reporter, type ServiceTools } from './service-tools.js';
import { settleEnvironment, settleOn } from './outcome.js';
import { annotate, doctorBlocks, examineBeforeBuild, logIgnored } from './doctor-step.js';
import { applyIgnores, compareBases } from '../build/doctor/index.js';
import { checkDataReachable, checkSharedDatabases } from './preview-data.js';

/** A promise with its settle functions, for a URL that a dependent awaits. */
function deferred<T>(): {
  promise: Promise<T>;
  resolve(v: T): void;
  reject(e: Error): void;
  settled(): boolean;
} {
  let done = false;
  let resolve!: (v: T) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = (v) => {
      done = true;
      res(v);
    };
    reject = (e) => {
      done = true;
      rej(e);
    };
  });
  // Nobody may be waiting (no dependents): a rejection must not end the process.
  promise.catch(() => undefined);
  return { promise, resolve, reject, settled: () => done };
}

interface Running {
  member: EnvironmentMember;
  config: Config;
  ports: ServiceTools;
  tag: string | undefined;
}

/**
 * Runs `command` over the environment and returns its report; the caller writes outputs and the summary.
 * An environment's progress calls are batched by the reporter itself, so stage changes may call it freely;
 * one service reports its own progress as its command goes (the reporter writes each at once).
 */
export async function runEnvironmentCommand(
  command: Command,
  env: LoadedEnvironment,
  event: EventContext,
  reporter: Reporter<EnvironmentReport>,
  cancel: AbortSignal,
): Promise<EnvironmentReport> {
  const first = env.members[0]?.config;
  if (first === undefined) throw new UserError(`Input 'services' (${env.source}): no services.`, 'services');
  const builds = command === 'preview' || command === 'candidate';
  // Members share one checkout: the commit built is its HEAD, as for a single service.
  const start = startRun(command, first, event);
  const { ctx, prNumber, skip } = start;
  const report: EnvironmentReport = {
    name: env.name,
    ...(env.single === true ? { single: true } : {}),
    command,
    state: builds ? 'building' : 'deploying',
    prNumber,
    commitSha: ctx.headSha,
    runUrl: ctx.runUrl,
    members: [],
    notes: [],
    startedAt: new Date().toISOString(),
  };
  // Every member's naming and build context is checked before anything is built or changed.
  const running: Running[] = env.members.map((m) => {
    const tag = start.tagOf(m.config);
    if (skip === null) start.checkService(m.config);
    const memberReport = start.reportOf(m.config, tag);
    const member: EnvironmentMember = { name: m.name, needs: m.needs, stage: 'queued', report: memberReport };
    report.members.push(member);
    const config = start.configOf(m.config);
    // One service reports through its own command; an environment's members report as a whole.
    const own: Reporter = { ...NO_REPORTS, progress: () => reporter.progress(report) };
    return {
      member,
      config,
      ports: serviceTools(config, ctx, env.single === true ? own : NO_REPORTS, memberReport, cancel),
      tag,
    };
  });
  report.tag = running[0]?.tag;
  const alone = env.single === true ? running[0] : undefined;
  // Why the preview went (the opt-in gate, issue 28): one service's report says it, an environment's notes.
  if (ctx.removedWhy !== undefined && alone !== undefined) alone.member.report.removedWhy = ctx.removedWhy;

  if (skip !== null) {
    core.notice(skip);
    Object.assign(report, settleEnvironment(command, [], { cancelled: false, failed: false, skipped: true }));
    report.notes.push(skip);
    for (const r of running) setSkipped(r.member, skip);
    return report;
  }
  // Per-PR data: database_from names a member it needs; the servers answer before anything is built.
  if (alone === undefined) checkSharedDatabases(env.members);
  if (command === 'preview') for (const r of running) await checkDataReachable(r.config);

  // One service's dockerfile_checks stop it in its own preview (runPreview), after its first report.
  if (builds && examineMembers(running, alone === undefined) && alone === undefined) {
    stopBeforeBuilding(running, report);
    return report;
  }
  if (alone !== undefined) {
    await runAlone(start, alone, report);
    return report;
  }

  // Parallel services would interleave their log groups; their lines carry the service's name instead.
  setPhaseGroups(false);
  try {
    switch (command) {
      case 'preview':
      case 'candidate':
        await previewAll(start, running, report, reporter, cancel);
        break;
      case 'cleanup':
        await cleanupAll(start, running, report, reporter);
        break;
      case 'promote':
      case 'rollback':
        await promoteAll(start, running, report, reporter);
        break;
    }
  } finally {
    setPhaseGroups(true);
  }
  const calls = running.map((r) => `${r.member.name} ${r.ports.cloudRun.callCount()}`).join(', ');
  core.info(`API calls to Cloud Run per service: ${calls}`);
  return report;
}

/**
 * The Dockerfile doctor over every member before anything is built: each one's own findings, then the
 * bases compared across the environment (one version of a base image for all), annotated once each.
 */
function examineMembers(running: Running[], named: boolean): boolean {
  const examined = running.map((r) => ({ r, e: examineBeforeBuild(r.config, r.member.report) }));
  const mismatches = compareBases(
    examined.map(({ r, e }) => ({ name: r.member.name, ...(e?.base === undefined ? {} : { base: e.base }) })),
  );
  for (const { r, e } of examined) {
    const doctor = r.member.report.doctor;
    if (doctor === undefined) continue;
    const found = mismatches.get(r.member.name) ?? [];
    const split = applyIgnores(found, e?.parsed, r.config.doctor.ignore);
    doctor.findings.push(...split.findings);
    doctor.ignored.push(...split.ignored);
    annotate(doctor.findings, r.config.doctor.mode, named ? r.member.name : undefined);
    logIgnored(r.member.report);
  }
  return running.some((r) => doctorBlocks(r.member.report) !== undefined);
}

/** dockerfile_checks: error with findings: no member is built, those with findings fail, the others wait. */
function stopBeforeBuilding(running: Running[], report: EnvironmentReport): void {
  let first: EnvironmentMember | undefined;
  for (const r of running) {
    const m = r.member;
    const reason = doctorBlocks(m.report);
    if (reason === undefined) continue;
    m.report.phases.push({ phase: 'build', durationMs: 0, ok: false, detail: 'dockerfile_checks' });
    m.stage = settleOn(m.report, { kind: 'stopped', command: m.report.command, cancelled: false }).stage;
    m.report.failureReason = reason;
    first ??= m;
  }
  for (const r of running) {
    if (r.member.stage === 'queued')
      setSkipped(r.member, `Not built: ${first?.name ?? 'a service'} failed the Dockerfile checks.`);
  }
  Object.assign(
    report,
    settleEnvironment(
      report.command,
      report.members.map((m) => m.report),
      { cancelled: false, failed: true },
    ),
  );
  report.failureReason = `${first?.name ?? 'a service'}: ${first?.report.failureReason ?? 'the Dockerfile checks failed'}`;
}

/**
 * A failed member that calls private services it needs may lack the invoker role on them: its failure then
 * names its identity, the role and the service (see checks/service-calls.ts).
 */
async function explainFailedCalls(
  command: 'preview' | 'candidate',
  failed: EnvironmentMember,
  running: Running[],
): Promise<void> {
  const self = running.find((r) => r.member === failed);
  if (self === undefined || failed.needs.length === 0 || failed.report.revision === undefined) return;
  const revision = failed.report.revision;
  const lines = await explainRefusedCalls({
    caller: failed.name,
    identity: async () => {
      const rev = await self.ports.cloudRun.getRevision(revision);
      if (rev !== null) return rev.template.serviceAccount ?? undefined;
      // Deleted with the service its failed first preview created: nothing was inherited, the inputs tell.
      const { deploy, preview } = self.config;
      return (
        (command === 'preview' ? preview.serviceAccount : undefined) ??
        deploy.serviceAccount ??
        deploy.templateFile?.serviceAccount ??
        undefined
      );
    },
    callees: running
      .filter((r) => failed.needs.includes(r.member.name))
      .map((r) => ({ name: r.config.service, access: () => r.ports.cloudRun.access() })),
    project: self.config.projectId,
    region: self.config.region,
  });
  for (const line of lines) core.error(line);
  failed.report.notes.push(...lines);
  if (lines.length > 0)
    failed.report.failureReason = `${failed.report.failureReason ?? 'failed'}. ${lines.join(' ')}`;
}

/**
 * The run of one service: its command, as an environment of one member would schedule it with every hook
 * met at once; its errors end the run as they come (nothing else is left to undo).
 */
async function runAlone(start: RunStart, r: Running, report: EnvironmentReport): Promise<void> {
  const { config, ports, member } = r;
  member.report = await runOne(start, r);
  if (start.command === 'preview') await enforcePreviewCap(config, start.ctx, member.report, ports); // max_previews
  core.info(`API calls to Cloud Run: ${ports.cloudRun.callCount()}`);
  const { state, result, failureReason } = member.report;
  Object.assign(report, { state, result, failureReason });
}

/**
 * One service's command, alone or as a member: a member's preview plan carries its hooks, a member's
 * promotion the production URLs of what it needs.
 */
async function runOne(
  start: RunStart,
  r: Running,
  given: { plan?: PreviewPlan; runEnv?: Record<string, string> } = {},
): Promise<RunReport> {
  const { config, ports, member } = r;
  const { ctx } = start;
  switch (start.command) {
    case 'preview':
    case 'candidate':
      return runPreview(given.plan ?? start.planOf(config, r.tag as string), member.report, ports);
    case 'promote': {
      const selector = promoteSelector(config.promote.from, ctx.headSha);
      return runPromote(config, selector, member.report, ports, given.runEnv);
    }
    case 'rollback':
      return runRollback(config, member.report, ports);
    case 'cleanup': {
      // A stale sweep looks at each service: a PR may have previewed only some of them.
      const prs = await pullRequestsToClean(config, start.prNumber, ctx, ports);
      return runCleanup(config, prs, (pr) => start.tagFor(config, pr), member.report, ports);
    }
  }
}

function setSkipped(member: EnvironmentMember, why?: string): void {
  member.stage = settleOn(member.report, { kind: 'skipped', why }).stage;
}

/** The run as a whole from its members (outcome.ts): ready only when every one passed. */
function settle(report: EnvironmentReport, failed: EnvironmentMember | undefined, cancelled: boolean): void {
  const whole = settleEnvironment(
    report.command,
    report.members.map((m) => m.report),
    { cancelled, failed: failed !== undefined },
  );
  if (cancelled || failed !== undefined) Object.assign(report, whole);
  const reason = failed?.report.failureReason;
  if (failed !== undefined) report.failureReason = `${failed.name}: ${reason ?? 'failed'}`;
}

async function previewAll(
  start: RunStart,
  running: Running[],
  report: EnvironmentReport,
  reporter: Reporter<EnvironmentReport>,
  cancel: AbortSignal,
): Promise<void> {
  const command = start.command as 'preview' | 'candidate';
  const urls = new Map(running.map((r) => [r.member.name, deferred<string>()]));
  const befores = new Map<string, ServiceState | null>();
  const progress = (): void => {
    void reporter.progress(report).catch(() => undefined);
  };
  await reporter.progress(report);

  const plans = new Map<Running, PreviewPlan>();
  /** Members whose revision was kept: neither rebuilt nor redeployed. */
  const reused = new Set<string>();
  /** Members never deployed because something they need failed. */
  const blocked = new Set<string>();
  // Every preview's isolation check comes before any build: one strict refusal stops them all.
  const refusedBy: string[] = [];
  const inspected = new Set<string>();
  const allInspected = deferred<void>();
  const doneInspecting = (name: string): void => {
    inspected.add(name);
    if (inspected.size === running.length) allInspected.resolve();
  };
  const one = async (r: Running): Promise<RunReport> => {
    const { member, config } = r;
    const plan: PreviewPlan = {
      ...start.planOf(config, r.tag as string),
      member: {
        inputsDigest: buildInputsDigest(config.build),
        // Cloud Run's tag limit counts the members' new tags together (tag-limit-check.ts).
        runTags: running.map((o) => ({
          service: o.config.service,
          region: o.config.region,
          tag: o.tag as string,
        })),
        recordsOwnPass: false,
        stage: (stage: ServiceStage) => {
          if (stage === 'reused') reused.add(member.name);
          member.stage = stage;
          core.info(`[${member.name}] ${stage}`);
          progress();
        },
        waitForNeeds: async () => {
          const env: Record<string, string> = {};
          for (const need of member.needs) {
            try {
              env[urlEnvName(need)] = await (urls.get(need) as ReturnType<typeof deferred<string>>).promise;
            } catch {
              blocked.add(member.name);
              throw new NeedFailed(`not deployed: ${need}, which it needs, did not become ready`);
            }
          }
          return env;
        },
        deployed: (url) => urls.get(member.name)?.resolve(url),
        before: (state) => befores.set(member.name, state),
        inspected: async (refused) => {
          if (refused) refusedBy.push(member.name);
          doneInspecting(member.name);
          if (refused) return;
          await allInspected.promise;
          if (refusedBy.length > 0) {
            blocked.add(member.name);
            throw new NeedFailed(
              `not built: isolation refused ${refusedBy.join(', ')}, so no service of this environment was built`,
            );
          }
        },
      },
    };
    plans.set(r, plan);
    try {
      return await runOne(start, r, { plan });
    } finally {
      // A member that stopped before its check (or a candidate, which has none) must not hold the others.
      if (!inspected.has(member.name)) doneInspecting(member.name);
      const mine = urls.get(member.name);
      if (mine !== undefined && !mine.settled()) mine.reject(new NeedFailed(member.name));
    }
  };
  await Promise.all(running.map(one));

  const cancelled = cancel.aborted || running.some((r) => r.member.report.result === 'cancelled');
  // The cause, not a service that only waited for it.
  const failed = running.find(
    (r) => r.member.report.result !== 'success' && !blocked.has(r.member.name),
  )?.member;
  for (const r of running) {
    const m = r.member;
    const needFailed = blocked.has(m.name);
    if (m.report.result === 'success') m.stage = reused.has(m.name) ? 'reused' : 'passed';
    else if (needFailed) setSkipped(m);
    else
      m.stage =
        (m.report.result ?? 'failed') === 'cancelled'
          ? 'cancelled'
          : m.report.result === 'rolled-back'
            ? 'rolled-back'
            : 'failed';
  }

  if (failed !== undefined && !cancelled) await explainFailedCalls(command, failed, running);

  if (failed === undefined && !cancelled) {
    // All passed: only now is each new revision the one a later failure returns its tag to.
    await Promise.all(
      running.map(async (r) => {
        const plan = plans.get(r);
        // A reused revision is the recorded one already.
        if (plan !== undefined && r.member.stage !== 'reused' && r.member.report.revision !== undefined) {
          await recordPass(plan, r.ports, r.member.report.revision);
        }
      }),
    );
    Object.assign(report, settleEnvironment(command, [], { cancelled: false, failed: false }));
    return;
  }

  // All or nothing: a member that passed goes back to its last good preview, like the one that failed.
  const restore = cancelled || running.every((r) => r.config.rollbackOnFailure);
  for (const r of running) {
    const m = r.member;
    if (m.report.result !== 'success') continue;
    const before = befores.get(m.name) ?? null;
    const back = lastGoodRevision(before, r.tag as string, m.report.revision);
    if (!restore) {
      m.report.notes.push('rollback_on_failure is false: this preview keeps its tag');
      continue;
    }
    const because = `${failed?.name ?? 'the run'} ${cancelled ? 'was cancelled' : 'failed'}`;
    if (back === null && before?.traffic.some((t) => t.tag === r.tag && t.revision === m.report.revision)) {
      // Reused: the tag never moved, it is already on the revision that last passed.
      const undo = { kind: 'kept', tag: r.tag as string, revision: m.report.revision as string } as const;
      m.stage = settleOn(m.report, { kind: 'undone-for-another', cancelled, undo, because }).stage;
      continue;
    }
    const plan = plans.get(r) as PreviewPlan;
    // A failed retag settles the member as failed: its tag may still be on the revision that passed.
    m.stage = (
      await rollBackTag(plan, m.report, r.ports, before, m.report.revision, cancelled, because)
    ).stage;
    await deleteUnusedPreviewService(
      plan,
      m.report,
      r.ports,
      before,
      `its first preview was undone because ${because}`,
    );
  }
  settle(report, failed, cancelled);
  if (report.result === 'rolled-back') {
    report.notes.push('Every service of this PR returned to its last good preview; production is untouched.');
  }
}

async function cleanupAll(
  start: RunStart,
  running: Running[],
  report: EnvironmentReport,
  reporter: Reporter<EnvironmentReport>,
): Promise<void> {
  await reporter.progress(report);
  let failed: EnvironmentMember | undefined;
  for (const r of running) {
    try {
      await runOne(start, r);
      r.member.stage = r.member.report.result === 'removed' ? 'removed' : 'passed';
    } catch (err) {
      // One service's failure must not strand the others' previews: clean them all, then report.
      r.member.stage = settleOn(r.member.report, {
        kind: 'stopped',
        command: 'cleanup',
        cancelled: false,
      }).stage;
      r.member.report.failureReason = errorMessage(err);
      failed ??= r.member;
    }
  }
  const dryRun = running.every((r) => r.config.cleanup.dryRun);
  Object.assign(
    report,
    settleEnvironment('cleanup', [], { cancelled: false, failed: failed !== undefined, dryRun }),
  );
  if (failed !== undefined) {
    report.failureReason = `${failed.name}: ${failed.report.failureReason ?? 'cleanup failed'}`;
  }
}

/**
 * Promotions (and production rollbacks) go in dependency order, a service after what it needs, each in
 * its canary steps; when one fails, those already promoted go back to what served before (`prev_tag`).
 */
async function promoteAll(
  start: RunStart,
  running: Running[],
  report: EnvironmentReport,
  reporter: Reporter<EnvironmentReport>,
): Promise<void> {
  const command = start.command as 'promote' | 'rollback';
  await reporter.progress(report);
  const byName = new Map(running.map((r) => [r.member.name, r]));
  const done: Running[] = [];
  let failed: EnvironmentMember | undefined;
  for (const r of running) {
    const m = r.member;
    m.stage = 'deploying';
    await reporter.progress(report);
    try {
      // Production talks to production: what it needs is already promoted, by dependency order.
      const runEnv: Record<string, string> = {};
      for (const need of command === 'promote' ? m.needs : []) {
        const uri = (await byName.get(need)?.ports.cloudRun.getService())?.uri;
        if (uri !== undefined) runEnv[urlEnvName(need)] = uri;
      }
      await runOne(start, r, { runEnv });
    } catch (err) {
      if (err instanceof UserError && done.length === 0) throw err;
      settleOn(m.report, { kind: 'stopped', command: 'promote', cancelled: false });
      m.report.failureReason = errorMessage(err);
    }
    if (m.report.result !== 'success') {
      m.stage = m.report.result === 'cancelled' ? 'cancelled' : 'failed';
      failed = m;
      break;
    }
    m.stage = 'promoted';
    done.push(r);
  }
  if (failed === undefined) {
    Object.assign(report, settleEnvironment(command, [], { cancelled: false, failed: false }));
    return;
  }
  for (const r of running)
    if (r.member.stage === 'queued') setSkipped(r.member, `Not ${command}d: ${failed.name} failed first.`);
  // Undo in reverse order, so nothing serves against a dependency older than the one it was checked with.
  for (const r of done.reverse()) {
    const m = r.member;
    if (command === 'rollback' || m.report.previousRevision === undefined) continue;
    const undo = newReport({
      command: 'rollback',
      service: m.name,
      project: r.config.projectId,
      region: r.config.region,
    });
    try {
      await runRollback(r.config, undo, r.ports);
      m.stage = undo.result === 'success' ? 'restored' : 'failed';
      m.report.notes.push(
        undo.result === 'success'
          ? `Production went back to ${m.report.previousRevision} because ${failed.name} failed.`
          : `Could not return production to ${m.report.previousRevision}: ${undo.failureReason ?? 'the rollback failed'}`,
      );
    } catch (err) {
      m.stage = 'failed';
      m.report.notes.push(
        `Could not return production to ${m.report.previousRevision}: ${errorMessage(err)}`,
      );
    }
  }
  const cancelled = failed.report.result === 'cancelled';
  Object.assign(report, settleEnvironment(command, [], { cancelled, failed: true }));
  report.failureReason = `${failed.name}: ${failed.report.failureReason ?? `${command} failed`}`;
}
