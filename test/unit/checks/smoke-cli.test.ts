import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runSmokeCli } from '../../../src/checks/smoke-cli.js';
import { startTestServer, type TestServer } from './support/test-server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function capture(): {
  io: { stdout: (s: string) => void; stderr: (s: string) => void };
  out: () => string;
  err: () => string;
} {
  let out = '';
  let err = '';
  return { io: { stdout: (s) => (out += s), stderr: (s) => (err += s) }, out: () => out, err: () => err };
}

function configFile(text: string, ext = 'yml'): string {
  const file = join(mkdtempSync(join(tmpdir(), 'smoke-cli-')), `smoke.${ext}`);
  writeFileSync(file, text);
  return file;
}

describe('gcp-deploy smoke', () => {
  it('exit 0 and the k6-style summary when thresholds pass', async () => {
    server = await startTestServer();
    const c = capture();
    const file = configFile(
      'iterations: 20\nvus: 2\nthresholds:\n  http_req_failed: [rate<0.01]\n  http_req_duration: ["p(95)<2000"]\n',
    );
    expect(await runSmokeCli(['--url', server.url, '--config', file], c.io)).toBe(0);
    expect(c.out()).toContain("✓ 'rate<0.01' rate=0.00%");
    expect(c.out()).toMatch(
      /http_req_duration\.+: avg=\S+\s+min=\S+\s+med=\S+\s+max=\S+\s+p\(90\)=\S+\s+p\(95\)=/,
    );
    expect(server.count()).toBe(20);
  });

  it('exit 99 when thresholds fail; --json prints the outcome', async () => {
    server = await startTestServer({ status: () => 500 });
    const c = capture();
    const file = configFile(
      JSON.stringify({ iterations: 5, thresholds: { http_req_failed: ['rate<0.5'] } }),
      'json',
    );
    expect(await runSmokeCli([`--url=${server.url}`, '--config', file, '--json'], c.io)).toBe(99);
    const json = JSON.parse(c.out()) as {
      ok: boolean;
      thresholds: { ok: boolean; actual: number }[];
      metrics: Record<string, unknown>;
    };
    expect(json.ok).toBe(false);
    expect(json.thresholds[0]).toMatchObject({ ok: false, actual: 1 });
    expect(json.metrics.http_reqs).toMatchObject({ count: 5 });
  });

  it.each([
    [[], /--url.*required/],
    [['--url', 'ftp://x', '--config', '{}'], /http:\/\/ or https:\/\//],
    [['--url', 'http://127.0.0.1:9'], /--config.*required/],
    [
      ['--url', 'http://127.0.0.1:9', '--config', '{"thresholds": {"http_req_failed": ["p(95)<1"]}}'],
      /--config\.thresholds\.http_req_failed.*"p\(95\)<1"/,
    ],
    [['--url', 'http://127.0.0.1:9', '--config', '{}', '--bogus'], /unknown argument/],
    [['--url', 'http://127.0.0.1:9', '--config', '{}', '--auth', 'basic'], /'none', 'id-token'/],
  ])('exit 2 on bad input %j, before any request', async (argv, message) => {
    const c = capture();
    expect(await runSmokeCli(argv, c.io)).toBe(2);
    expect(c.err()).toMatch(message);
    expect(c.out()).toBe('');
  });
});
