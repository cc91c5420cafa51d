/**
 * k6's threshold grammar: a metric name with an optional tag filter (`http_req_duration{name:home}`) and
 * a list of `aggregation operator number` expressions or `{ threshold, abortOnFail, delayAbortEval }` objects.
 * Everything is checked here, at config-parse time, before any request is sent.
 */
import { UserError } from '../config/user-error.js';
import { parseK6Duration } from './duration.js';
import { AGGREGATIONS, METRIC_TYPES, type MetricType } from './metric-catalog.js';

export type Operator = '>' | '>=' | '<=' | '<' | '==' | '===' | '!=';

export type Aggregation =
  { kind: 'avg' | 'min' | 'max' | 'med' | 'rate' | 'count' | 'value' } | { kind: 'p'; p: number };

/** A metric name and its tag filter, parsed from a thresholds key. */
export interface MetricSelector {
  /** The key as written, e.g. `http_req_duration{name:home}`. */
  key: string;
  name: string;
  type: MetricType;
  tags: Readonly<Record<string, string>>;
}

/** One threshold expression, validated. */
export interface ThresholdSpec {
  selector: MetricSelector;
  /** As written, e.g. `p(95)<500`. */
  expression: string;
  aggregation: Aggregation;
  operator: Operator;
  value: number;
  abortOnFail: boolean;
  delayAbortEvalMs: number;
}

// Longest first, so ">=" is not read as ">" followed by "=500".
const OPERATORS: readonly Operator[] = ['===', '==', '!=', '>=', '<=', '>', '<'];
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Splits `name{tag:value,...}` into the name and its tags (quotes around values are dropped, as k6 does). */
export function parseMetricSelector(key: string, inputName: string): MetricSelector {
  const trimmed = key.trim();
  const open = trimmed.indexOf('{');
  const name = (open === -1 ? trimmed : trimmed.slice(0, open)).trim();
  const type = METRIC_TYPES[name];
  if (type === undefined) {
    throw UserError.forInput(
      `${inputName}.thresholds`,
      key,
      `allowed metrics: ${Object.keys(METRIC_TYPES).join(', ')}`,
    );
  }
  const tags: Record<string, string> = {};
  if (open !== -1) {
    if (!trimmed.endsWith('}')) {
      throw UserError.forInput(
        `${inputName}.thresholds`,
        key,
        'a tag filter looks like metric{tag:value,tag2:value}',
      );
    }
    const body = trimmed.slice(open + 1, -1);
    for (const part of body.split(',')) {
      // k6 (metrics ParseMetricName): the text after ':' must not be empty, but once quotes are trimmed the
      // value may be: `{group:""}` selects samples whose group tag is the empty string (the root group).
      // ParseMetricName refuses only a value that is empty as written: `{name: }` passes it, and its value
      // trims to the empty string.
      const colon = part.indexOf(':');
      const rawValue = colon === -1 ? '' : part.slice(colon + 1);
      const tag = colon === -1 ? '' : unquote(part.slice(0, colon));
      if (tag === '' || rawValue === '') {
        throw UserError.forInput(
          `${inputName}.thresholds`,
          key,
          'a tag filter looks like metric{tag:value,tag2:"quoted value"} with a tag name and a value after each colon',
        );
      }
      tags[tag] = unquote(rawValue);
    }
  }
  return { key, name, type, tags };
}

/**
 * k6's Metric.AddSubmetric: spaces trimmed, then quote characters (" and ') from both ends, and nothing more,
 * so the spaces inside quotes are part of the value (`{name:" home "}` selects the name " home ").
 */
