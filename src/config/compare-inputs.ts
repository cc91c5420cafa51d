/**
 * The comparison inputs (`compare`, `regression`, `regression_mode`): their allowed values, and the rule
 * that ties them, so that a threshold without a baseline is an input error before anything is built.
 */
import type { RegressionThreshold } from '../checks/regression-thresholds.js';
import { UserError } from './user-error.js';

export const COMPARE_MODES = ['off', 'production', 'candidate'] as const;
export const REGRESSION_MODES = ['fail', 'report'] as const;

export interface CompareSettings {
  /** off (default): no comparison; production: against the baseline revision; candidate: the base commit's. */
  against: (typeof COMPARE_MODES)[number];
  regression: RegressionThreshold[];
  /** fail (default): a failing regression threshold fails the checks; report: it is only reported. */
  mode: (typeof REGRESSION_MODES)[number];
}

/**
 * The three inputs, each already parsed by its row of the input table (inputs.ts), checked together: thresholds
 * need a baseline to be measured against. `regressionText` is the input as given, for the message.
 */
export function compareSettings(
  given: {
    compare: CompareSettings['against'];
    regression: RegressionThreshold[] | undefined;
    regressionMode: CompareSettings['mode'];
  },
  regressionText: string,
): CompareSettings {
  const regression = given.regression ?? [];
  if (regression.length > 0 && given.compare === 'off') {
    throw UserError.forInput(
      'regression',
      regressionText,
      'regression thresholds need a baseline: set compare to production or candidate',
    );
  }
  return { against: given.compare, regression, mode: given.regressionMode };
}
