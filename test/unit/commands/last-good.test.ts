import { describe, expect, it } from 'vitest';
import type { ServiceState } from '../../../src/cloudrun/run-port.js';
import { lastGoodRevision } from '../../../src/commands/preview.js';

const svc = (tags: Record<string, string>, annotations: Record<string, string> = {}): ServiceState => ({
  name: 'web',
  traffic: [
    { type: 'REVISION', revision: 'prod', percent: 100 },
    ...Object.entries(tags).map(([tag, revision]) => ({
      type: 'REVISION' as const,
      revision,
      percent: 0,
      tag,
    })),
  ],
  trafficStatuses: [],
  tagUrls: {},
  annotations,
});

describe('where a failed or cancelled preview returns its tag', () => {
  it('the revision recorded as passed, even when a stopped run left the tag on an unchecked one', () => {
    const before = svc({ 'pr-7': 'web-unchecked' }, { 'gcp-deploy.passed/pr-7': 'web-good' });
    expect(lastGoodRevision(before, 'pr-7', 'web-new')).toBe('web-good');
  });

  it('without a record (a service previewed before records existed), where the tag pointed before', () => {
    expect(lastGoodRevision(svc({ 'pr-7': 'web-old' }), 'pr-7', 'web-new')).toBe('web-old');
  });

  it('nowhere (the tag is removed) when the failing revision is the last good one, or none exists', () => {
    const before = svc({ 'pr-7': 'web-a' }, { 'gcp-deploy.passed/pr-7': 'web-a' });
    expect(lastGoodRevision(before, 'pr-7', 'web-a')).toBeNull();
    expect(lastGoodRevision(svc({}), 'pr-7', 'web-new')).toBeNull();
    expect(lastGoodRevision(null, 'pr-7', undefined)).toBeNull();
  });

  it("reads only its own tag's record", () => {
    const before = svc({ 'pr-8': 'web-8' }, { 'gcp-deploy.passed/pr-8': 'web-8' });
    expect(lastGoodRevision(before, 'pr-7', 'web-new')).toBeNull();
  });
});
