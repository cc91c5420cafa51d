import { status } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import type { Msg } from '../../../src/emulator/cloud-run-records.js';
import { RpcError } from '../../../src/emulator/rpc-error.js';
import { launchFromTemplate } from '../../../src/emulator/runtime.js';
import {
  ingressContainer,
  validateServiceInput,
  validateTemplate,
} from '../../../src/emulator/template-validation.js';

/** The INVALID_ARGUMENT message `fn` throws, or undefined when it accepts. */
function refusal(fn: () => void): string | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    expect(err).toBeInstanceOf(RpcError);
    expect((err as RpcError).code).toBe(status.INVALID_ARGUMENT);
    return (err as RpcError).message;
  }
}

const c = (extra: Msg = {}): Msg => ({ image: 'img', ...extra });
const port = (n: number): Msg => ({ ports: [{ containerPort: n }] });
const refused = (template: Msg): string | undefined => refusal(() => validateTemplate(template));

describe('containers and the ingress port', () => {
  it('needs at least one container, each with an image, and at most ten', () => {
    expect(refused({})).toBe('template.containers: at least one container is required.');
    expect(refused({ containers: [c(), { name: 'x' }] })).toBe(
      'template.containers[1].image: an image is required.',
    );
    const many = (n: number): Msg[] => [c(port(8080)), ...Array.from({ length: n - 1 }, () => c())];
    expect(refused({ containers: many(10) })).toBeUndefined();
    expect(refused({ containers: many(11) })).toMatch(/at most 10 containers, got 11/);
  });

  it('accepts one port per container and refuses two', () => {
    expect(refused({ containers: [c(port(8080))] })).toBeUndefined();
    expect(refused({ containers: [c({ ports: [{ containerPort: 8080 }, { containerPort: 9090 }] })] })).toBe(
      'template.containers[0].ports: ports should contain 0 or 1 port.',
    );
  });

  it('accepts ports 1 and 65535 and refuses 65536', () => {
    expect(refused({ containers: [c(port(1))] })).toBeUndefined();
    expect(refused({ containers: [c(port(65535))] })).toBeUndefined();
    expect(refused({ containers: [c(port(65536))] })).toMatch(
      /^template\.containers\[0\]\.ports\[0\]\.container_port: must be between 1 and 65535/,
    );
  });

  it('lets a single container omit its port (Cloud Run then sends to 8080)', () => {
    expect(refused({ containers: [c()] })).toBeUndefined();
  });

  it('with several containers, needs exactly one with a port', () => {
    const message =
      'template.containers: Revision template should contain exactly one container with an exposed port.';
    expect(refused({ containers: [c(), c(port(8080))] })).toBeUndefined();
    expect(refused({ containers: [c(), c()] })).toBe(message);
    expect(refused({ containers: [c(port(8080)), c(port(9090))] })).toBe(message);
  });

  it('picks the container with a port, or the only one, as the ingress container', () => {
    const sidecar = c({ name: 'sidecar' });
    const app = c({ name: 'app', ...port(3000) });
    expect(ingressContainer({ containers: [sidecar, app] })).toBe(app);
    expect(ingressContainer({ containers: [sidecar] })).toBe(sidecar);
  });

  it('launches the ingress container, not containers[0]', () => {
    const template = {
      containers: [
        c({ name: 'sidecar', image: 'proxy', command: ['proxy'], env: [{ name: 'WHO', value: 'sidecar' }] }),
        c({
          name: 'app',
          image: 'app',
          command: ['serve'],
          args: ['-v'],
          env: [{ name: 'WHO', value: 'app' }],
          ...port(3000),
        }),
      ],
    };
    const launch = launchFromTemplate('projects/p/locations/l/services/s/revisions/s-1', 's', template, 1000);
    expect(launch).toMatchObject({ image: 'app', command: ['serve'], args: ['-v'], containerPort: 3000 });
    expect(launch.env).toMatchObject({ WHO: 'app', PORT: '3000', K_REVISION: 's-1' });
  });
});

