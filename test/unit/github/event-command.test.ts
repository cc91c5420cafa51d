import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandForEvent, readEventContext } from '../../../src/github/event-context.js';

function ctxFor(eventName: string, ref: string, payload: object): ReturnType<typeof readEventContext> {
  const dir = mkdtempSync(join(tmpdir(), 'gcpd-event-'));
  const path = join(dir, 'event.json');
  writeFileSync(path, JSON.stringify(payload));
  return readEventContext({
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: path,
    GITHUB_REF: ref,
    GITHUB_SHA: 'a'.repeat(40),
    GITHUB_REPOSITORY: 'acme/web',
  });
}

const repository = { full_name: 'acme/web', default_branch: 'trunk' };

describe('the command an event implies', () => {
  it('a push to the default branch (as the payload names it) deploys a release candidate', () => {
    expect(commandForEvent(ctxFor('push', 'refs/heads/trunk', { repository }))).toBe('candidate');
  });

  it('a push to any other branch implies nothing, and a tag push still promotes', () => {
    expect(commandForEvent(ctxFor('push', 'refs/heads/main', { repository }))).toBeNull();
    expect(
      commandForEvent(ctxFor('push', 'refs/heads/trunk', { repository: { full_name: 'acme/web' } })),
    ).toBeNull();
    expect(commandForEvent(ctxFor('push', 'refs/tags/v1.2.0', { repository }))).toBe('promote');
  });
});
