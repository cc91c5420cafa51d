/**
 * The parts of an event payload that decide who gets a preview (labels, a PR comment, a workflow run), read
 * from GITHUB_EVENT_PATH beside event-context.ts. Everything here is untrusted text: it is compared, never
 * executed or rendered unescaped.
 */
import { readFileSync } from 'node:fs';
import type { OptInEvent } from '../commands/preview-gate.js';

type Json = Record<string, unknown>;

function obj(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A comment on a PR (the issue_comment event on a pull request's conversation). */
export interface PrComment {
  id: number;
  body: string;
  author: string;
  prNumber: number;
}

export interface OptInPayload extends OptInEvent {
  /** Set on issue_comment `created` events on a pull request (not on plain issues). */
  comment?: PrComment;
}

function readJson(path: string | undefined): Json {
  if (path === undefined || path === '') return {};
  try {
    return obj(JSON.parse(readFileSync(path, 'utf8'))) ?? {};
  } catch {
    // event-context.ts reports an unreadable payload with its own message; here it just carries nothing.
    return {};
  }
}

/** Reads the opt-in facts of the event the runner describes. */
export function readOptInPayload(env: NodeJS.ProcessEnv): OptInPayload {
  const payload = readJson(env.GITHUB_EVENT_PATH);
  return optInPayloadOf(env.GITHUB_EVENT_NAME ?? '', payload);
}

/** The opt-in facts of one payload. */
export function optInPayloadOf(eventName: string, payload: Json): OptInPayload {
  const pr = obj(payload.pull_request);
  const labels = Array.isArray(pr?.labels) ? pr.labels : [];
  const event: OptInPayload = {
    eventName,
    prLabels: labels.flatMap((l) => str(obj(l)?.name) ?? []),
  };
  const action = str(payload.action);
  if (action !== undefined) event.action = action;
  const label = str(obj(payload.label)?.name);
  if (label !== undefined) event.eventLabel = label;
  const issue = obj(payload.issue);
  const comment = obj(payload.comment);
  if (
    eventName === 'issue_comment' &&
    issue !== undefined &&
    obj(issue.pull_request) !== undefined &&
    typeof issue.number === 'number' &&
    comment !== undefined &&
    typeof comment.id === 'number'
  ) {
    event.comment = {
      id: comment.id,
      body: typeof comment.body === 'string' ? comment.body : '',
      author: str(obj(comment.user)?.login) ?? '',
      prNumber: issue.number,
    };
  }
  return event;
}
