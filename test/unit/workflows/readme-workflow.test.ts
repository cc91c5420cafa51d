/**
 * The simulation the README life-cycle e2e test runs the quick start with: GitHub's expression engine on
 * the README's own `if:` and `with:` values, and `on:` filters, checked here without Docker.
 */
import { describe, expect, it } from 'vitest';
import {
  condition,
  dispatchInputs,
  interpolate,
  readmeQuickStart,
  triggers,
  type Workflow,
} from '../../e2e/support/readme-workflow.js';

const workflow = readmeQuickStart();
const steps = Object.values(workflow.jobs)[0]?.steps ?? [];
const step = (prefix: string) => steps.find((s) => s.uses?.startsWith(prefix) || s.uses?.includes(prefix));
const pr = (action: string, o: { fork?: boolean } = {}) => ({
  github: {
    event_name: 'pull_request',
    repository: 'acme/web',
    sha: 'merge-sha',
    event: {
      action,
      pull_request: {
        number: 7,
        head: { sha: 'head-sha', repo: { full_name: o.fork ? 'x/web' : 'acme/web' } },
      },
    },
  },
  inputs: {},
});

describe("the README quick start's conditions and inputs, evaluated as GitHub does", () => {
  it('checks out the PR head, and nothing on close', () => {
    const checkout = step('actions/checkout@');
    expect(condition(checkout?.if ?? null, pr('opened'))).toBe(true);
    expect(condition(checkout?.if ?? null, pr('closed'))).toBe(false);
    expect(interpolate(checkout?.with?.ref ?? '', pr('synchronize'))).toBe('head-sha');
    const push = { github: { event_name: 'push', sha: 'main-sha', event: {} }, inputs: {} };
    expect(interpolate(checkout?.with?.ref ?? '', push)).toBe('main-sha');
  });

  it('authenticates everything but a fork PR', () => {
    const auth = step('google-github-actions/auth@');
    expect(condition(auth?.if ?? null, pr('opened'))).toBe(true);
    expect(condition(auth?.if ?? null, pr('opened', { fork: true }))).toBe(false);
    expect(condition(auth?.if ?? null, { github: { event_name: 'release', event: {} } })).toBe(true);
  });

  it('runs rollback from workflow_dispatch and auto otherwise', () => {
    const command = step('gcp-deploy@')?.with?.command ?? 'auto';
    const dispatch = (given: Record<string, string>) => ({
      github: { event_name: 'workflow_dispatch', event: { inputs: given } },
      inputs: dispatchInputs(workflow, given),
    });
    expect(interpolate(command, dispatch({}))).toBe('rollback');
    expect(interpolate(command, dispatch({ rollback: 'false' }))).toBe('auto');
    expect(interpolate(command, pr('opened'))).toBe('auto');
  });

  it('starts runs for the events of the life cycle and no others', () => {
    expect(triggers(workflow, 'pull_request', { action: 'closed' }, 'refs/pull/7/merge')).toBe(true);
    expect(triggers(workflow, 'pull_request', { action: 'labeled' }, 'refs/pull/7/merge')).toBe(false);
    expect(triggers(workflow, 'push', {}, 'refs/heads/main')).toBe(true);
    expect(triggers(workflow, 'push', {}, 'refs/heads/feature')).toBe(false);
    expect(triggers(workflow, 'release', { action: 'published' }, 'refs/tags/v1')).toBe(true);
    expect(triggers(workflow, 'workflow_dispatch', {}, 'refs/heads/main')).toBe(true);
    expect(triggers(workflow, 'schedule', {}, 'refs/heads/main')).toBe(false);
  });

  it('evaluates like GitHub: status functions, `||` fallbacks, default activity types (so the above can fail)', () => {
    expect(condition("success() && github.event_name == 'push'", { github: { event_name: 'push' } })).toBe(
      true,
    );
    expect(condition('${{ failure() }}', {})).toBe(false);
    expect(interpolate("x-${{ github.a || 'b' }}", { github: { a: '' } })).toBe('x-b');
    const bare: Workflow = { on: { pull_request: null }, jobs: {} };
    expect(triggers(bare, 'pull_request', { action: 'synchronize' }, '')).toBe(true);
    expect(triggers(bare, 'pull_request', { action: 'closed' }, '')).toBe(false);
  });
});
