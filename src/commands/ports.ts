/**
 * What the commands need from the outside world, in their own words. `adapters.ts` wires these to
 * Cloud Run, Artifact Registry, Docker and GitHub; the commands hold orchestration only.
 */
import type { ComparisonRun } from '../checks/compare-run.js';
import type { CloudRunPort } from '../cloudrun/run-port.js';
import type { ActAsPort } from '../iam/act-as.js';
import type { HealthOutcome, RunReport, SmokeOutcome } from '../report/run-report.js';

export interface BuiltImage {
  imageRef: string;
  digest: string;
  builder?: string;
  tags: string[];
}

export interface ImagePort {
  /** Builds and pushes (or resolves a prebuilt image) and returns the digest reference. */
  buildAndPush(onPush?: () => void): Promise<BuiltImage>;
  /** The repository's image pinned to a digest (promotion of a digest no revision runs yet). */
  imageForDigest(digest: string): string;
  /** Deletes the image tags given, except those whose digest serves traffic. */
  deleteTags(
    tags: string[],
    protectedDigests: string[],
    dryRun: boolean,
  ): Promise<{ deleted: string[]; kept: string[] }>;
}

export interface ChecksPort {
  health(url: string): Promise<HealthOutcome>;
  /** Undefined when no smoke checks are configured. */
  smoke(url: string): Promise<SmokeOutcome | undefined>;
  /** The preview against a baseline in interleaved rounds (checks/compare-run.ts). */
  compare(previewUrl: string, baselineUrl: string, signal?: AbortSignal): Promise<ComparisonRun>;
}

export interface ReporterPort {
  progress(report: RunReport): Promise<void>;
  finish(report: RunReport): Promise<void>;
  removed(report: RunReport): Promise<void>;
}

/** For a run without a github_token (or a member of an environment, which reports as a whole): no writes. */
export const NO_REPORTS = {
  progress: async (): Promise<void> => {},
  finish: async (): Promise<void> => {},
  removed: async (): Promise<void> => {},
};

export interface Ports {
  cloudRun: CloudRunPort;
  images: ImagePort;
  checks: ChecksPort;
  github: ReporterPort;
  /** IAM's answer on actAs, asked before a build that will be deployed (iam/act-as.ts); absent: not asked. */
  iam?: ActAsPort;
  /** Fires on SIGINT or SIGTERM: the command stops waiting, undoes its own change and reports "cancelled". */
  cancel: AbortSignal;
  log: { info(s: string): void; warning(s: string): void; notice(s: string): void; error(s: string): void };
}