describe('env', () => {
  it.each(['PORT', 'K_SERVICE', 'K_REVISION', 'K_CONFIGURATION'])('refuses the reserved name %s', (name) => {
    expect(refused({ containers: [c({ env: [{ name, value: '1' }] })] })).toBe(
      `template.containers[0].env: The following reserved env names were provided: ${name}. These values are automatically set by the system.`,
    );
  });

  it('names every reserved variable of a container, in sidecars too', () => {
    const env = [
      { name: 'K_SERVICE', value: 'x' },
      { name: 'OK', value: '' },
      { name: 'PORT', value: '1' },
    ];
    expect(refused({ containers: [c(port(8080)), c({ env })] })).toMatch(
      /^template\.containers\[1\]\.env: The following reserved env names were provided: PORT, K_SERVICE\./,
    );
  });

  it('accepts other names, and secret references', () => {
    const env = [
      { name: 'PORTS', value: '1' },
      { name: 'K_OTHER', value: '1' },
      { name: 'DB', valueSource: { secretKeyRef: { secret: 's', version: 'latest' } } },
    ];
    expect(refused({ containers: [c({ env })] })).toBeUndefined();
  });
});

describe('volume mounts', () => {
  it('accepts mounts of declared volumes and refuses an undeclared one', () => {
    const volumes = [{ name: 'data', emptyDir: {} }];
    const mounts = (...names: string[]): Msg => ({
      volumeMounts: names.map((name) => ({ name, mountPath: `/${name}` })),
    });
    expect(refused({ volumes, containers: [c(mounts('data'))] })).toBeUndefined();
    expect(refused({ volumes, containers: [c(mounts('data', 'cache'))] })).toBe(
      "template.containers[0].volume_mounts[1].name: volume 'cache' is not declared in template.volumes.",
    );
    expect(refused({ containers: [c(port(8080)), c(mounts('data'))] })).toMatch(
      /^template\.containers\[1\]\.volume_mounts\[0\]\.name: volume 'data'/,
    );
  });
});

describe('concurrency and timeout', () => {
  it('accepts a concurrency of 1000 and refuses 1001', () => {
    expect(refused({ containers: [c()], maxInstanceRequestConcurrency: 1000 })).toBeUndefined();
    expect(refused({ containers: [c()], maxInstanceRequestConcurrency: 1001 })).toBe(
      'template.max_instance_request_concurrency: must be between 0 and 1000, got 1001.',
    );
    expect(refused({ containers: [c()], maxInstanceRequestConcurrency: -1 })).toMatch(/got -1\./);
  });

  it('accepts a 3600 s timeout and refuses 3600.000000001 s and 3601 s', () => {
    expect(refused({ containers: [c()], timeout: { seconds: '3600' } })).toBeUndefined();
    expect(refused({ containers: [c()], timeout: { seconds: '3600', nanos: 1 } })).toMatch(
      /^template\.timeout: the request timeout must be between 0 and 3600 seconds/,
    );
    expect(refused({ containers: [c()], timeout: { seconds: '3601' } })).toMatch(/got 3601s\./);
    expect(refused({ containers: [c()], timeout: { seconds: '-1' } })).toMatch(/got -1s\./);
  });
});

describe('template labels and annotations', () => {
  it('refuses system namespaces on the template, as the proto comments say', () => {
    expect(refused({ containers: [c()], labels: { 'run.googleapis.com/x': 'y' } })).toMatch(
      /^template\.labels: /,
    );
    expect(
      refused({ containers: [c()], annotations: { 'run.googleapis.com/cpu-throttling': 'false' } }),
    ).toMatch(/^template\.annotations: Cloud Run API v2 does not support annotations/);
    expect(refused({ containers: [c()], labels: { pr: '7' }, annotations: { 'example.com/a': 'b' } })).toBe(
      undefined,
    );
  });

  it('validateServiceInput checks both the Service and its template', () => {
    expect(
      refusal(() => validateServiceInput({ description: 'x'.repeat(513), template: { containers: [c()] } })),
    ).toMatch(/^description: /);
    expect(refusal(() => validateServiceInput({ description: 'ok' }))).toBe(
      'template.containers: at least one container is required.',
    );
  });
});

describe('scaling', () => {
  it.each([
    [{ minInstanceCount: 0, maxInstanceCount: 2 }, undefined],
    [{ minInstanceCount: 2, maxInstanceCount: 50 }, undefined],
    [{ minInstanceCount: 2, maxInstanceCount: 2 }, undefined],
    [{ minInstanceCount: 3 }, undefined],
    [{ minInstanceCount: 3, maxInstanceCount: 2 }, /min_instance_count: must be less than or equal/],
    [{ minInstanceCount: -1 }, /min_instance_count: must not be negative/],
    [{ maxInstanceCount: -1 }, /max_instance_count: must not be negative/],
  ])('%j -> %s', (scaling, expected) => {
    const message = refused({ scaling, containers: [c()] });
    if (expected === undefined) expect(message).toBeUndefined();
    else expect(message).toMatch(expected);
  });
});
