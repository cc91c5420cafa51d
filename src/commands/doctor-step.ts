/**
 * Where the Dockerfile doctor meets a run: before the build it fills the report and writes one GitHub
 * annotation per finding on the Dockerfile's line; after the build (or for a prebuilt `image`) it reads the
 * image's config from the registry. The single-service and environment paths both call these.
 */
import * as core from '@actions/core';
import type { Config } from '../config/config.js';
import { errorMessage } from '../config/user-error.js';
import {
  RULES,
  blockingMessage,
  checkImage,
  describeFinding,
  doctorReport,
  examineBuild,
  type Examined,
  type Finding,
} from '../build/doctor/index.js';
import { registryHostOf } from '../build/image-ref.js';
import { imageReadAuth } from '../registry/image-read-auth.js';
import { readImageConfig, type RegistryAuth } from '../registry/manifest-resolve.js';
import type { RunReport } from '../report/run-report.js';

/** Cloud Run's port when the `port` input leaves it unset. */
const DEFAULT_PORT = 8080;

/**
 * Checks the Dockerfile and context of a run that builds, and records the findings on its report. Returns
 * what was examined (the environment compares its members' bases), or undefined when the doctor is off or
 * there is nothing to read (a prebuilt image).
 */
export function examineBeforeBuild(config: Config, report: RunReport): Examined | undefined {
  if (config.doctor.mode === 'off') return undefined;
  if (config.build.prebuiltImage !== undefined) {
    report.doctor = doctorReport(config.doctor.mode);
    return undefined;
  }
  let examined: Examined;
  try {
    examined = examineBuild(config.build, config.deploy.port ?? DEFAULT_PORT, config.doctor.ignore);
  } catch (err) {
    // An unreadable corner of the context must not stop a build the doctor only advises on.
    core.warning(`The Dockerfile doctor could not read the build: ${errorMessage(err)}`);
    return undefined;
  }
  report.doctor = doctorReport(config.doctor.mode, examined);
  return examined;
}

/** One annotation per finding, on its file and line: a warning, or an error when the mode fails the run. */
export function annotate(findings: Finding[], mode: Config['doctor']['mode'], service?: string): void {
  for (const f of findings) {
    const text = `${service === undefined ? '' : `[${service}] `}${describeFinding(f)}`;
    const props: core.AnnotationProperties = {
      title: `gcp-deploy ${f.rule}: ${RULES[f.rule].title}`,
      ...(f.file === undefined ? {} : { file: f.file }),
      ...(f.line === undefined ? {} : { startLine: f.line }),
    };
    if (mode === 'error') core.error(text, props);
    else core.warning(text, props);
  }
}

/** Writes the skipped findings to the log, with the reason each was skipped. */
export function logIgnored(report: RunReport): void {
  for (const f of report.doctor?.ignored ?? []) core.info(`Skipped ${f.rule}: ignored by ${f.ignoredBy}`);
}

/** The reason an `error`-mode run stops before building, or undefined when it may build. */
export function doctorBlocks(report: RunReport): string | undefined {
  const d = report.doctor;
  if (d === undefined || d.mode !== 'error' || d.findings.length === 0) return undefined;
  return blockingMessage(d.findings);
}

async function authFor(imageRef: string, env: NodeJS.ProcessEnv): Promise<RegistryAuth> {
  return imageReadAuth(registryHostOf(imageRef), env);
}

/**
 * After the build: the pushed (or prebuilt) image's user and size, from its config in the registry. A root
 * user is reported even when there was no Dockerfile to read; one already found in the Dockerfile is not
 * repeated. Reading the image is best effort: a registry that will not answer costs a log line, not the run.
 */
export async function reviewImage(
  config: Config,
  report: RunReport,
  imageRef: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const d = report.doctor;
  if (d === undefined || config.doctor.mode === 'off') return;
  let facts;
  try {
    facts = await readImageConfig(imageRef, await authFor(imageRef, env));
  } catch (err) {
    core.info(
      `Could not read the image config of ${imageRef} for the Dockerfile doctor: ${errorMessage(err)}`,
    );
    return;
  }
  d.image = { user: facts.user, sizeBytes: facts.sizeBytes };
  const dockerfileSaid = [...d.findings, ...d.ignored].some((f) => f.rule === 'root-user');
  const found = checkImage(facts, { imageRef, dockerfileSaid });
  const ignored = found.filter((f) => config.doctor.ignore.includes(f.rule));
  d.ignored.push(...ignored.map((f) => ({ ...f, ignoredBy: 'the dockerfile_ignore input' })));
  const kept = found.filter((f) => !config.doctor.ignore.includes(f.rule));
  d.findings.push(...kept);
  // After the build nothing is stopped: the image exists, and the findings say what to change for the next.
  annotate(kept, 'warn', report.service);
}
