/**
 * The comparison inputs (`compare`, `regression`, `regression_mode`), parsed in one place so that
 * parseConfig calls one function: every mistake is an input error before anything is built.
 */
import { parseRegressionThresholds, type RegressionThreshold } from '../checks/regression-thresholds.js';
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

/** The three inputs as given (trimmed; empty when unset). */
export function parseCompareSettings(given: {
  compare: string;
  regression: string;
  regressionMode: string;
}): CompareSettings {
  const against = given.compare || 'off';
  if (!(COMPARE_MODES as readonly string[]).includes(against)) {
    throw UserError.forInput('compare', against, `allowed: ${COMPARE_MODES.join(', ')}`);
  }
  const mode = given.regressionMode || 'fail';
  if (!(REGRESSION_MODES as readonly string[]).includes(mode)) {
    throw UserError.forInput('regression_mode', mode, `allowed: ${REGRESSION_MODES.join(', ')}`);
  }
  const text = given.regression;
  const regression = text === '' ? [] : parseRegressionThresholds(text);
  if (regression.length > 0 && against === 'off') {
    throw UserError.forInput(
      'regression',
      text,
      'regression thresholds need a baseline: set compare to production or candidate',
    );
  }
  return {
    against: against as CompareSettings['against'],
    regression,
    mode: mode as CompareSettings['mode'],
  };
}
