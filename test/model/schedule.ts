/**
 * The model-based schedules: fast-check draws PR pushes (passing, failing, cancelled at a random moment),
 * re-runs, closes, promotions (canary, failing canary), rollbacks, stale sweeps and faults (UNAVAILABLE,
 * RESOURCE_EXHAUSTED, ABORTED on the etag, lost answers), runs each through the real action against the
 * emulator and checks the invariants of issue 30 after every step (see checkInvariants).
 */
import fc from 'fast-check';
import type { RunReport } from '../../src/report/run-report.js';
import {
  dispatchEvent,
  FAILING_PREFIX,
  FAILING_REVISION,
  LOCATION,
  prEvent,
  RELEASE_REVISION,
  sha,
  type ModelWorld,
} from './world.js';

/** What the schedule knows without looking at Cloud Run: which PRs are open and what they last pushed. */
export interface Model {
  open: Set<number>;
  closed: Set<number>;
  lastSha: Map<number, string>;
  /** PRs whose last push was a passing commit (faults or a cancel may still have failed it). */
  good: Set<number>;
  promoted: boolean;
  pendingFault: boolean;
}

export type FaultKind = 'unavailable' | 'exhausted' | 'aborted' | 'lost';

/** Cloud Run as the invariants read it between steps. */
export interface Snapshot {
  /** Revision -> percent of what serves production (percent > 0 in the traffic statuses). */
  production: Map<string, number>;
  /** Tag -> revision, from the service's traffic. */
  tags: Map<string, string>;
  /** Revision -> its PR label (gcp-deploy-pr), if any. */
  revisions: Map<string, string | undefined>;
}

/** Counters for the whole run. */
export interface Tally {
  schedules: number;
  steps: number;
  faults: number;
  violations: number;
  /** `command result` -> count, so a harness whose runs all fail (and so prove nothing) shows. */
  outcomes: Record<string, number>;
}

/** The system under test for one schedule, with what the invariants remember across its steps. */
export interface Real {
  world: ModelWorld;
  service: string;
  tally: Tally;
  /** Revisions whose preview run reported success: the only ones a PR tag may rest on between runs. */
  passed: Set<string>;
  /** The revision `prev` must name since the last promotion moved production (undefined: not checked). */
  prev?: string;
  snapshot: Snapshot;
  pendingFault?: { kind: FaultKind; method: string; seed: number };
  /** One line per step, printed with a failing schedule. */
  story: string[];
  shas: number;
}

const PR = /^pr-(\d+)$/;
const METHODS = [
  'GetService',
  'UpdateService',
  'GetRevision',
  'ListRevisions',
  'GetOperation',
  'DeleteRevision',
];

export async function snapshot(real: Real): Promise<Snapshot> {
  const name = `${LOCATION}/services/${real.service}`;
  const [svc] = await real.world.services.getService({ name });
  const [revs] = await real.world.revisions.listRevisions({ parent: name });
  const production = new Map<string, number>();
  for (const s of svc.trafficStatuses ?? [])
    if ((s.percent ?? 0) > 0 && s.revision) production.set(s.revision, s.percent ?? 0);
  const tags = new Map<string, string>();
  for (const t of svc.traffic ?? []) if (t.tag) tags.set(t.tag, t.revision ?? 'LATEST');
  const revisions = new Map<string, string | undefined>();
  for (const r of revs) revisions.set(r.name!.split('/').pop()!, r.labels?.['gcp-deploy-pr'] ?? undefined);
  return { production, tags, revisions };
}

const same = (a: Map<string, unknown>, b: Map<string, unknown>): boolean =>
  a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);
const show = (m: Map<string, unknown>): string => JSON.stringify(Object.fromEntries(m));

/** What a step did, for the invariants. */
interface Step {
  kind: 'preview' | 'close' | 'promote' | 'rollback' | 'sweep';
  pr?: number;
  report?: RunReport;
  error?: unknown;
}

