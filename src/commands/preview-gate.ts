/**
 * Who gets a preview: the decision an event and the opt-in inputs (`preview_label`) imply, made before any
 * input of the command is parsed, anything is built or any API is called. Pure, so tables test it.
 */

/** What the gate reads of an event: its name, action, the PR's labels and the label an event added or removed. */
export interface OptInEvent {
  eventName: string;
  action?: string;
  /** Names of the labels the PR carries in the payload (GitHub's, so current when the event fired). */
  prLabels: string[];
  /** `label.name` of a labeled/unlabeled event. */
  eventLabel?: string;
}

export interface OptInSettings {
  /** `preview_label`: only PRs carrying it get previews. */
  label?: string;
}

export type GateDecision =
  /** The gate has nothing to say: the command resolves as it always has. */
  | { kind: 'pass' }
  /** Run this command; `removedWhy` is what the PR comment says when a cleanup removes the preview. */
  | { kind: 'run'; command: 'preview' | 'cleanup'; why: string; removedWhy?: string }
  /** Do nothing (no build, no Cloud Run call), and say why in the log. */
  | { kind: 'skip'; why: string }
  /** The scheduled sweep: expiry under `stale` and every closed PR's leftovers (commands/sweep.ts). */
  | { kind: 'sweep' };

const PR_EVENTS = new Set(['pull_request', 'pull_request_target']);
const PUSHES = new Set(['opened', 'synchronize', 'reopened']);

/** The sentence a PR comment carries when removing the label took the preview away. */
export function labelRemovedSentence(label: string): string {
  return `The \`${label}\` label was removed, so this preview and its URL were removed. Add the label again to bring it back.`;
}

/**
 * The decision for a pull_request event under `preview_label`. Without a label every PR push previews, as
 * before; labeled/unlabeled events then concern no preview and are skipped, so a workflow may listen to them
 * whether or not it opts in.
 */
export function decidePullRequestGate(event: OptInEvent, settings: OptInSettings): GateDecision {
  if (!PR_EVENTS.has(event.eventName)) return { kind: 'pass' };
  const { label } = settings;
  const action = event.action ?? '';
  if (action === 'labeled' || action === 'unlabeled') {
    if (label === undefined) {
      return {
        kind: 'skip',
        why: `A PR was ${action}; no preview_label is set, so labels change no preview.`,
      };
    }
    if (event.eventLabel !== label) {
      return {
        kind: 'skip',
        why: `A PR was ${action} with a label other than "${label}" (preview_label): nothing to do.`,
      };
    }
    return action === 'labeled'
      ? { kind: 'run', command: 'preview', why: `The PR was labeled "${label}": deploying its preview.` }
      : {
          kind: 'run',
          command: 'cleanup',
          why: `The label "${label}" was removed from the PR: removing its preview.`,
          removedWhy: labelRemovedSentence(label),
        };
  }
  if (label !== undefined && PUSHES.has(action) && !event.prLabels.includes(label)) {
    return {
      kind: 'skip',
      why: `The PR does not carry the label "${label}" (preview_label): no preview is built or deployed. Add the label to get one.`,
    };
  }
  return { kind: 'pass' };
}

/** The decision for any event under `command: auto`: a schedule sweeps, PR events go through the label gate. */
export function decideGate(event: OptInEvent, settings: OptInSettings): GateDecision {
  if (event.eventName === 'schedule') return { kind: 'sweep' };
  return decidePullRequestGate(event, settings);
}
