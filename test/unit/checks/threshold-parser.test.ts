import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/config/user-error.js';
import { parseMetricSelector, parseThresholds } from '../../../src/checks/threshold-parser.js';

describe('parseThresholds', () => {
  it('reads k6 expressions with every operator and aggregation', () => {
    const specs = parseThresholds(
      {
        http_req_duration: [
          'p(95)<500',
          'p(99.9) <= 1000',
          'avg>1',
          'min>=0',
          'max!=5',
          'med==3',
          'p(50)===2',
        ],
        http_req_failed: ['rate<0.01'],
        http_reqs: ['count>10', 'rate>=2'],
        vus: ['value<=10'],
      },
      'smoke',
    );
    expect(specs.map((s) => [s.selector.name, s.aggregation, s.operator, s.value])).toEqual([
      ['http_req_duration', { kind: 'p', p: 95 }, '<', 500],
      ['http_req_duration', { kind: 'p', p: 99.9 }, '<=', 1000],
      ['http_req_duration', { kind: 'avg' }, '>', 1],
      ['http_req_duration', { kind: 'min' }, '>=', 0],
      ['http_req_duration', { kind: 'max' }, '!=', 5],
      ['http_req_duration', { kind: 'med' }, '==', 3],
      ['http_req_duration', { kind: 'p', p: 50 }, '===', 2],
      ['http_req_failed', { kind: 'rate' }, '<', 0.01],
      ['http_reqs', { kind: 'count' }, '>', 10],
      ['http_reqs', { kind: 'rate' }, '>=', 2],
      ['vus', { kind: 'value' }, '<=', 10],
    ]);
  });

  it('reads the object form with abortOnFail and delayAbortEval', () => {
    const [spec] = parseThresholds(
      { http_req_failed: [{ threshold: 'rate<0.1', abortOnFail: true, delayAbortEval: '10s' }] },
      'smoke',
    );
    expect(spec).toMatchObject({ expression: 'rate<0.1', abortOnFail: true, delayAbortEvalMs: 10_000 });
  });

  it('reads tag filters, with or without quotes', () => {
    expect(parseMetricSelector('http_req_duration{name:home}', 'smoke').tags).toEqual({ name: 'home' });
    expect(parseMetricSelector('http_req_duration{ status: "200", method:GET }', 'smoke').tags).toEqual({
      status: '200',
      method: 'GET',
    });
    expect(parseMetricSelector('http_reqs{scenario:warm}', 'smoke')).toMatchObject({
      name: 'http_reqs',
      type: 'counter',
    });
  });

  it.each([
    [
      'http_req_duration',
      'rate<0.1',
      /http_req_duration.*trend metric; its aggregations are avg, min, max, med, p\(N\)/,
    ],
    ['http_req_failed', 'p(95)<500', /http_req_failed.*rate metric; its aggregations are rate/],
    ['http_reqs', 'avg<3', /counter metric; its aggregations are count, rate/],
    ['checks', 'count>1', /rate metric/],
    ['http_req_duration', 'p(95)<', /right-hand side must be a number/],
    ['http_req_duration', 'p(95)<abc', /right-hand side must be a number/],
    ['http_req_duration', 'p(95) 500', /operator among/],
    ['http_req_duration', 'p(101)<500', /aggregations are/],
    ['http_req_duration', 'p95<500', /aggregations are/],
    ['http_req_duration', 'p(95)=<500', /aggregations are/],
  ])('%s: %s is a clear input error naming the metric and the expression', (metric, expr, message) => {
    const run = (): unknown => parseThresholds({ [metric]: [expr] }, 'smoke');
    expect(run).toThrow(UserError);
    expect(run).toThrow(message);
    expect(run).toThrow(`smoke.thresholds.${metric}`);
    expect(run).toThrow(JSON.stringify(expr));
  });

  it('rejects unknown metrics, broken tag filters and bad objects', () => {
    expect(() => parseThresholds({ http_req_nope: ['avg<1'] }, 'smoke')).toThrow(
      /allowed metrics: http_req_duration/,
    );
    expect(() => parseThresholds({ 'http_req_duration{name}': ['avg<1'] }, 'smoke')).toThrow(/tag filter/);
    expect(() => parseThresholds({ 'http_req_duration{name:a': ['avg<1'] }, 'smoke')).toThrow(/tag filter/);
    expect(() =>
      parseThresholds({ http_req_duration: [{ threshold: 'avg<1', abort: true }] }, 'smoke'),
    ).toThrow(/abortOnFail/);
    expect(() =>
      parseThresholds({ http_req_duration: [{ threshold: 'avg<1', delayAbortEval: 'soon' }] }, 'smoke'),
    ).toThrow(/delayAbortEval/);
    expect(() => parseThresholds(['avg<1'], 'smoke')).toThrow(/thresholds is an object/);
  });
});