/** Every operation the emulator holds has ended (a few seconds' grace for revisions still starting). */
async function operationsEnded(real: Real): Promise<string | undefined> {
  // google-gax's operations client: listOperations auto-paginates into one array.
  const ops = real.world.services.operationsClient as unknown as {
    listOperations(req: { name: string; filter: string }): Promise<[{ name?: string; done?: boolean }[]]>;
    deleteOperation(req: { name: string }): Promise<unknown>;
  };
  const deadline = Date.now() + 15_000;
  for (;;) {
    const [list] = await ops.listOperations({ name: LOCATION, filter: '' });
    const open = list.filter((o) => o.done !== true);
    for (const o of list.filter((x) => x.done === true)) await ops.deleteOperation({ name: o.name! });
    if (open.length === 0) return undefined;
    if (Date.now() > deadline)
      return `${open.length} operation(s) never ended: ${open.map((o) => o.name).join(', ')}`;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The invariants of issue 30, checked after every step; returns what was violated. */
export async function checkInvariants(real: Real, step: Step): Promise<string[]> {
  const before = real.snapshot;
  const after = await snapshot(real);
  const v: string[] = [];
  const result = step.report?.result;
  if (step.kind === 'preview' && result === 'success' && step.report?.revision)
    real.passed.add(step.report.revision);

  // 1. Production traffic changes only through a promotion that passed its checks, or a rollback.
  const moved = !same(before.production, after.production);
  if (moved) {
    const allowed = (step.kind === 'promote' || step.kind === 'rollback') && result === 'success';
    if (!allowed)
      v.push(
        `production moved in a ${step.kind} (${result ?? 'threw'}): ${show(before.production)} -> ${show(after.production)}`,
      );
    else if (step.kind === 'promote' && !same(after.production, new Map([[step.report!.revision!, 100]])))
      v.push(
        `a passed promotion left production at ${show(after.production)}, not ${step.report!.revision} at 100 %`,
      );
  }
  // 2. No PR tag rests on a revision that did not pass, outside that PR's own run (none runs now).
  for (const [tag, rev] of after.tags)
    if (PR.test(tag) && !real.passed.has(rev))
      v.push(`tag ${tag} rests on ${rev}, which never passed its checks`);
  // 3. No other PR's tag is lost (or moved).
  for (const [tag, rev] of before.tags) {
    const m = PR.exec(tag);
    if (m === null || Number(m[1]) === step.pr) continue;
    if (after.tags.get(tag) !== rev)
      v.push(
        `tag ${tag} of another PR went from ${rev} to ${after.tags.get(tag) ?? 'nothing'} in a ${step.kind}`,
      );
  }
  // 4. Cleanup removes only its own PR's resources; nothing else removes any.
  for (const [rev, pr] of before.revisions) {
    if (after.revisions.has(rev)) continue;
    const own = step.pr !== undefined && (pr === String(step.pr) || rev.includes(`-pr${step.pr}-`));
    if (!own)
      v.push(`revision ${rev} (PR ${pr ?? 'none'}) was deleted by a ${step.kind} of PR ${step.pr ?? 'none'}`);
  }
  if (step.kind === 'close' && result === 'removed' && after.tags.has(`pr-${step.pr}`))
    v.push(`PR ${step.pr} was cleaned up but its tag remains`);
  // 5. `prev` names the revision production served before the last promotion.
  if (step.kind === 'promote' && result === 'success' && moved) {
    real.prev = [...before.production].sort((a, b) => b[1] - a[1])[0]?.[0];
  } else if (step.kind === 'rollback' && result === 'success') {
    real.prev = undefined;
  }
  if (real.prev !== undefined && after.tags.get('prev') !== real.prev)
    v.push(
      `prev names ${after.tags.get('prev') ?? 'nothing'}, not ${real.prev} (production before the last promotion)`,
    );
  // 6. Every operation the action started has ended.
  const ops = await operationsEnded(real);
  if (ops !== undefined) v.push(ops);

  real.snapshot = after;
  return v;
}

/** Runs one action step with the armed fault (if any), then checks the invariants and throws on a violation. */
async function act(
  real: Real,
  step: Omit<Step, 'report' | 'error'>,
  run: Parameters<ModelWorld['run']>[0],
  extraFault?: () => void,
): Promise<void> {
  const faults = real.world.emulator.faults;
  const f = real.pendingFault;
  if (f !== undefined) {
    real.tally.faults += 1;
    if (f.kind === 'unavailable')
      faults.failNext(f.method, 1 + (f.seed % 2), 14, 'injected: the service is unavailable');
    if (f.kind === 'exhausted') faults.failNext(f.method, 1, 8, 'injected: quota exceeded, retry later');
    if (f.kind === 'aborted')
      faults.failNext(
        'UpdateService',
        1,
        10,
        'injected: the service was modified since it was read: etag mismatch',
      );
    if (f.kind === 'lost') faults.loseAnswers(0.5, undefined, f.seed);
  }
  real.pendingFault = undefined;
  extraFault?.();
  real.tally.steps += 1;
  const out = await real.world.run(run);
  const outcome = `${run.command} ${out.report?.result ?? 'threw'}`;
  real.tally.outcomes[outcome] = (real.tally.outcomes[outcome] ?? 0) + 1;
  faults.reset();
  faults.makeUnhealthy(FAILING_REVISION);
  const v = await checkInvariants(real, { ...step, ...out });
  const what =
    out.report !== undefined
      ? `${out.report.result}${out.report.revision ? ` ${out.report.revision}` : ''}`
      : `threw ${out.error instanceof Error ? out.error.message : String(out.error)}`;
  real.story.push(
    `  -> ${what}; tags ${show(real.snapshot.tags)}; production ${show(real.snapshot.production)}`,
  );
  if (v.length > 0) {
    real.tally.violations += v.length;
    throw new Error(
      `invariant violated:\n- ${v.join('\n- ')}\n\nsteps:\n${real.story.join('\n')}\n\nlast run's log (tail):\n${out.log.slice(-4000)}`,
    );
  }
}

type Cmd = fc.AsyncCommand<Model, Real, boolean>;

class Push implements Cmd {
  constructor(
    readonly pr: number,
    readonly ok: boolean,
    readonly cancelAfterMs?: number,
  ) {}
  check = (m: Readonly<Model>): boolean => !m.closed.has(this.pr);
  async run(m: Model, r: Real): Promise<void> {
    r.shas += 1;
    const commit = sha(this.ok ? 'a' : FAILING_PREFIX, r.shas * 16 + this.pr);
    m.open.add(this.pr);
    m.lastSha.set(this.pr, commit);
    if (this.ok) m.good.add(this.pr);
    else m.good.delete(this.pr);
    r.story.push(this.toString());
    await act(
      r,
      { kind: 'preview', pr: this.pr },
      {
        service: r.service,
        command: 'preview',
        ctx: prEvent(this.pr, commit),
        ...(this.cancelAfterMs !== undefined ? { cancelAfterMs: this.cancelAfterMs } : {}),
      },
    );
  }
  toString = (): string =>
    `push(pr ${this.pr}, ${this.ok ? 'passing' : 'failing'}${this.cancelAfterMs !== undefined ? `, SIGTERM at ${this.cancelAfterMs} ms` : ''})`;
}

class ReRun implements Cmd {
  constructor(
    readonly pr: number,
    readonly cancelAfterMs?: number,
  ) {}
  check = (m: Readonly<Model>): boolean => m.lastSha.has(this.pr) && !m.closed.has(this.pr);
  async run(m: Model, r: Real): Promise<void> {
    r.story.push(this.toString());
    await act(
      r,
      { kind: 'preview', pr: this.pr },
      {
        service: r.service,
        command: 'preview',
        ctx: prEvent(this.pr, m.lastSha.get(this.pr)!),
        ...(this.cancelAfterMs !== undefined ? { cancelAfterMs: this.cancelAfterMs } : {}),
      },
    );
  }
  toString = (): string =>
    `rerun(pr ${this.pr}${this.cancelAfterMs !== undefined ? `, SIGTERM at ${this.cancelAfterMs} ms` : ''})`;
}

class Close implements Cmd {
  constructor(readonly pr: number) {}
  check = (m: Readonly<Model>): boolean => m.open.has(this.pr);
  async run(m: Model, r: Real): Promise<void> {
    m.open.delete(this.pr);
    m.good.delete(this.pr);
    m.closed.add(this.pr);
    r.story.push(this.toString());
    await act(
      r,
      { kind: 'close', pr: this.pr },
      {
        service: r.service,
        command: 'cleanup',
        ctx: prEvent(this.pr, m.lastSha.get(this.pr) ?? sha('e', this.pr), 'closed'),
      },
    );
  }
  toString = (): string => `close(pr ${this.pr})`;
}

class Promote implements Cmd {
  constructor(
    readonly pr: number,
    readonly canary: string,
    readonly failing: boolean,
    readonly cancelAfterMs?: number,
  ) {}
  check = (m: Readonly<Model>): boolean => m.good.has(this.pr);
  async run(m: Model, r: Real): Promise<void> {
    m.promoted = true;
    r.story.push(this.toString());
    await act(
      r,
      { kind: 'promote' },
      {
        service: r.service,
        command: 'promote',
        inputs: { promote_from: `tag:pr-${this.pr}`, canary: this.canary },
        ctx: dispatchEvent(),
        ...(this.cancelAfterMs !== undefined ? { cancelAfterMs: this.cancelAfterMs } : {}),
      },
      this.failing ? () => r.world.emulator.faults.makeUnhealthy(RELEASE_REVISION) : undefined,
    );
  }
  toString = (): string =>
    `promote(tag:pr-${this.pr}, canary ${this.canary}${this.failing ? ', failing' : ''}${this.cancelAfterMs !== undefined ? `, SIGTERM at ${this.cancelAfterMs} ms` : ''})`;
}

class Rollback implements Cmd {
  check = (m: Readonly<Model>): boolean => m.promoted;
  async run(_m: Model, r: Real): Promise<void> {
    r.story.push(this.toString());
    await act(r, { kind: 'rollback' }, { service: r.service, command: 'rollback', ctx: dispatchEvent() });
  }
  toString = (): string => 'rollback()';
}

/** A stale sweep with a threshold no preview of a schedule reaches: it must remove nothing. */
class Sweep implements Cmd {
  check = (): boolean => true;
  async run(_m: Model, r: Real): Promise<void> {
    r.story.push(this.toString());
    await act(
      r,
      { kind: 'sweep' },
      { service: r.service, command: 'cleanup', inputs: { stale: '1h' }, ctx: dispatchEvent() },
    );
  }
  toString = (): string => 'sweep(stale 1h)';
}

class Fault implements Cmd {
  constructor(
    readonly kind: FaultKind,
    readonly method: string,
    readonly seed: number,
  ) {}
  check = (m: Readonly<Model>): boolean => !m.pendingFault;
  run(m: Model, r: Real): Promise<void> {
    m.pendingFault = true;
    r.pendingFault = { kind: this.kind, method: this.method, seed: this.seed };
    r.story.push(this.toString());
    return Promise.resolve();
  }
  toString = (): string =>
    `fault(${this.kind}${this.kind === 'unavailable' || this.kind === 'exhausted' ? ` on ${this.method}` : ''}${this.kind === 'lost' ? `, seed ${this.seed}` : ''})`;
}

/** Clears the model's pending-fault flag once a step consumed it (model and real agree by construction). */
function consumes(cmd: Cmd): Cmd {
  if (cmd instanceof Fault) return cmd;
  const run = cmd.run.bind(cmd);
  cmd.run = async (m, r) => {
    m.pendingFault = false;
    await run(m, r);
  };
  return cmd;
}

export const commands = {
  push: (pr: number, ok: boolean, cancelAfterMs?: number): Cmd => consumes(new Push(pr, ok, cancelAfterMs)),
  rerun: (pr: number, cancelAfterMs?: number): Cmd => consumes(new ReRun(pr, cancelAfterMs)),
  close: (pr: number): Cmd => consumes(new Close(pr)),
  promote: (pr: number, canary: string, failing: boolean, cancelAfterMs?: number): Cmd =>
    consumes(new Promote(pr, canary, failing, cancelAfterMs)),
  rollback: (): Cmd => consumes(new Rollback()),
  sweep: (): Cmd => consumes(new Sweep()),
  fault: (kind: FaultKind, method: string, seed: number): Cmd => new Fault(kind, method, seed),
};

const pr = fc.integer({ min: 1, max: 3 });
const cancel = fc.option(fc.integer({ min: 0, max: 1500 }), { freq: 4, nil: undefined });

/** The command arbitraries fast-check draws schedules from. */
const pushes = fc.tuple(pr, fc.boolean(), cancel).map(([p, ok, c]) => commands.push(p, ok, c));
export const commandArbitraries = [
  // Pushes weigh three times: most other commands need a preview to act on.
  pushes,
  pushes,
  pushes,
  fc.tuple(pr, cancel).map(([p, c]) => commands.rerun(p, c)),
  pr.map((p) => commands.close(p)),
  fc
    .tuple(pr, fc.constantFrom('100', '50,100'), fc.boolean(), cancel)
    .map(([p, canary, failing, c]) => commands.promote(p, canary, failing, c)),
  fc
    .tuple(pr, fc.constantFrom('100', '50,100'), fc.boolean(), cancel)
    .map(([p, canary, failing, c]) => commands.promote(p, canary, failing, c)),
  fc.constant(null).map(() => commands.rollback()),
  fc.constant(null).map(() => commands.sweep()),
  fc
    .tuple(
      fc.constantFrom<FaultKind>('unavailable', 'exhausted', 'aborted', 'lost'),
      fc.constantFrom(...METHODS),
      fc.integer({ min: 1, max: 1_000_000 }),
    )
    .map(([k, m, s]) => commands.fault(k, m, s)),
];

/** Runs one schedule on a fresh production service; the service is deleted afterwards. */
export async function runSchedule(world: ModelWorld, tally: Tally, cmds: Iterable<Cmd>): Promise<void> {
  tally.schedules += 1;
  const service = `model-${tally.schedules}-${Math.floor(Math.random() * 1e6).toString(36)}`;
  await world.createProduction(service);
  world.emulator.faults.reset();
  world.emulator.faults.makeUnhealthy(FAILING_REVISION);
  const real: Real = {
    world,
    service,
    tally,
    passed: new Set(),
    snapshot: { production: new Map(), tags: new Map(), revisions: new Map() },
    story: [],
    shas: 0,
  };
  real.snapshot = await snapshot(real);
  try {
    // Every schedule starts from a passing preview of PR 1, so promotions have something to ship.
    const start = [commands.push(1, true)];
    await fc.asyncModelRun(
      () => ({
        model: {
          open: new Set<number>(),
          closed: new Set<number>(),
          lastSha: new Map(),
          good: new Set<number>(),
          promoted: false,
          pendingFault: false,
        },
        real,
      }),
      [...start, ...cmds],
    );
  } finally {
    world.emulator.faults.reset();
    await world.deleteService(service);
  }
}
