/**
 * `npm run test:model [-- --runs N --steps S --seed X --path P]`: random schedules of the real action against
 * the emulator (see schedule.ts). Prints `N schedules, M steps, K faults, V invariant violations` and exits
 * non-zero when V > 0 (or the harness itself fails). A failure prints its seed and shrunk path; passing them
 * back with --seed and --path replays exactly that schedule.
 */
import fc from 'fast-check';
import { parseArgs } from 'node:util';
import { commandArbitraries, runSchedule, type Tally } from './schedule.js';
import { startModelWorld } from './world.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: process.env.MODEL_RUNS ?? '25' },
    steps: { type: 'string', default: '8' },
    seed: { type: 'string' },
    path: { type: 'string' },
    /** fast-check's replayPath of the commands (shown in the counterexample), needed with --path. */
    replay: { type: 'string' },
  },
});

const runs = Number(values.runs);
const maxCommands = Number(values.steps);
const seed = values.seed !== undefined ? Number(values.seed) : Date.now() ^ (Math.random() * 0x7fffffff);
const started = Date.now();
const tally: Tally = { schedules: 0, steps: 0, faults: 0, violations: 0, outcomes: {} };
const world = await startModelWorld();
let harnessError: unknown;
// The first failing schedule's own figures (shrinking replays it many times over).
let found: Tally | undefined;
try {
  const details = await fc.check(
    fc.asyncProperty(
      fc.commands(commandArbitraries, {
        maxCommands,
        size: 'max',
        ...(values.replay !== undefined ? { replayPath: values.replay } : {}),
      }),
      async (cmds) => {
        const before = tally.violations;
        if (tally.schedules > 0 && tally.schedules % 100 === 0)
          console.error(
            `... ${tally.schedules} schedules, ${tally.steps} steps, ${Math.round((Date.now() - started) / 1000)} s`,
          );
        try {
          await runSchedule(world, tally, cmds);
        } catch (err) {
          if (found === undefined && tally.violations > before) found = { ...tally };
          throw err;
        }
      },
    ),
    {
      numRuns: runs,
      seed,
      ...(values.path !== undefined ? { path: values.path } : {}),
      // One schedule runs many real action steps: no per-run timeout; interruption is the caller's.
      endOnFailure: false,
    },
  );
  if (details.failed) {
    console.error(fc.defaultReportMessage(details) ?? 'failed');
    // The shrunk schedule's own story: its steps, the state after each and the violated invariants.
    const error = details.errorInstance;
    console.error(`\n${error instanceof Error ? error.message : String(error)}`);
    const replay = /replayPath="([^"]+)"/.exec(fc.stringify(details.counterexample))?.[1];
    console.error(
      `\nreplay: npm run test:model -- --seed ${details.seed} --path "${details.counterexamplePath ?? ''}" --steps ${maxCommands}${replay !== undefined ? ` --replay '${replay}'` : ''}`,
    );
    if (found === undefined) harnessError = new Error('the property failed without an invariant violation');
  }
} catch (err) {
  harnessError = err;
} finally {
  await world.stop();
}
const figures = found ?? tally;
const seconds = ((Date.now() - started) / 1000).toFixed(0);
console.log(
  `${figures.schedules} schedules, ${figures.steps} steps, ${figures.faults} faults, ${figures.violations} invariant violations (seed ${seed}, ${seconds} s)`,
);
console.log(
  `outcomes: ${Object.entries(tally.outcomes)
    .sort()
    .map(([k, n]) => `${k} ${n}`)
    .join(', ')}`,
);
// Schedules in which no preview passes and no promotion lands would check nothing worth checking.
if (harnessError === undefined && tally.steps >= 50 && !tally.outcomes['preview success'])
  harnessError = new Error('no preview passed in any schedule: the harness is broken');
if (harnessError !== undefined) console.error('the model run itself failed:', harnessError);
process.exit(figures.violations > 0 || harnessError !== undefined ? 1 : 0);
