import { describe, expect, it } from 'vitest';
import { IamStore } from '../../../src/emulator/iam-store.js';
import { resolveTemplateSecrets } from '../../../src/emulator/runtime-secrets.js';
import { RevisionStartError } from '../../../src/emulator/runtime.js';
import { SecretStore } from '../../../src/emulator/secret-manager.js';

const REV = 'projects/p/locations/l/services/s/revisions/s-00001-abc';

function store(): { iam: IamStore; secrets: SecretStore } {
  const iam = new IamStore();
  return { iam, secrets: new SecretStore(iam) };
}

const template = (extra: Record<string, unknown> = {}) => ({
  serviceAccount: 'run@p.iam.gserviceaccount.com',
  containers: [
    {
      image: 'x',
      env: [
        { name: 'PLAIN', value: 'v' },
        { name: 'DB', valueSource: { secretKeyRef: { secret: 'db', version: '1' } } },
      ],
      volumeMounts: [{ name: 'cfg', mountPath: '/etc/cfg/' }],
    },
  ],
  volumes: [
    {
      name: 'cfg',
      secret: {
        secret: 'projects/p/secrets/cfg',
        items: [{ path: 'a.json', version: 'latest', mode: 256 }],
        defaultMode: 292,
      },
    },
  ],
  ...extra,
});

describe('resolveTemplateSecrets', () => {
  it('resolves env refs (by version) and volume items (latest, with their mode) for a granted identity', () => {
    const { iam, secrets } = store();
    secrets.add('projects/p/secrets/db', 'first');
    secrets.add('projects/p/secrets/db', 'second');
    secrets.add('projects/p/secrets/cfg', '{"a":1}');
    iam.grantProject(
      'p',
      'roles/secretmanager.secretAccessor',
      'serviceAccount:run@p.iam.gserviceaccount.com',
    );
    const out = resolveTemplateSecrets(REV, template(), secrets);
    expect(out.env).toEqual({ DB: 'first' });
    expect(out.files).toEqual([{ path: '/etc/cfg/a.json', data: Buffer.from('{"a":1}'), mode: 256 }]);
  });

  it.each([
    [
      'no such secret',
      (s: ReturnType<typeof store>) => s.secrets.add('projects/p/secrets/cfg', 'c'),
      /Secret projects\/p\/secrets\/db\/versions\/1 was not found/,
    ],
    [
      'no grant for the runtime identity',
      (s: ReturnType<typeof store>) => {
        s.secrets.add('projects/p/secrets/db', 'x');
        s.iam.grantProject(
          'p',
          'roles/secretmanager.secretAccessor',
          'serviceAccount:someone-else@p.iam.gserviceaccount.com',
        );
      },
      /Permission denied on secret: projects\/p\/secrets\/db\/versions\/1 for Revision service account run@p/,
    ],
    [
      'a viewer role is not an accessor',
      (s: ReturnType<typeof store>) => {
        s.secrets.add('projects/p/secrets/db', 'x');
        s.iam.grantProject('p', 'roles/secretmanager.viewer', 'serviceAccount:run@p.iam.gserviceaccount.com');
      },
      /Permission denied on secret/,
    ],
  ])('refuses to start: %s', (_what, arrange, message) => {
    const s = store();
    arrange(s);
    expect(() => resolveTemplateSecrets(REV, template(), s.secrets)).toThrow(RevisionStartError);
    expect(() => resolveTemplateSecrets(REV, template(), s.secrets)).toThrow(message);
  });

  it('checks the default compute identity when the template names none', () => {
    const { iam, secrets } = store();
    secrets.add('projects/p/secrets/db', 'x');
    secrets.add('projects/p/secrets/cfg', 'c');
    const t = template({ serviceAccount: undefined });
    expect(() => resolveTemplateSecrets(REV, t, secrets)).toThrow(
      /service account p-compute@developer\.gserviceaccount\.com/,
    );
    iam.grantProject(
      'p',
      'roles/secretmanager.secretAccessor',
      'serviceAccount:p-compute@developer.gserviceaccount.com',
    );
    expect(resolveTemplateSecrets(REV, t, secrets).env).toEqual({ DB: 'x' });
  });
});
