export const id = 863;
export const ids = [863];
export const modules = {

/***/ 3863:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  gateEvent: () => (/* binding */ gateEvent)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 15 modules
var core = __webpack_require__(14116);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
;// CONCATENATED MODULE: ./src/github/opt-in-event.ts
/**
 * The parts of an event payload that decide who gets a preview (labels, a PR comment, a workflow run), read
 * from GITHUB_EVENT_PATH beside event-context.ts. Everything here is untrusted text: it is compared, never
 * executed or rendered unescaped.
 */

function obj(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
}
function str(value) {
    return typeof value === 'string' && value !== '' ? value : undefined;
}
function readJson(path) {
    if (path === undefined || path === '')
        return {};
    try {
        return obj(JSON.parse((0,external_node_fs_.readFileSync)(path, 'utf8'))) ?? {};
    }
    catch {
        // event-context.ts reports an unreadable payload with its own message; here it just carries nothing.
        return {};
    }
}
/** Reads the opt-in facts of the event the runner describes. */
function readOptInPayload(env) {
    const payload = readJson(env.GITHUB_EVENT_PATH);
    return optInPayloadOf(env.GITHUB_EVENT_NAME ?? '', payload);
}
/** The opt-in facts of one payload. */
function optInPayloadOf(eventName, payload) {
    const pr = obj(payload.pull_request);
    const labels = Array.isArray(pr?.labels) ? pr.labels : [];
    const event = {
        eventName,
        prLabels: labels.flatMap((l) => str(obj(l)?.name) ?? []),
    };
    const action = str(payload.action);
    if (action !== undefined)
        event.action = action;
    const label = str(obj(payload.label)?.name);
    if (label !== undefined)
        event.eventLabel = label;
    const issue = obj(payload.issue);
    const comment = obj(payload.comment);
    if (eventName === 'issue_comment' &&
        issue !== undefined &&
        obj(issue.pull_request) !== undefined &&
        typeof issue.number === 'number' &&
        comment !== undefined &&
        typeof comment.id === 'number') {
        event.comment = {
            id: comment.id,
            body: typeof comment.body === 'string' ? comment.body : '',
            author: str(obj(comment.user)?.login) ?? '',
            prNumber: issue.number,
        };
    }
    return event;
}

;// CONCATENATED MODULE: ./src/commands/preview-gate.ts
/**
 * Who gets a preview: the decision an event and the opt-in inputs (`preview_label`) imply, made before any
 * input of the command is parsed, anything is built or any API is called. Pure, so tables test it.
 */
const PR_EVENTS = new Set(['pull_request', 'pull_request_target']);
const PUSHES = new Set(['opened', 'synchronize', 'reopened']);
/** The sentence a PR comment carries when removing the label took the preview away. */
function labelRemovedSentence(label) {
    return `The \`${label}\` label was removed, so this preview and its URL were removed. Add the label again to bring it back.`;
}
/**
 * The decision for a pull_request event under `preview_label`. Without a label every PR push previews, as
 * before; labeled/unlabeled events then concern no preview and are skipped, so a workflow may listen to them
 * whether or not it opts in.
 */
function decidePullRequestGate(event, settings) {
    if (!PR_EVENTS.has(event.eventName))
        return { kind: 'pass' };
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
function decideGate(event, settings) {
    if (event.eventName === 'schedule')
        return { kind: 'sweep' };
    return decidePullRequestGate(event, settings);
}

;// CONCATENATED MODULE: ./src/commands/opt-in.ts
/**
 * The opt-in gate's I/O: reads the event's labels (and, for other events, comments or the schedule), asks
 * the pure decision in preview-gate.ts, and either lets the command run, changes it, or ends the run here
 * with nothing built and no Cloud Run call. main.ts calls `gateEvent` once, right after reading the event.
 */



/** Ends a run that does nothing: a notice, `result: skipped`, one line in the job summary. Nothing else. */
async function skip(why) {
    core/* notice */.lm(why);
    core/* setOutput */.uH('result', 'skipped');
    if (process.env.GITHUB_STEP_SUMMARY) {
        await core/* summary */.z.addRaw(`⏭️ No preview: ${why}`, true).write();
    }
    return { kind: 'done' };
}
/**
 * Decides whether this event previews, cleans up or does nothing under the opt-in inputs. Only `command:
 * auto` and `command: preview` are gated: an explicit cleanup, promotion or rollback always runs.
 */
async function gateEvent(common, requested, ctx, env) {
    if (requested !== 'auto' && requested !== 'preview')
        return { kind: 'pass' };
    const event = readOptInPayload(env);
    if (event.eventName === 'issue_comment') {
        const { gateComment } = await Promise.all(/* import() */[__webpack_require__.e(239), __webpack_require__.e(79)]).then(__webpack_require__.bind(__webpack_require__, 62079));
        return gateComment(common, requested, ctx, event);
    }
    const decision = decideGate(event, { label: common.optIn.label });
    switch (decision.kind) {
        case 'pass':
            return { kind: 'pass' };
        case 'sweep':
            return requested === 'auto' ? { kind: 'sweep' } : { kind: 'pass' };
        case 'skip':
            return skip(decision.why);
        case 'run':
            if (requested === 'preview' && decision.command !== 'preview') {
                return skip(`${decision.why} (not with command: preview; use command: auto to clean up on unlabeled)`);
            }
            if (decision.command === 'preview' &&
                event.action === 'labeled' &&
                ctx.isFork &&
                ctx.eventName === 'pull_request_target') {
                // The label on a fork PR approves its head; its archive is previewed by workflow_run (issue 28).
                const { approveForkLabel } = await Promise.all(/* import() */[__webpack_require__.e(239), __webpack_require__.e(4)]).then(__webpack_require__.bind(__webpack_require__, 84004));
                return approveForkLabel(common, ctx);
            }
            core/* info */.pq(decision.why);
            return {
                kind: 'run',
                command: decision.command,
                ctx: decision.removedWhy === undefined ? ctx : { ...ctx, removedWhy: decision.removedWhy },
            };
    }
}


/***/ })

};
