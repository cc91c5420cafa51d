/**
 * What one run did, in one plain object: the commands fill it in as they go, and the renderers
 * (job summary, sticky PR comment, outputs) read it. No I/O here.
 */
import type { DoctorReport } from '../build/doctor/rules.js';
import type { ComparisonOutcome } from '../checks/compare.js';

export type Command = 'preview' | 'candidate' | 'promote' | 'cleanup' | 'rollback';

/** Where a run stands; the sticky comment shows the latest. */
export const RUN_STATES = [
  'building',
  'deploying',
  'checking',
  'ready',
  'failed',
  'rolled-back',
  'removed',
  'promoted',
  'skipped',
  'cancelled',
] as const;
export type RunState = (typeof RUN_STATES)[number];

/** The `result` output. */
export type RunResult = 'success' | 'failure' | 'rolled-back' | 'skipped' | 'removed' | 'cancelled';

/** Results that fail the step (and the CLI): skipped and removed are what was asked. */
export function failsTheRun(result: RunResult | undefined): boolean {
  return result === 'failure' || result === 'rolled-back' || result === 'cancelled';
}

export type PhaseName =
  'build' | 'push' | 'migrate' | 'deploy' | 'ready' | 'health' | 'checks' | 'traffic' | 'cleanup';

export interface PhaseTiming {
  phase: PhaseName;
  /** Milliseconds, wall clock. */
  durationMs: number;
  ok: boolean;
  detail?: string;
}

/** One threshold expression and how it came out. */
export interface ThresholdOutcome {
  /** Metric with its tag filter, as the user wrote it: `http_req_duration{name:home}`. */
  metric: string;
  /** The expression as written: `p(95)<500`. */
  expression: string;
  /** The measured value of the aggregation, in the metric's unit (ms for trends, 0..1 for rates). */
  actual: number | null;
  ok: boolean;
}

/** One named check (`status is 200`) and its pass/fail counts. */
export interface CheckOutcome {
  name: string;
  passes: number;
  fails: number;
}

export interface HealthOutcome {
  url: string;
  ok: boolean;
  attempts: number;
  /** Time from the first attempt to the first healthy answer (cold start included). */
  timeToHealthyMs: number | null;
  lastStatus: number | null;
  error?: string;
  /** Why the service refused the check's credentials (401/403), naming the principal and the role it lacks. */
  denied?: string;
}

export interface SmokeOutcome {
  ok: boolean;
  aborted: boolean;
  thresholds: ThresholdOutcome[];
  checks: CheckOutcome[];
  /** Metrics as JSON for the `metrics` output: metric name -> aggregation -> value. */
  metrics: Record<string, Record<string, number>>;
  /** k6-style end-of-run text summary. */
  textSummary: string;
}

/** One step of a promotion: the traffic it moved and how the checks after it came out (unset: not run). */
export interface CanaryStep {
  percent: number;
  health?: boolean;
  smoke?: boolean;
  /** The failed-request rate compared with the one before the promotion, in words. */
  errorRate?: string;
  errorRateOk?: boolean;
  /** True once every check of the step passed. */
  ok: boolean;
}

/** What sets a PR's preview apart from production, as the comment states it (preview-profile.ts). */
export interface PreviewFacts {
  /** "scales to zero, at most 2 instances, CPU only during requests". */
  profile: string;
  /** Production's identity the preview runs as, when no preview_service_account was given. */
  productionIdentity?: string;
  /** Production's data connections the preview shares, one line each, credentials cut out (isolation: warn). */
  sharedWithProduction: string[];
  /** What the `shared` input lets the preview share on purpose, in the same form. */
  sharedOnPurpose: string[];
}

/** The one note that says a preview runs as production's identity (log and comment say the same). */
export function identityNote(account: string): string {
  return `This preview runs as production's identity, ${account}; set preview_service_account to give previews their own.`;
}

export interface RunReport {
  command: Command;
  state: RunState;
  result?: RunResult;
  service: string;
  project: string;
  region: string;
  /** `pr-<n>` or whatever tag the run owns. */
  tag?: string;
  prNumber?: number;
  commitSha?: string;
  url?: string;
  image?: string;
  digest?: string;
  revision?: string;
  previousRevision?: string;
  serviceCreated?: boolean;
  /** True when the run deleted a service only previews ever used (commands/preview-service.ts). */
  serviceDeleted?: boolean;
  phases: PhaseTiming[];
  health?: HealthOutcome;
  smoke?: SmokeOutcome;
  /** Why the run failed or rolled back, in one sentence (untrusted text may be inside: escape on render). */
  failureReason?: string;
  /** Link to the workflow run. */
  runUrl?: string;
  /** Traffic after the run, for promote/rollback summaries. */
  traffic?: { target: string; percent: number; tag?: string }[];
  /** The tag a promotion leaves on the revision production served before it (`prev_tag`). */
  prevTag?: string;
  /** The steps of a promotion or production rollback, in order, as far as they got. */
  canary?: CanaryStep[];
  /** A PR preview's profile and what it shares with production. */
  preview?: PreviewFacts;
  /** The Dockerfile doctor's findings for this service's image (unset with dockerfile_checks: off). */
  doctor?: DoctorReport;
  /** The preview against its baseline (compare input; checks/compare.ts). */
  comparison?: ComparisonOutcome;
  notes: string[];
  startedAt: string;
  /** Why a removed preview went, when not because its PR closed (label removed, expired): our own sentence. */
  removedWhy?: string;
}
