import { describe, expect, it } from 'vitest';
import { cli } from '../../../src/cli/main.js';
import { cachedProvider, parseProxyArgs } from '../../../src/cli/proxy.js';
import { USAGE, commandHelp } from '../../../src/cli/help.js';
import { escapeProseWithCode } from '../../../src/report/markdown.js';

const capture = async (argv: string[]): Promise<{ code: number; out: string; err: string }> => {
  let out = '';
  let err = '';
  const code = await cli(argv, {}, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
};

describe('help', () => {
  it.each([
    [
      'preview',
      ['--context', '--health-path', '--rollback-on-failure'],
      ['--promote-from', '--canary', '--stale'],
    ],
    ['cleanup', ['--stale', '--dry-run'], ['--context', '--canary', '--health-path']],
    ['promote', ['--promote-from', '--canary'], ['--context', '--stale', '--rollback-on-failure']],
  ])('help %s lists only that command’s flags', (command, has, lacks) => {
    const text = commandHelp(command as 'preview');
    for (const f of has) expect(text).toContain(f);
    for (const f of lacks) expect(text).not.toContain(f);
  });

  it('the unknown-command error lists exactly the commands --help lists', async () => {
    const listed = [...USAGE.matchAll(/^ {2}([a-z]+) {2,}/gm)].map((m) => m[1]);
    const { code, err } = await capture(['nope']);
    expect(code).toBe(2);
    const named = /commands: ([a-z, ]+) \(/.exec(err)?.[1]?.split(', ');
    expect(named).toEqual(listed);
    expect(listed).toContain('candidate');
    expect(listed).toContain('proxy');
  });
});

describe('proxy arguments', () => {
  it('takes a service and tag with project and region from flags or variables', () => {
    expect(
      parseProxyArgs(['--service', 'web', '--tag=pr-42', '--port', '0'], {
        GCP_DEPLOY_PROJECT_ID: 'p',
        GCP_DEPLOY_REGION: 'r',
      }),
    ).toEqual({ service: 'web', tag: 'pr-42', projectId: 'p', region: 'r', port: 0, host: '127.0.0.1' });
    expect(parseProxyArgs(['--url', 'https://web-abc.a.run.app'])).toMatchObject({
      url: 'https://web-abc.a.run.app/',
      port: 8080,
    });
  });

  it.each([
    [[], /needs --service or --url/],
    [['--service', 'web'], /needs --project-id and --region/],
    [['--url', 'ftp://x'], /--url: got "ftp:\/\/x"; allowed: an http\(s\) URL/],
    [['--url', 'https://x', '--service', 'web'], /give one of them/],
    [['--port', 'x', '--url', 'https://x'], /--port: got "x"/],
    [['--servce', 'web'], /unknown argument '--servce' for proxy/],
  ])('%j is refused: %s', (argv, message) => {
    expect(() => parseProxyArgs(argv)).toThrow(message);
  });

  it('keeps one ID token per audience until a minute before it expires', async () => {
    let now = 0;
    let fetched = 0;
    const jwt = (exp: number): string => `h.${Buffer.from(JSON.stringify({ exp })).toString('base64url')}.s`;
    const provider = cachedProvider(
      () => {
        fetched++;
        return Promise.resolve(jwt(3600));
      },
      () => now,
    );
    await provider('https://a');
    await provider('https://a');
    expect(fetched).toBe(1);
    await provider('https://b');
    expect(fetched).toBe(2);
    now = 3_540_000; // 59 minutes: within the last minute, renewed
    await provider('https://a');
    expect(fetched).toBe(3);
  });
});

describe('notes that quote commands', () => {
  it('renders the quoted command as a code span, not escaped backticks', () => {
    const md = escapeProseWithCode(
      'web is private: open it with `gcp-deploy proxy --service web --tag pr-42` (needs roles/run.invoker).',
    );
    expect(md).toBe(
      'web is private: open it with `gcp-deploy proxy --service web --tag pr-42` (needs roles/run.invoker).'
        .replace('(', '\\(')
        .replace(')', '\\)'),
    );
    expect(md).not.toContain('\\`');
  });

  it('keeps untrusted text inert inside and outside the code span', () => {
    const md = escapeProseWithCode('tag `<img src=x>` by @someone *bold*');
    expect(md).toBe('tag `<img src=x>` by @\u200bsomeone \\*bold\\*');
    // An unpaired backtick: everything is prose, the backtick escaped.
    expect(escapeProseWithCode('a ` b')).toBe('a \\` b');
  });
});