function unquote(s: string): string {
  return s.trim().replace(/^["']+|["']+$/g, '');
}

/** Parses one `aggregation operator number` expression for a metric, checking the aggregation fits its type. */
export function parseThresholdExpression(
  selector: MetricSelector,
  expression: string,
  inputName: string,
): Pick<ThresholdSpec, 'aggregation' | 'operator' | 'value'> {
  const bad = (why: string): UserError =>
    UserError.forInput(`${inputName}.thresholds.${selector.key}`, expression, why);
  let at = -1;
  let operator: Operator | undefined;
  for (const op of OPERATORS) {
    const i = expression.indexOf(op);
    if (i !== -1 && (at === -1 || i < at)) {
      at = i;
      operator = op;
    }
  }
  // The earliest operator wins; at the same spot the longer token is listed first above.
  if (operator === undefined) {
    throw bad('a threshold is "aggregation operator number" with an operator among > >= <= < == === !=');
  }
  const left = expression.slice(0, at).trim();
  const right = expression.slice(at + operator.length).trim();
  if (!NUMBER.test(right)) throw bad(`the right-hand side must be a number, got "${right}"`);
  const aggregation = parseAggregation(left);
  const allowed = AGGREGATIONS[selector.type];
  const label = aggregation?.kind === 'p' ? 'p(N)' : aggregation?.kind;
  if (aggregation === undefined || label === undefined || !allowed.includes(label)) {
    throw bad(`${selector.name} is a ${selector.type} metric; its aggregations are ${allowed.join(', ')}`);
  }
  return { aggregation, operator, value: Number(right) };
}

function parseAggregation(text: string): Aggregation | undefined {
  const p = /^p\(\s*(\d+(?:\.\d+)?)\s*\)$/.exec(text);
  if (p !== null) {
    const n = Number(p[1]);
    return n >= 0 && n <= 100 ? { kind: 'p', p: n } : undefined;
  }
  switch (text) {
    case 'avg':
    case 'min':
    case 'max':
    case 'med':
    case 'rate':
    case 'count':
    case 'value':
      return { kind: text };
    default:
      return undefined;
  }
}

/** Validates a k6 `thresholds` object (already decoded from JSON/YAML) into specs. */
export function parseThresholds(raw: unknown, inputName: string): ThresholdSpec[] {
  if (raw === undefined || raw === null) return [];
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw UserError.forInput(
      `${inputName}.thresholds`,
      JSON.stringify(raw),
      'thresholds is an object: metric -> list of expressions',
    );
  }
  const specs: ThresholdSpec[] = [];
  for (const [key, list] of Object.entries(raw as Record<string, unknown>)) {
    const selector = parseMetricSelector(key, inputName);
    const items: unknown[] = Array.isArray(list) ? list : [list];
    for (const item of items) specs.push(parseThresholdItem(selector, item, inputName));
  }
  return specs;
}

function parseThresholdItem(selector: MetricSelector, item: unknown, inputName: string): ThresholdSpec {
  const where = `${inputName}.thresholds.${selector.key}`;
  if (typeof item === 'string') {
    return {
      selector,
      expression: item,
      ...parseThresholdExpression(selector, item, inputName),
      abortOnFail: false,
      delayAbortEvalMs: 0,
    };
  }
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    throw UserError.forInput(
      where,
      JSON.stringify(item),
      'each threshold is a string like "p(95)<500" or { threshold, abortOnFail, delayAbortEval }',
    );
  }
  const obj = item as Record<string, unknown>;
  const unknownKeys = Object.keys(obj).filter(
    (k) => !['threshold', 'abortOnFail', 'delayAbortEval'].includes(k),
  );
  if (unknownKeys.length > 0 || typeof obj.threshold !== 'string') {
    throw UserError.forInput(
      where,
      JSON.stringify(item),
      'a threshold object has threshold (string), abortOnFail (boolean) and delayAbortEval (duration)',
    );
  }
  // JSON null leaves k6's Go fields unset: abortOnFail false, delayAbortEval none (checked from the start).
  if (obj.abortOnFail != null && typeof obj.abortOnFail !== 'boolean') {
    throw UserError.forInput(`${where}.abortOnFail`, JSON.stringify(obj.abortOnFail), 'true or false');
  }
  let delay = 0;
  if (obj.delayAbortEval != null) {
    const d =
      typeof obj.delayAbortEval === 'string' || typeof obj.delayAbortEval === 'number'
        ? parseK6Duration(obj.delayAbortEval)
        : undefined;
    if (d === undefined)
      throw UserError.forInput(
        `${where}.delayAbortEval`,
        JSON.stringify(obj.delayAbortEval),
        'a duration like "10s" or "1m30s"',
      );
    // k6 keeps a negative delay; it is already past at the first check, so it acts as no delay.
    delay = Math.max(0, d);
  }
  const expression = obj.threshold;
  return {
    selector,
    expression,
    ...parseThresholdExpression(selector, expression, inputName),
    abortOnFail: obj.abortOnFail === true,
    delayAbortEvalMs: delay,
  };
}
