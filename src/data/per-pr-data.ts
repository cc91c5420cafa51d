/**
 * The one shape of every kind of per-PR data (database, schema, cache namespace): made for one PR, wired into
 * its revision, dropped with it. Each resource is marked as the action's own when made, and `drop` removes
 * only what carries this PR's mark, so cleanup and sweeps can never remove what the action did not make.
 */
export interface PerPrData<Made> {
  /** Makes this PR's resource, or keeps the one already there (its data stays); returns what the app needs. */
  create(): Promise<Made>;
  /** The env vars the app gets for what was made (values that are secrets are marked as such). */
  wire(made: Made): WiredEnv;
  /** Removes this PR's resources that carry its mark; anything else is kept, with the reason. */
  drop(): Promise<DropReport>;
}

/** Env vars for the app; `secret` ones must reach the revision only as secret references. */
export type WiredEnv = Record<string, { value: string; secret: boolean }>;

/** What a drop did. */
export interface DropReport {
  dropped: string[];
  kept: { name: string; reason: string }[];
}
