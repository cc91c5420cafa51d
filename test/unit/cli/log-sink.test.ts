import { describe, expect, it } from 'vitest';
import { LogTranslator } from '../../../src/cli/log-sink.js';

describe("@actions/core's output in CLI mode", () => {
  it('turns commands into plain lines and keeps plain lines', () => {
    const t = new LogTranslator({ debug: false });
    expect(
      t.write(
        [
          'building image',
          '::warning::slow%0Asecond line',
          '::error title=Threshold failed::p(95)<500 failed',
          '::notice::skipped',
          '::group::PR comment',
          '::endgroup::',
          '::debug::hidden',
          '::set-output name=url::x',
          '',
        ].join('\n'),
      ),
    ).toBe(
      'building image\nwarning: slow\nsecond line\nerror: Threshold failed: p(95)<500 failed\nnotice: skipped\n== PR comment\n',
    );
  });

  it('unescapes a title holding a colon or a comma (the Dockerfile doctor titles its annotations)', () => {
    const t = new LogTranslator({ debug: false });
    expect(
      t.write('::warning title=gcp-deploy root-user%3A Runs as root%2C,file=Dockerfile,line=4::no USER\n'),
    ).toBe('warning: gcp-deploy root-user: Runs as root,: no USER\n');
  });

  it('never prints a masked value, nor the mask command that names it', () => {
    const t = new LogTranslator({ debug: true });
    const out = t.write('::add-mask::ghp_secret123\nusing ghp_secret123 now\n::debug::token=ghp_secret123\n');
    expect(out).toBe('using *** now\ndebug: token=***\n');
    expect(out).not.toContain('ghp_secret123');
  });

  it('holds a partial line until it is complete or flushed', () => {
    const t = new LogTranslator({ debug: false });
    expect(t.write('::warning::half')).toBe('');
    expect(t.write(' done\nnext')).toBe('warning: half done\n');
    expect(t.flush()).toBe('next\n');
  });
});
