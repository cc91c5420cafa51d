/**
 * Outcomes of promotions and cleanups as tables, through the real Cloud Run port and client over the
 * emulator's state in memory (support/command-world.ts): no Docker, no gRPC, no socket.
 */
import { describe, expect, it } from 'vitest';
import { commandWorld, type CommandWorld, type RunOptions } from './support/command-world.js';

const sha = (n: number): string => n.toString(16).padStart(2, '0').repeat(20);

/** Production on the first release, and a checked candidate of commit 2 waiting for its release. */
async function worldWithCandidate(): Promise<{ w: CommandWorld; production: string; candidate: string }> {
  const w = commandWorld();
  await w.candidate(sha(1), { inputs: { env_vars: 'A=1' } });
  const first = await w.promote('tag:candidate', { inputs: { canary: '100' } });
  expect(first.result).toBe('success');
  const candidate = await w.candidate(sha(2), { inputs: { env_vars: 'A=2' } });
  expect(candidate.result).toBe('success');
  return { w, production: first.revision as string, candidate: candidate.revision as string };
}

describe('promotion outcomes (in-memory Cloud Run)', () => {
  it.each<[string, RunOptions, { result: string; steps: [number, boolean][]; moved: boolean }]>([
    [
      'canary steps 10 -> 50 -> 100, each checked',
      { inputs: { canary: '10,50,100', env_vars: 'A=2' } },
      {
        result: 'success',
        steps: [
          [10, true],
          [50, true],
          [100, true],
        ],
        moved: true,
      },
    ],
    [
      'an unhealthy release fails its check at 0 %, before any traffic moves',
      { inputs: { canary: '10,50,100', env_vars: 'A=2,HEALTHY=0' } },
      { result: 'failure', steps: [], moved: false },
    ],
    [
      'a cancel during the 10 % step restores production',
      { inputs: { canary: '10,50,100', env_vars: 'A=2' }, cancelAt: 'checks', cancelAtCheck: 2 },
      { result: 'cancelled', steps: [[10, false]], moved: false },
    ],
  ])('%s', async (_name, opts, want) => {
    const { w, production } = await worldWithCandidate();
    const before = await w.service();
    const r = await w.promote('tag:candidate', opts);
    expect(r.result).toBe(want.result);
    expect((r.canary ?? []).map((s) => [s.percent, s.ok])).toEqual(want.steps);
    const after = await w.service();
    if (want.moved) {
      expect(after.shares).toEqual({ [r.revision as string]: 100 });
    } else {
      expect(after.shares).toEqual(before.shares);
    }
    // Whatever happened, the revision that served before keeps the prev tag or gets it: a rollback target.
    expect(after.tags.prev).toBe(want.moved ? production : before.tags.prev);
  });
});

describe('cleanup outcomes (in-memory Cloud Run)', () => {
  it('removes its own PR tag and revisions, and keeps other PRs and production', async () => {
    const { w } = await worldWithCandidate();
    const mine = await w.preview(7, sha(7));
    const other = await w.preview(8, sha(8));
    const before = await w.service();
    const r = await w.cleanup(7);
    expect(r.result).toBe('removed');
    const after = await w.service();
    expect(after.tags['pr-7']).toBeUndefined();
    expect(after.tags['pr-8']).toBe(other.revision);
    expect(after.shares).toEqual(before.shares);
    expect(after.annotations['gcp-deploy.passed/pr-7']).toBeUndefined();
    expect(after.annotations['gcp-deploy.passed/pr-8']).toBe(other.revision);
    expect(() => w.cloudRun.state.getRevision(revisionPath(mine.revision as string))).toThrow(/not found/);
    expect(() => w.cloudRun.state.getRevision(revisionPath(other.revision as string))).not.toThrow();
  });

  it('deletes a service its own preview created once its last preview is cleaned up', async () => {
    const w = commandWorld();
    expect((await w.preview(7, sha(7))).result).toBe('success');
    expect((await w.cleanup(7)).result).toBe('removed');
    await expect(w.service()).rejects.toThrow(/not found/);
  });

  it('keeps a service its preview created while another PR still uses it', async () => {
    const w = commandWorld();
    await w.preview(7, sha(7));
    const other = await w.preview(8, sha(8));
    await w.cleanup(7);
    expect((await w.service()).tags).toEqual({ 'pr-8': other.revision });
  });
});

function revisionPath(revision: string): string {
  return `projects/orchestra-1/locations/europe-west1/services/web/revisions/${revision}`;
}