describe('parseThresholds: shapes k6 accepts', () => {
  // k6 metrics ParseMetricName: `tag:value` pairs split on ',', and only an empty text after the colon is
  // malformed (`{name:}`); `{name: }` passes it. Metric.AddSubmetric then trims spaces, then quotes (" '),
  // so a quoted empty value and a blank one both filter on the value "".
  it('a quoted empty tag value filters on the empty string, and so does a blank one; none at all is refused', () => {
    const [a] = parseThresholds({ 'http_req_duration{group:""}': ['avg<1'] }, 'smoke');
    expect(a?.selector.tags).toEqual({ group: '' });
    const [b] = parseThresholds({ "http_req_duration{name: 'home' , status:200}": ['avg<1'] }, 'smoke');
    expect(b?.selector.tags).toEqual({ name: 'home', status: '200' });
    const [c] = parseThresholds({ 'http_req_duration{name: }': ['avg<1'] }, 'smoke');
    expect(c?.selector.tags).toEqual({ name: '' });
    expect(() => parseThresholds({ 'http_req_duration{name:}': ['avg<1'] }, 'smoke')).toThrow(/tag filter/);
  });

  // Metric.AddSubmetric trims spaces first and quotes second, and stops there: spaces inside the quotes are
  // part of the value, so `{name:" home "}` selects requests named " home ", not "home".
  it.each([
    ['http_req_duration{name:" home "}', { name: ' home ' }],
    ["http_req_duration{name: ' my page' }", { name: ' my page' }],
    ['http_req_duration{" name ":home}', { ' name ': 'home' }],
    ['http_req_duration{name:  home  }', { name: 'home' }],
    ['http_req_duration{name:"a b"}', { name: 'a b' }],
  ])('keeps quoted spaces as k6 does: %s', (key, tags) => {
    expect(parseMetricSelector(key, 'smoke').tags).toEqual(tags);
  });

  // k6 keeps a negative delayAbortEval (a signed duration); it is already past when the first check runs.
  it('a negative delayAbortEval is accepted and acts as no delay', () => {
    const [t] = parseThresholds(
      { http_req_failed: [{ threshold: 'rate<0.1', abortOnFail: true, delayAbortEval: '-1d2h' }] },
      'smoke',
    );
    expect(t).toMatchObject({ abortOnFail: true, delayAbortEvalMs: 0 });
  });

  // k6 thresholdConfig: delayAbortEval is a types.NullDuration and abortOnFail a Go bool; JSON null leaves
  // both unset (no delay, no abort) rather than being an error.
  it('delayAbortEval: null and abortOnFail: null are unset', () => {
    const [t] = parseThresholds(
      { http_req_failed: [{ threshold: 'rate<0.1', abortOnFail: true, delayAbortEval: null }] },
      'smoke',
    );
    expect(t).toMatchObject({ abortOnFail: true, delayAbortEvalMs: 0 });
    const [u] = parseThresholds({ http_req_failed: [{ threshold: 'rate<0.1', abortOnFail: null }] }, 'smoke');
    expect(u).toMatchObject({ abortOnFail: false, delayAbortEvalMs: 0 });
  });
});
