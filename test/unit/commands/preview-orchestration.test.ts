/**
 * Outcomes of previews and candidates as tables, through the real Cloud Run port and client over the
 * emulator's state in memory (support/command-world.ts): no Docker, no gRPC, no socket.
 */
import { describe, expect, it } from 'vitest';
import { commandWorld, type CommandWorld, type RunOptions } from './support/command-world.js';

const sha = (n: number): string => n.toString(16).padStart(2, '0').repeat(20);

/** Production (100 % on its release revision), then the steps of the row, each a preview of PR 7. */
async function worldWithProduction(): Promise<CommandWorld> {
  const w = commandWorld();
  const release = await w.candidate(sha(1), { inputs: { env_vars: 'A=prod' } });
  expect(release.result).toBe('success');
  const promoted = await w.promote('tag:candidate', { inputs: { canary: '100' } });
  expect(promoted.result).toBe('success');
  return w;
}

interface Step {
  sha: number;
  opts?: RunOptions;
}

const fail = { inputs: { env_vars: 'HEALTHY=0' } };
const opened = { opened: true };
const keepFailing = { inputs: { env_vars: 'HEALTHY=0', rollback_on_failure: 'false' } };

describe('preview outcomes (in-memory Cloud Run)', () => {
  it.each<[string, Step[], { state: string; result: string; tag: 'new' | 'good' | 'none'; calls?: number }]>([
    [
      // The PR was opened: one ListServices gives the service and the region's tag count (tag-limit-check.ts).
      'first preview beside production',
      [{ sha: 2, opts: opened }],
      { state: 'ready', result: 'success', tag: 'new', calls: 5 },
    ],
    [
      // A push that is not the PR's first reads the service, then the region when its tag turns out new.
      'first preview beside production, on a later push',
      [{ sha: 2 }],
      { state: 'ready', result: 'success', tag: 'new', calls: 6 },
    ],
    [
      // The service and the IAM policy: what the revision was inspected against is recorded on it.
      're-run of a passed commit: reused, nothing deployed',
      [{ sha: 2, opts: opened }, { sha: 2 }],
      { state: 'ready', result: 'success', tag: 'new', calls: 2 },
    ],
    [
      're-run of a passed commit from its opening event',
      [
        { sha: 2, opts: opened },
        { sha: 2, opts: opened },
      ],
      { state: 'ready', result: 'success', tag: 'new', calls: 2 },
    ],
    [
      'second commit on the PR',
      [{ sha: 2, opts: opened }, { sha: 3 }],
      { state: 'ready', result: 'success', tag: 'new', calls: 5 },
    ],
    [
      'first preview failing its checks: tag removed',
      [{ sha: 2, opts: fail }],
      { state: 'rolled-back', result: 'rolled-back', tag: 'none' },
    ],
    [
      'failing after a pass: tag back on the good revision',
      [{ sha: 2 }, { sha: 3, opts: fail }],
      { state: 'rolled-back', result: 'rolled-back', tag: 'good' },
    ],
    [
      'failing with rollback off: tag stays on the failing revision',
      [{ sha: 2 }, { sha: 3, opts: keepFailing }],
      { state: 'failed', result: 'failure', tag: 'new' },
    ],
    [
      'cancelled while building: nothing deployed',
      [{ sha: 2 }, { sha: 3, opts: { cancelAt: 'build' } }],
      { state: 'cancelled', result: 'cancelled', tag: 'good' },
    ],
    [
      'cancelled while checking: tag back on the good revision',
      [{ sha: 2 }, { sha: 3, opts: { cancelAt: 'checks' } }],
      { state: 'cancelled', result: 'cancelled', tag: 'good' },
    ],
  ])('%s', async (_name, steps, want) => {
    const w = await worldWithProduction();
    const before = await w.service();
    const reports = [];
    for (const step of steps) reports.push(await w.preview(7, sha(step.sha), step.opts));
    const last = reports[reports.length - 1];
    expect({ state: last.state, result: last.result }).toEqual({ state: want.state, result: want.result });
    const after = await w.service();
    const good = reports.length > 1 ? reports[0].revision : undefined;
    const expected = want.tag === 'new' ? last.revision : want.tag === 'good' ? good : undefined;
    expect(after.tags['pr-7']).toBe(expected);
    // Production never moves, whatever the preview did.
    expect(after.shares).toEqual(before.shares);
    if (want.calls !== undefined)
      expect(w.lastCalls.length, w.lastCalls.join(', ')).toBeLessThanOrEqual(want.calls);
  });

  it('a re-run tells what its revision was inspected with, without reading production again', async () => {
    const w = await worldWithProduction();
    const first = await w.preview(7, sha(2), opened);
    const again = await w.preview(7, sha(2));
    expect(again.revision).toBe(first.revision);
    expect(again.preview).toEqual(first.preview);
    expect(first.preview?.profile).toBeTruthy();
    expect(w.lastCalls).not.toContain('GetRevision');
    // Changed settings make it no re-run: production is inspected again and a revision deployed.
    const changed = await w.preview(7, sha(2), { inputs: { isolation: 'off' } });
    expect(changed.revision).not.toBe(first.revision);
    expect(w.lastCalls).toContain('GetRevision');
  });

  describe('one reuse rule: the tagged revision built from the same inputs, with the same settings', () => {
    const inputs = (digest: string, extra: RunOptions = {}): RunOptions => ({
      ...extra,
      inputsDigest: digest,
    });

    it('keeps a passed revision for a new commit with the same build inputs: nothing deployed', async () => {
      const w = await worldWithProduction();
      const first = await w.preview(7, sha(2), inputs('d1', opened));
      const next = await w.preview(7, sha(3), inputs('d1'));
      expect(next.result).toBe('success');
      expect(next.revision).toBe(first.revision);
      expect(w.lastCalls).not.toContain('UpdateService');
      expect(next.notes.join('\n')).toContain(`Unchanged since ${first.revision} passed under tag pr-7`);
    });

    it('a re-run of the same commit says so, whatever the identity', async () => {
      const w = await worldWithProduction();
      const first = await w.preview(7, sha(2), inputs('d1', opened));
      const again = await w.preview(7, sha(2), inputs('d1'));
      expect(again.revision).toBe(first.revision);
      expect(w.lastCalls.length, w.lastCalls.join(', ')).toBeLessThanOrEqual(2);
      expect(again.notes.join('\n')).toContain('Re-run of the same commit and settings');
    });

    it('a commit stands for its build only with the same settings: otherwise it is built again', async () => {
      const w = await worldWithProduction();
      const first = await w.preview(7, sha(2), opened);
      await w.preview(7, sha(2));
      expect(w.log.join('\n')).toContain(`was built for ${first.revision}: reusing its image`);
      const changed = await w.preview(7, sha(2), { inputs: { build_args: 'MODE=fast' } });
      expect(changed.revision).not.toBe(first.revision);
      expect(w.log.join('\n')).not.toContain('reusing its image');
    });

    it("deploys anew when an earlier commit's revision never passed, or the inputs or settings changed", async () => {
      const w = await worldWithProduction();
      const failing = await w.preview(7, sha(2), inputs('d1', keepFailing));
      expect(failing.result).toBe('failure');
      const unchecked = await w.preview(7, sha(3), inputs('d1', keepFailing));
      expect(unchecked.revision).not.toBe(failing.revision);
      const passed = await w.preview(7, sha(4), inputs('d1'));
      const otherInputs = await w.preview(7, sha(5), inputs('d2'));
      expect(otherInputs.revision).not.toBe(passed.revision);
      const otherSettings = await w.preview(7, sha(6), inputs('d2', { inputs: { env_vars: 'B=1' } }));
      expect(otherSettings.revision).not.toBe(otherInputs.revision);
      expect(w.lastCalls).toContain('UpdateService');
    });
  });

  it('a run failing before its deploy repairs a tag a killed run left on an unchecked revision', async () => {
    const w = await worldWithProduction();
    const good = (await w.preview(7, sha(2))).revision;
    const stranded = await w.strand('pr-7', 'web-stranded-1');
    expect((await w.service()).tags['pr-7']).toBe(stranded);
    const r = await w.preview(7, sha(3), { buildFails: true });
    expect(r.result).toBe('failure');
    expect((await w.service()).tags['pr-7']).toBe(good);
    expect(r.notes.join('\n')).toMatch(/never passed its checks.*points back to/);
  });

  it('a failing first preview of a new service deletes the service it created', async () => {
    const w = commandWorld();
    const r = await w.preview(7, sha(2), fail);
    expect(r.result).toBe('rolled-back');
    await expect(w.service()).rejects.toThrow(/not found/);
  });
});

describe('candidate outcomes (in-memory Cloud Run)', () => {
  it.each<[string, RunOptions | undefined, { result: string; tagged: boolean; failedRecord: boolean }]>([
    [
      'a passing candidate keeps the candidate tag',
      undefined,
      { result: 'success', tagged: true, failedRecord: false },
    ],
    [
      'a failing candidate loses its tag and is recorded as failed',
      fail,
      { result: 'rolled-back', tagged: false, failedRecord: true },
    ],
  ])('%s', async (_name, opts, want) => {
    const w = await worldWithProduction();
    const before = await w.service();
    const r = await w.candidate(sha(5), opts);
    expect(r.result).toBe(want.result);
    const after = await w.service();
    expect(after.tags.candidate === r.revision).toBe(want.tagged);
    expect(Object.keys(after.annotations).some((k) => k.startsWith('gcp-deploy.failed/'))).toBe(
      want.failedRecord,
    );
    expect(after.shares).toEqual(before.shares);
  });
});
