/**
 * The label keys the action puts on the revisions it makes, declared once: cleanup, promotion, reuse and
 * the sweeps find what is the action's own by these, so a typo in one place would strand a preview.
 */

/** Every revision the action makes carries `managed-by: gcp-deploy`. */
export const MANAGED_BY = 'managed-by';
export const MANAGED: Readonly<Record<string, string>> = { [MANAGED_BY]: 'gcp-deploy' };

/** Whose revision it is and what it was made from. */
export const LABEL = {
  /** The PR a preview revision serves. */
  pr: 'gcp-deploy-pr',
  /** `candidate` (a default-branch commit) or `release` (a promotion). */
  kind: 'gcp-deploy-kind',
  /** The commit it was built from (lowercase, up to 40 hex). */
  sha: 'gcp-deploy-sha',
  /** The hash of the settings that shaped it apart from the image (idempotent re-runs). */
  config: 'gcp-deploy-config',
  /** The digest of its build inputs (build-inputs.ts): an unchanged service reuses its image. */
  inputs: 'gcp-deploy-inputs',
  /** A release revision's source: the revision, its tag and its PR. */
  from: 'gcp-deploy-from',
  fromTag: 'gcp-deploy-from-tag',
  fromPr: 'gcp-deploy-from-pr',
} as const;

/**
 * Annotations the action puts on a revision it makes: what the run found, for a later run to tell without
 * reading it again. Never carried into another revision's template (template-merge.ts).
 */
export const REVISION_ANNOTATION = {
  /** A preview's facts (PreviewFacts, as JSON): profile, identity and production's data connections it shares. */
  previewFacts: 'gcp-deploy.preview-facts',
} as const;

/** Whether the action made this revision (its `managed-by` label says so). */
export function isManaged(labels: Readonly<Record<string, string>>): boolean {
  return labels[MANAGED_BY] === MANAGED[MANAGED_BY];
}
