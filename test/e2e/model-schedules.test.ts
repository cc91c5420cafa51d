/**
 * Schedules kept from `npm run test:model`, replayed through the same machinery (the in-process action, the
 * emulator, the invariants after every step) on every `npm test`. Each starts, as every model schedule does,
 * from a passing preview of PR 1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands, runSchedule, type Tally } from '../model/schedule.js';
import { startModelWorld, type ModelWorld } from '../model/world.js';

describe('kept model schedules', () => {
  let world: ModelWorld;
  const tally: Tally = { schedules: 0, steps: 0, faults: 0, violations: 0, outcomes: {} };

  beforeAll(async () => {
    world = await startModelWorld();
  });
  afterAll(async () => {
    await world?.stop();
  });

  it.each([
    // Shrunk from seed 99 with the rollback of a failed preview removed from the product: the failing
    // revision kept the tag ("tag pr-1 rests on ...-pr1-bad..., which never passed its checks").
    ['a failing push after a passing one', [commands.push(1, false)]],
    [
      'a failing canary, then a cancelled promotion, then a rollback',
      [
        commands.promote(1, '50,100', true),
        commands.promote(1, '100', false),
        commands.push(2, true),
        commands.promote(2, '50,100', false, 300),
        commands.rollback(),
      ],
    ],
    [
      'lost answers while closing, an etag conflict while pushing, a stale sweep',
      [
        commands.push(2, true),
        commands.fault('lost', 'UpdateService', 7),
        commands.close(1),
        commands.fault('aborted', 'UpdateService', 1),
        commands.push(2, false),
        commands.sweep(),
      ],
    ],
    [
      'UNAVAILABLE and RESOURCE_EXHAUSTED on reads, a push cancelled at once, a re-run',
      [
        commands.fault('unavailable', 'GetService', 3),
        commands.push(3, true),
        commands.fault('exhausted', 'GetRevision', 4),
        commands.push(3, true, 0),
        commands.rerun(3),
      ],
    ],
  ])('%s keeps every invariant', async (_, cmds) => {
    await expect(runSchedule(world, tally, cmds)).resolves.toBeUndefined();
    expect(tally.violations).toBe(0);
  });

  it('the schedules exercised passing previews and a promotion that moved production', () => {
    expect(tally.outcomes['preview success']).toBeGreaterThan(0);
    expect(tally.outcomes['promote success']).toBeGreaterThan(0);
    expect(tally.outcomes['promote failure']).toBeGreaterThan(0);
  });
});
