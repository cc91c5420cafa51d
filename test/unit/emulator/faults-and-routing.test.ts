import { status } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { Faults, seededRandom } from '../../../src/emulator/faults.js';
import { paginate } from '../../../src/emulator/grpc-server.js';
import { pickWeighted } from '../../../src/emulator/http-router.js';
import { CallRecorder, isMutating } from '../../../src/emulator/recorder.js';
import { launchFromTemplate, startFailureMessage } from '../../../src/emulator/runtime.js';

describe('Faults', () => {
  it('fails exactly the next N calls of a method', () => {
    const f = new Faults();
    f.failNext('UpdateService', 2, status.UNAVAILABLE, 'busy');
    expect(f.decide('GetService')).toBeUndefined();
    expect(f.decide('UpdateService')).toEqual({ code: status.UNAVAILABLE, message: 'busy' });
    expect(f.decide('UpdateService')?.code).toBe(status.UNAVAILABLE);
    expect(f.decide('UpdateService')).toBeUndefined();
  });

  it('fails about the asked fraction, reproducibly for a seed, only for the listed methods', () => {
    const run = (seed: number): boolean[] => {
      const f = new Faults();
      f.failRandomly(1 / 3, [status.UNAVAILABLE], ['GetService'], seed);
      return Array.from({ length: 3000 }, () => f.decide('GetService') !== undefined);
    };
    const a = run(11);
    expect(a).toEqual(run(11));
    const rate = a.filter(Boolean).length / a.length;
    expect(rate).toBeGreaterThan(0.28);
    expect(rate).toBeLessThan(0.39);
    const f = new Faults();
    f.failRandomly(1, [status.UNAVAILABLE], ['GetService'], 1);
    expect(f.decide('ListServices')).toBeUndefined();
  });

  it('resolves latency per method with a * default, and reset clears everything', () => {
    const f = new Faults();
    f.setLatency('*', 5);
    f.setLatency('GetService', 50);
    f.makeUnhealthy('app-00002-abc');
    f.setReadinessDelay(100);
    expect(f.latencyFor('GetService')).toBe(50);
    expect(f.latencyFor('ListServices')).toBe(5);
    expect(f.isUnhealthy('projects/p/locations/l/services/app/revisions/app-00002-abc')).toBe(true);
    f.reset();
    expect([f.latencyFor('GetService'), f.readinessDelayMs, f.isUnhealthy('app-00002-abc')]).toEqual([
      0,
      0,
      false,
    ]);
  });

  it('seededRandom stays in [0, 1)', () => {
    const r = seededRandom(3);
    for (let i = 0; i < 1000; i++) expect(r()).toBeGreaterThanOrEqual(0);
    for (let i = 0; i < 1000; i++) expect(r()).toBeLessThan(1);
  });
});

describe('pickWeighted', () => {
  it('splits by percent and never picks a 0 % target', () => {
    const targets = [
      { id: 'a', percent: 25 },
      { id: 'z', percent: 0 },
      { id: 'b', percent: 75 },
    ];
    expect(pickWeighted(targets, 0)?.id).toBe('a');
    expect(pickWeighted(targets, 0.2499)?.id).toBe('a');
    expect(pickWeighted(targets, 0.25)?.id).toBe('b');
    expect(pickWeighted(targets, 0.9999)?.id).toBe('b');
    expect(pickWeighted([{ percent: 0 }], 0.5)).toBeUndefined();
  });
});

describe('paginate', () => {
  it('walks pages with offset tokens', () => {
    const items = [1, 2, 3, 4, 5];
    expect(paginate(items, 2, '')).toEqual({ page: [1, 2], next: '2' });
    expect(paginate(items, 2, '4')).toEqual({ page: [5], next: '' });
    expect(paginate(items, 0, undefined)).toEqual({ page: items, next: '' });
    expect(() => paginate(items, 2, 'x')).toThrow(/Invalid page token/);
  });
});

describe('recorder', () => {
  it('flags mutating methods only', () => {
    expect(
      ['CreateService', 'UpdateService', 'DeleteRevision', 'DeleteTag', 'SetIamPolicy'].every(isMutating),
    ).toBe(true);
    expect(
      ['GetService', 'ListRevisions', 'GetOperation', 'DeleteOperation', 'TestIamPermissions'].some(
        isMutating,
      ),
    ).toBe(false);
    const r = new CallRecorder();
    r.record({ service: 's', method: 'GetService', request: {}, ok: true, at: 1 });
    r.record({ service: 's', method: 'UpdateService', request: {}, ok: false, code: 10, at: 2 });
    expect(r.mutations().map((c) => c.method)).toEqual(['UpdateService']);
    r.clear();
    expect(r.calls).toEqual([]);
  });
});

describe('launchFromTemplate', () => {
  it('sets PORT from the container port (default 8080), K_* and the template env', () => {
    const l = launchFromTemplate(
      'projects/p/locations/l/services/app/revisions/app-00001-abc',
      'app',
      { containers: [{ image: 'img', env: [{ name: 'MODE', value: 'preview' }], args: ['-x'] }] },
      1000,
    );
    expect(l).toMatchObject({
      revisionId: 'app-00001-abc',
      image: 'img',
      args: ['-x'],
      command: [],
      containerPort: 8080,
    });
    expect(l.env).toEqual({
      MODE: 'preview',
      PORT: '8080',
      K_SERVICE: 'app',
      K_REVISION: 'app-00001-abc',
      K_CONFIGURATION: 'app',
    });
    const p = launchFromTemplate(
      'x/revisions/r',
      's',
      { containers: [{ image: 'i', ports: [{ containerPort: 3000 }] }] },
      1,
    );
    expect(p.env.PORT).toBe('3000');
    expect(startFailureMessage(3000)).toContain('PORT=3000 environment variable');
  });
});
