import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { machineNode, node24, repoRoot, runAction } from './support/action-runner.js';

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
      `::error::Input 'command': got "bogus"; allowed: auto | preview | candidate | promote | cleanup | rollback | build.`,
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

describe.each([
  [version(node24), node24],
  [version(machineNode), machineNode],
])('dist/cli.js (the installed gcp-deploy command) on %s', (_label, node) => {
  const cli = (args: string[]): { code: number; stdout: string; stderr: string } => {
    const r = spawnSync(node, [join(repoRoot, 'dist', 'cli.js'), ...args], { encoding: 'utf8', env: {} });
    return { code: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
  };

  it('prints its usage and version, and starts as the CLI rather than the action', () => {
    const help = cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: gcp-deploy <command>/);
    expect(help.stdout).not.toContain('::error::');
    expect(cli(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('exits 2 with one line for an unknown flag and for a bad input, before loading Cloud Run', () => {
    const flag = cli(['cleanup', '--pr', '3', '--nope']);
    expect(flag).toEqual({
      code: 2,
      stdout: '',
      stderr: "gcp-deploy: unknown flag '--nope' for cleanup; see gcp-deploy help cleanup\n",
    });
    const input = cli(['preview', '--project-id', 'demo-project', '--service', 'web', '--cpu', 'lots']);
    expect(input.code).toBe(2);
    expect(input.stdout).toBe('');
    expect(input.stderr).toMatch(
      /^gcp-deploy: Input 'cpu': got "lots"; .*\(set with --cpu or GCP_DEPLOY_CPU\)\.\n$/,
    );
  });
});
