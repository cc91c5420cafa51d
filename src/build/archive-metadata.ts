/**
 * The metadata a fork's `command: build` writes beside its OCI archive, and the rules the privileged
 * workflow_run job applies before pushing it. The file comes from an unprivileged run of the fork's code,
 * so it is untrusted: every field is checked against what the API says about the run, and the archive's own
 * manifest, before anything is pushed. Pure, so tables test it.
 */
import { z } from 'zod';

export const METADATA_VERSION = 1;
/** The largest archive the privileged job reads: Cloud Run images are rarely past a few GB. */
export const MAX_ARCHIVE_BYTES = 10 * 1024 ** 3;
/** The metadata is a few hundred bytes; anything big is not ours. */
export const MAX_METADATA_BYTES = 16 * 1024;

const SHA = /^[0-9a-f]{40}$/;
const DIGEST = /^sha256:[0-9a-f]{64}$/;

export const ArchiveMetadataSchema = z
  .object({
    version: z.literal(METADATA_VERSION),
    pr: z.number().int().positive(),
    head_sha: z.string().regex(SHA),
    service: z.string().regex(/^[a-z]([a-z0-9-]{0,47}[a-z0-9])?$/),
    /** build-inputs.ts's digest of the context, Dockerfile and arguments the image was built from. */
    build_inputs: z.string().regex(/^[0-9a-f]{16}$/),
    /** The image config's digest: the image's identity whatever manifest carries it. */
    config_digest: z.string().regex(DIGEST),
    /** The archive's file name beside this file. */
    archive: z.string().regex(/^[A-Za-z0-9._-]{1,200}$/),
  })
  .strict();

export type ArchiveMetadata = z.infer<typeof ArchiveMetadataSchema>;

/** Where the metadata goes: beside the archive, so one artifact carries both. */
export function metadataPathFor(archivePath: string): string {
  return `${archivePath}.json`;
}

/** What the privileged job knows from the API about the run that built the archive. */
export interface ExpectedBuild {
  pr: number;
  headSha: string;
  service: string;
  /** From the archive's manifest (read by skopeo, nothing executed). */
  configDigest: string;
  archiveName: string;
}

/** Parses the metadata text; the message names what is wrong, never echoing more than a field's name. */
export function parseArchiveMetadata(text: string): ArchiveMetadata {
  if (text.length > MAX_METADATA_BYTES) {
    throw new Error(`the metadata is ${text.length} bytes, more than ${MAX_METADATA_BYTES}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error('the metadata is not JSON');
  }
  const parsed = ArchiveMetadataSchema.safeParse(json);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(top level)'))];
    throw new Error(`the metadata has bad or missing fields: ${fields.join(', ')}`);
  }
  return parsed.data;
}

/** Every way the metadata disagrees with what is known; empty when it may be pushed. */
export function metadataMismatches(meta: ArchiveMetadata, expected: ExpectedBuild): string[] {
  const out: string[] = [];
  if (meta.pr !== expected.pr) out.push(`it names PR #${meta.pr}, the run is for PR #${expected.pr}`);
  if (meta.head_sha !== expected.headSha) {
    out.push(`it names commit ${meta.head_sha}, the run built ${expected.headSha}`);
  }
  if (meta.service !== expected.service) {
    out.push(`it names service ${meta.service}, this step deploys ${expected.service}`);
  }
  if (meta.config_digest !== expected.configDigest) {
    out.push(`its image config ${meta.config_digest} is not the archive's ${expected.configDigest}`);
  }
  if (meta.archive !== expected.archiveName) {
    out.push(`it describes ${meta.archive}, not ${expected.archiveName}`);
  }
  return out;
}
