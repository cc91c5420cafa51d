import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { machineNode, node24, runAction } from './support/action-runner.js';

// The bundle as the runner starts it, on the Node version action.yml declares and on this machine's Node.
const version = (node: string): string => execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();

describe.each([
  [version(node24), node24],
  [version(machineNode), machineNode],
])('dist/index.js on %s', (_label, node) => {
  it('fails within a second with one line naming the missing input', async () => {
    const run = await runAction({ node, inputs: {}, eventName: 'workflow_dispatch', event: {} });
    expect(run.code).not.toBe(0);
    const lines = (run.stdout + run.stderr).trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^::error::Input 'project_id' is required/);
    expect(run.durationMs).toBeLessThan(3000); // generous for a loaded CI machine; bench:startup measures it
  });

  it('names the command input and lists the allowed values', async () => {
    const run = await runAction({
      node,
      inputs: { command: 'bogus' },
      eventName: 'workflow_dispatch',
      event: {},
    });
    expect(run.code).not.toBe(0);
    expect(run.stdout.trim()).toBe(
      `::error::Input 'command': got "bogus"; allowed: auto | preview | promote | cleanup | rollback.`,
    );
  });

  it('loads the bundled Cloud Run modules without crashing (google-gax reads __dirname at load)', async () => {
    // A valid preview on a push event fails on the event, after the Cloud Run modules were loaded.
    const run = await runAction({
      node,
      inputs: { command: 'preview', project_id: 'demo-project', service: 'web' },
      eventName: 'push',
      event: {},
    });
    expect(run.stdout + run.stderr).not.toMatch(/__dirname|ReferenceError|Cannot find module/);
    expect(run.stdout).toMatch(
      /::error::Input 'command': got "preview", but the event 'push' carries no pull request/,
    );
  });
});
