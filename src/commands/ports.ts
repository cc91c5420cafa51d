/**
 * What the commands need from the outside world, in their own words. `adapters.ts` wires these to
 * Cloud Run, Artifact Registry, Docker and GitHub; the commands hold orchestration only.
 */
import type { TrafficTarget } from '../cloudrun/traffic-plan.js';
import type { HealthOutcome, RunReport, SmokeOutcome } from '../report/run-report.js';

/** The settings of a revision to deploy (image by digest, env, resources, identity). */
export interface RevisionSpec {
  revisionName: string;
  image: string;
  env: Record<string, string>;
  labels: Record<string, string>;
}

/** What the commands read of a service. */
export interface ServiceView {
  name: string;
  uri?: string;
  latestReadyRevision?: string;
  traffic: TrafficTarget[];
  /** Tag -> URL, from the service's traffic statuses. */
  tagUrls: Record<string, string>;
}

/** A revision as the commands see it. */
export interface RevisionView {
  name: string;
  labels: Record<string, string>;
  image?: string;
  createTime?: Date;
  ready: boolean;
}

/** The outcome of deploying a preview revision. */
export interface PreviewDeployment {
  revision: string;
  url?: string;
  ready: boolean;
  message?: string;
  /** True when this run created the service. */
  serviceCreated: boolean;
  /** The revision this run's tag pointed at before, if any. */
  previousRevision?: string;
  /** The image the revision runs, when it was reused rather than built. */
  image?: string;
}

export interface CloudRunPort {
  getService(): Promise<ServiceView | null>;
  /** Deploys the revision (creating the service when missing) and points `tag` at it with 0 % of traffic. */
  deployPreview(spec: RevisionSpec, tag: string): Promise<PreviewDeployment>;
  /** Points `tag` at `revision`, or removes it when `revision` is null; no percent changes. */
  retag(tag: string, revision: string | null): Promise<void>;
  /** Sets production traffic: `revision` gets `percent`, the rest stays with what served before. */
  shiftTraffic(revision: string, percent: number, prevTag?: string): Promise<ServiceView>;
  /** Restores a saved traffic list exactly. */
  restoreTraffic(traffic: TrafficTarget[]): Promise<void>;
  /** Removes the given tags and nothing else. */
  untag(tags: string[]): Promise<void>;
  listRevisions(labels: Record<string, string>): Promise<RevisionView[]>;
  deleteRevision(name: string): Promise<void>;
  /** Deploys an image as a new revision with no traffic (promotion by digest). */
  deployUntagged(spec: RevisionSpec): Promise<{ revision: string; ready: boolean; message?: string }>;
  /** API calls made so far (bench:preview prints it). */
  callCount(): number;
}

export interface BuiltImage {
  imageRef: string;
  digest: string;
  builder?: string;
  tags: string[];
}

export interface ImagePort {
  /** Builds and pushes (or resolves a prebuilt image) and returns the digest reference. */
  buildAndPush(): Promise<BuiltImage>;
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
}

export interface ReporterPort {
  progress(report: RunReport): Promise<void>;
  finish(report: RunReport): Promise<void>;
  removed(report: RunReport): Promise<void>;
}

export interface Ports {
  cloudRun: CloudRunPort;
  images: ImagePort;
  checks: ChecksPort;
  github: ReporterPort;
  log: { info(s: string): void; warning(s: string): void; notice(s: string): void; error(s: string): void };
}
