import { describe, expect, it } from 'vitest';
import {
  mayCommand,
  parseCommentCommand,
  refusalReply,
  stoppedSentence,
  unavailableReply,
} from '../../../src/github/comment-commands.js';

describe('what a comment asks', () => {
  it.each([
    ['/preview', 'preview'],
    ['  /Preview  \nplease deploy', 'preview'],
    ['\n\n/preview stop', 'stop'],
    ['/PREVIEW   STOP', 'stop'],
    ['/preview please', null],
    ['/previewing', null],
    ['/preview stop now', null],
    ['please /preview', null],
    ['', null],
    ['`/preview`', null],
    ['> /preview', null],
    ['/preview\u200b', null],
  ])('%j -> %s', (body, expected) => {
    expect(parseCommentCommand(body)).toBe(expected);
  });
});

describe('who may ask', () => {
  it.each([
    [{ permission: 'admin', roleName: 'admin' }, true],
    [{ permission: 'write', roleName: 'maintain' }, true],
    [{ permission: 'write', roleName: 'write' }, true],
    [{ permission: 'write', roleName: 'custom-deployer' }, true],
    [{ permission: 'read', roleName: 'triage' }, false],
    [{ permission: 'read', roleName: 'read' }, false],
    [{ permission: 'none' }, false],
    [{ permission: 'read', roleName: 'custom-reviewer' }, false],
  ])('%j -> %s', (p, allowed) => {
    expect(mayCommand(p)).toBe(allowed);
  });
});

describe('the replies', () => {
  it('says who may, the permission held, and that nothing was deployed', () => {
    expect(refusalReply('octo-cat', 'preview', { permission: 'read', roleName: 'triage' })).toBe(
      '@octo-cat: only people with write, maintain or admin permission on this repository may use `/preview` ' +
        '(your permission: triage). Nothing was deployed or removed; a maintainer can comment `/preview` or add the preview label.',
    );
  });

  it('never echoes a login or a role that is not one GitHub could have sent', () => {
    const reply = refusalReply('x](http://evil)', 'stop', { permission: 'read', roleName: '<img src=x>' });
    expect(reply).toMatch(/^this user: .*`\/preview stop` \(your permission: unknown\)/);
    expect(unavailableReply('a b', 'fork')).toMatch(/^this user: this pull request comes from a fork/);
    expect(stoppedSentence('dependabot[bot]')).toMatch(/^@dependabot\[bot\] stopped this preview/);
  });
});
