import { describe, expect, it } from 'vitest';
import type { DoctorReport } from '../../../src/build/doctor/rules.js';
import { renderImageSection } from '../../../src/report/image-markdown.js';

const doctor = (over: Partial<DoctorReport> = {}): DoctorReport => ({
  mode: 'warn',
  findings: [],
  ignored: [],
  ...over,
});

describe('the Image section', () => {
  it.each([
    { name: 'no doctor (dockerfile_checks: off)', entries: [{ service: 'web' }] },
    {
      name: 'a clean build',
      entries: [{ service: 'web', doctor: doctor({ image: { user: '65532', sizeBytes: 10 } }) }],
    },
  ])('is empty for $name', ({ entries }) => {
    expect(renderImageSection(entries)).toBe('');
  });

  it('is one folded section naming each rule, with its place, the finding and the fix', () => {
    const text = renderImageSection([
      {
        service: 'web',
        doctor: doctor({
          findings: [
            {
              rule: 'root-user',
              message: 'no USER in the final stage: it runs as root',
              file: 'Dockerfile',
              line: 4,
            },
            { rule: 'dockerignore', message: '.dockerignore does not exclude .env', file: '.dockerignore' },
          ],
          image: { user: '', sizeBytes: 2048 },
        }),
      },
    ]);
    expect(text.split('\n')[0]).toBe(
      '<details><summary>Image: 2 findings (root-user, dockerignore)</summary>',
    );
    expect(text).toContain(
      '| `root-user` | `Dockerfile:4` | no USER in the final stage: it runs as root | add USER',
    );
    expect(text).toContain('| `dockerignore` | `.dockerignore` |');
    expect(text).toContain('**Image:** user `root (unset)` · 2.0 KiB compressed');
    expect(text.match(/<details/g)).toHaveLength(1);
  });

  it('opens when the findings stopped the run, and names the service of each finding in an environment', () => {
    const text = renderImageSection([
      {
        service: 'api',
        doctor: doctor({
          mode: 'error',
          findings: [{ rule: 'base-mismatch', message: 'm', file: 'api/Dockerfile', line: 2 }],
        }),
      },
      { service: 'web', doctor: doctor({ mode: 'error' }) },
    ]);
    expect(text).toMatch(/^<details open><summary>Image: 1 finding \(base-mismatch\)/);
    expect(text).toContain('| `base-mismatch` | `api` | `api/Dockerfile:2` |');
    expect(text).toContain('stopped the run before the build');
  });

  it('shows what was skipped and why', () => {
    const text = renderImageSection([
      {
        service: 'web',
        doctor: doctor({
          ignored: [
            {
              rule: 'port-mismatch',
              message: 'EXPOSE 3000',
              file: 'Dockerfile',
              line: 5,
              ignoredBy: 'the comment on line 4: proxy',
            },
          ],
        }),
      },
    ]);
    expect(text).toContain('<summary>Image: no findings (1 skipped)</summary>');
    expect(text).toContain(
      '**Skipped:** `port-mismatch` at `Dockerfile:5`, ignored by the comment on line 4: proxy',
    );
  });

  it('escapes what came from the repository: file names and quoted names cannot break the table or inject HTML', () => {
    const text = renderImageSection([
      {
        service: 'web',
        doctor: doctor({
          findings: [
            {
              rule: 'dockerignore',
              message: '.dockerignore does not exclude a|b<script>alert(1)</script>',
              file: 'x|y/.dockerignore',
            },
            {
              rule: 'secret-in-build',
              message: 'ENV "A|`B" is named like a secret',
              file: 'Dockerfile',
              line: 1,
            },
          ],
        }),
      },
    ]);
    expect(text).not.toContain('<script>');
    const rows = text.split('\n').filter((l) => l.startsWith('| `'));
    // Every row keeps its five cells: no unescaped | splits one.
    for (const r of rows) expect(r.replace(/\\\|/g, '').split('|').length - 2).toBe(4);
  });
});
