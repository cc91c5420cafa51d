import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/config/user-error.js';
import { loadSmokeOptions, parseSmokeOptions } from '../../../src/checks/smoke-options.js';

describe('parseSmokeOptions: k6 shortcuts become scenarios as k6 derives them', () => {
  // k6 lib/executor DeriveScenariosFromShortcuts: `vus` with no iterations, duration or stages is a
  // shared-iterations scenario whose iterations equal vus.
  it('vus alone -> shared-iterations with iterations = vus', () => {
    expect(parseSmokeOptions('{"vus": 3}', 'smoke').scenarios).toEqual([
      {
        executor: 'shared-iterations',
        vus: 3,
        iterations: 3,
        maxDuration: 600_000,
        startTime: 0,
        gracefulStop: 30_000,
        name: 'default',
      },
    ]);
  });

  // Same function: scenarios are used only when len(scenarios) > 0; otherwise the default, 1 VU x 1 iteration.
  // An empty stages list is no shortcut either (len(stages) > 0 is the test).
  it('scenarios: {} and stages: [] run the default scenario', () => {
    for (const text of ['{"scenarios": {}}', '{"stages": []}', '{"iterations": 2, "stages": []}']) {
      const [s] = parseSmokeOptions(text, 'smoke').scenarios;
      expect(s?.executor).toBe(text.includes('iterations') ? 'shared-iterations' : 'per-vu-iterations');
    }
  });

  // k6 options are Go null types (null.Int, types.NullDuration): JSON null is "not set".
  it('duration: null, vus: null, iterations: null and stages: null are unset', () => {
    expect(parseSmokeOptions('{"duration": null}', 'smoke').scenarios[0]?.executor).toBe('per-vu-iterations');
    expect(parseSmokeOptions('{"vus": 2, "duration": null}', 'smoke').scenarios[0]).toMatchObject({
      executor: 'shared-iterations',
      iterations: 2,
    });
    expect(
      parseSmokeOptions('{"iterations": null, "stages": null, "duration": "5s", "vus": null}', 'smoke')
        .scenarios[0],
    ).toMatchObject({ executor: 'constant-vus', vus: 1, duration: 5000 });
  });

  // k6 RampingVUsConfig.Validate refuses a scenario whose startVUs and every target are 0; with one VU
  // somewhere it is valid.
  it('ramping-vus needs startVUs or a target above 0', () => {
    const [s] = parseSmokeOptions(
      '{"scenarios": {"r": {"executor": "ramping-vus", "startVUs": 0, "stages": [{"duration": "1s", "target": 1}]}}}',
      'smoke',
    ).scenarios;
    expect(s).toMatchObject({ executor: 'ramping-vus', startVUs: 0 });
  });

  it('top-level tags are kept for every sample', () => {
    expect(parseSmokeOptions('{"tags": {"team": "web"}}', 'smoke').tags).toEqual({ team: 'web' });
    expect(parseSmokeOptions('{}', 'smoke').tags).toEqual({});
  });

  it('vus + duration -> constant-vus', () => {
    expect(parseSmokeOptions('{"vus": 10, "duration": "30s"}', 'smoke').scenarios).toEqual([
      {
        executor: 'constant-vus',
        vus: 10,
        duration: 30_000,
        startTime: 0,
        gracefulStop: 30_000,
        name: 'default',
      },
    ]);
  });

  it('stages -> ramping-vus starting from vus', () => {
    const [s] = parseSmokeOptions(
      'vus: 2\nstages:\n  - {duration: 1m, target: 10}\n  - {duration: 30s, target: 0}\n',
      'smoke',
    ).scenarios;
    expect(s).toMatchObject({
      executor: 'ramping-vus',
      startVUs: 2,
      stages: [
        { duration: 60_000, target: 10 },
        { duration: 30_000, target: 0 },
      ],
    });
  });

  it('iterations (+ duration) -> shared-iterations with maxDuration', () => {
    expect(parseSmokeOptions('iterations: 20\nvus: 4\nduration: 1m', 'smoke').scenarios[0]).toMatchObject({
      executor: 'shared-iterations',
      vus: 4,
      iterations: 20,
      maxDuration: 60_000,
    });
  });

  it('nothing -> one iteration of one VU; empty text too', () => {
    for (const text of ['{}', '', 'thresholds: {}']) {
      expect(parseSmokeOptions(text, 'smoke').scenarios[0]).toMatchObject({
        executor: 'per-vu-iterations',
        vus: 1,
        iterations: 1,
      });
    }
  });

  it('reads every executor with k6 defaults', () => {
    const o = parseSmokeOptions(
      JSON.stringify({
        scenarios: {
          a: { executor: 'shared-iterations' },
          b: { executor: 'per-vu-iterations', vus: 2, iterations: 3 },
          c: { executor: 'constant-vus', duration: '10s' },
          d: { executor: 'ramping-vus', stages: [{ duration: '5s', target: 3 }] },
          e: { executor: 'constant-arrival-rate', rate: 50, duration: '10s', preAllocatedVUs: 5 },
          f: {
            executor: 'ramping-arrival-rate',
            stages: [{ duration: '10s', target: 100 }],
            preAllocatedVUs: 2,
            maxVUs: 20,
            timeUnit: '1m',
            startTime: '5s',
          },
        },
      }),
      'smoke',
    );
    expect(o.scenarios).toMatchObject([
      {
        name: 'a',
        executor: 'shared-iterations',
        vus: 1,
        iterations: 1,
        maxDuration: 600_000,
        gracefulStop: 30_000,
      },
      { name: 'b', executor: 'per-vu-iterations', vus: 2, iterations: 3 },
      { name: 'c', executor: 'constant-vus', vus: 1, duration: 10_000 },
      { name: 'd', executor: 'ramping-vus', startVUs: 1, gracefulRampDown: 30_000 },
      {
        name: 'e',
        executor: 'constant-arrival-rate',
        rate: 50,
        timeUnit: 1000,
        preAllocatedVUs: 5,
        maxVUs: 5,
      },
      {
        name: 'f',
        executor: 'ramping-arrival-rate',
        startRate: 0,
        timeUnit: 60_000,
        maxVUs: 20,
        startTime: 5000,
      },
    ]);
  });

  it.each([
    [
      '{"vus": 2, "duration": "10s", "scenarios": {"a": {"executor": "constant-vus", "duration": "1s"}}}',
      /either scenarios or the shortcuts/,
    ],
    [
      '{"iterations": 2, "scenarios": {"a": {"executor": "shared-iterations"}}}',
      /either scenarios or the shortcuts/,
    ],
    ['{"duration": "10s", "stages": [{"duration": "1s", "target": 1}]}', /duration and stages together/],
    ['{"iterations": 10, "stages": [{"duration": "1s", "target": 1}]}', /iterations and stages together/],
    [
      '{"scenarios": {"r": {"executor": "ramping-vus", "startVUs": 0, "stages": [{"duration": "1s", "target": 0}]}}}',
      /smoke\.scenarios\.r.*startVUs or at least one stage target above 0/,
    ],
    ['{"vus": 0, "stages": [{"duration": "1s", "target": 0}]}', /startVUs or at least one stage target/],
    ['{"duration": "1.5d"}', /smoke\.duration.*k6 duration/],
    ['{"vus": 2, "scenarios": {}}', /either scenarios or the shortcuts/],
    ['{"iterations": 2, "vus": 5}', /iterations must be at least vus/],
    ['{"duration": "soon"}', /smoke\.duration.*k6 duration/],
    [
      '{"scenarios": {"a": {"executor": "constant-arrival-rate", "rate": 5, "duration": "1s", "preAllocatedVUs": 5, "maxVUs": 2}}}',
      /maxVUs.*at least preAllocatedVUs/,
    ],
    [
      '{"scenarios": {"a": {"executor": "constant-arrival-rate", "duration": "1s", "preAllocatedVUs": 1}}}',
      /smoke\.scenarios\.a\.rate/,
    ],
    ['{"scenarios": {"a": {"executor": "externally-controlled"}}}', /smoke\.scenarios\.a\.executor/],
    [
      '{"scenarios": {"a": {"executor": "constant-vus", "duration": "1s", "exek": "x"}}}',
      /unknown key\(s\) exek; allowed here: .*exec, options/,
    ],
    // k6 parses signed durations, then its executor validation refuses negative ones.
    [
      '{"scenarios": {"a": {"executor": "constant-vus", "duration": "1s", "startTime": "-1d2h"}}}',
      /smoke\.scenarios\.a\.startTime.*-1d2h.*can't be negative/,
    ],
    ['{"stages": [{"duration": "-5s", "target": 1}]}', /smoke\.stages\.0\.duration.*can't be negative/],
    ['{"duration": "106752d"}', /smoke\.duration.*106752d.*292 years/],
    ['{"duration": 1e16}', /smoke\.duration.*292 years/],
    ['{"vu": 3}', /unknown key\(s\) vu/],
    ['{"requests": [{"path": "https://evil.example/"}]}', /smoke\.requests\.0\.path.*starting with '\/'/],
    ['{"thresholds": {"http_req_duration": ["p95<500"]}}', /smoke\.thresholds\.http_req_duration.*"p95<500"/],
    ['[1, 2]', /JSON or YAML object/],
    // k6 refuses group names containing its path separator '::'.
    ['{"requests": [{"path": "/", "group": "a::b"}]}', /smoke\.requests\.0\.group.*may not contain '::'/],
    ['{"vus": ', /JSON or YAML/],
  ])('rejects %s', (text, message) => {
    expect(() => parseSmokeOptions(text, 'smoke')).toThrow(UserError);
    expect(() => parseSmokeOptions(text, 'smoke')).toThrow(message);
  });

  // k6 reads `scenarios` into a Go map, so null is the same as no scenarios at all.
  it('scenarios: null runs the default, as an absent key does', () => {
    expect(parseSmokeOptions('{"scenarios": null}', 'smoke').scenarios).toEqual(
      parseSmokeOptions('{}', 'smoke').scenarios,
    );
    expect(
      parseSmokeOptions('{"scenarios": null, "vus": 2, "duration": "1s"}', 'smoke').scenarios[0],
    ).toMatchObject({
      executor: 'constant-vus',
      vus: 2,
    });
  });

  // Options k6 scenarios carry for a script (exec: the function to call; env: __ENV; options.browser) are
  // accepted so pasted k6 options parse, and each is named in a notice for the run's log.
  it('accepts exec, env and browser options on a scenario, each with a notice', () => {
    const o = parseSmokeOptions(
      JSON.stringify({
        scenarios: {
          ui: {
            executor: 'shared-iterations',
            exec: 'browse',
            env: { MODE: 'ui' },
            options: { browser: { type: 'chromium' } },
          },
          api: { executor: 'constant-vus', duration: '1s' },
        },
      }),
      'smoke',
    );
    expect(o.scenarios.map((s) => s.name)).toEqual(['ui', 'api']);
    expect(o.notices).toEqual([
      'smoke.scenarios.ui.exec is accepted and has no effect: there is no script function to call: every iteration sends the `requests` list.',
      'smoke.scenarios.ui.env is accepted and has no effect: there is no script to read __ENV.',
      'smoke.scenarios.ui.options is accepted and has no effect: there is no browser here (k6 browser options need a script and the browser module).',
    ]);
    expect(parseSmokeOptions('{"vus": 1}', 'smoke').notices).toEqual([]);
  });

  it('reads requests with checks, and defaults to GET /', () => {
    const o = parseSmokeOptions(
      `
requests:
  - name: api
    method: post
    path: /api/items
    headers: { X-Trace: abc }
    body: { a: 1 }
    timeout: 5s
    checks: { status: [200, 201], bodyContains: created, json: { data.id: 7 }, maxDuration: 300ms }
`,
      'smoke',
    );
    expect(o.requests[0]).toMatchObject({
      name: 'api',
      method: 'POST',
      path: '/api/items',
      body: '{"a":1}',
      timeoutMs: 5000,
      headers: { 'X-Trace': 'abc', 'content-type': 'application/json' },
    });
    expect(o.requests[0]?.checks.map((c) => c.name)).toEqual([
      'api: status is 200 or 201',
      'api: body contains "created"',
      'api: json data.id == 7',
      'api: duration < 300ms',
    ]);
    expect(parseSmokeOptions('{}', 'smoke').requests).toEqual([
      {
        name: '/',
        group: '',
        method: 'GET',
        path: '/',
        headers: {},
        body: undefined,
        timeoutMs: 60_000,
        checks: [],
      },
    ]);
    expect(o.expectedStatuses).toEqual([{ min: 200, max: 399 }]);
  });
});

describe('loadSmokeOptions', () => {
  it('reads a .yml or .json file, and names the file in errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'smoke-opts-'));
    writeFileSync(join(dir, 'smoke.yml'), 'vus: 2\nduration: 5s\n');
    writeFileSync(join(dir, 'bad.json'), '{"thresholds": {"http_reqs": ["p(95)<1"]}}');
    expect(loadSmokeOptions(join(dir, 'smoke.yml'), 'smoke').scenarios[0]).toMatchObject({
      vus: 2,
      duration: 5000,
    });
    expect(() => loadSmokeOptions(join(dir, 'bad.json'), 'smoke')).toThrow(/bad\.json.*counter metric/);
    expect(() => loadSmokeOptions(join(dir, 'missing.yaml'), 'smoke')).toThrow(/readable/);
  });
});
