export const id = 623;
export const ids = [623];
export const modules = {

/***/ 84004:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   approveForkHead: () => (/* binding */ approveForkHead),
/* harmony export */   approveForkLabel: () => (/* binding */ approveForkLabel)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(14116);
/* harmony import */ var _config_user_error_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(22156);
/* harmony import */ var _github_comment_commands_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(64717);
/* harmony import */ var _github_comment_replies_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(28387);
/* harmony import */ var _github_fork_approval_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(15077);
/* harmony import */ var _github_octokit_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6702);
/**
 * A maintainer approves a fork PR's head for a preview: `/preview` (comment-gate.ts) or the preview label
 * on a `pull_request_target` labeled event (opt-in.ts). The approver's permission is read from the API, the
 * head from the API at this moment, and the approval is recorded on that commit (approval-rule.ts); the
 * build waiting for it is re-run, so the workflow_run job previews it. Nothing of the fork is built or
 * run here.
 */






function done(why) {
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .notice */ .lm(why);
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('result', 'skipped');
    return { kind: 'done' };
}
/** Records the approval of `sha` by `login` and re-runs the build that waits for it; returns the reply. */
async function approveForkHead(client, repo, o) {
    const runId = await (0,_github_fork_approval_js__WEBPACK_IMPORTED_MODULE_5__/* .waitingBuild */ .kv)(client, repo, o.sha);
    await (0,_github_fork_approval_js__WEBPACK_IMPORTED_MODULE_5__/* .recordApproval */ .Li)(client, repo, o.sha, o.login, o.how, o.runUrl);
    const short = o.sha.slice(0, 7);
    let next = 'It is previewed when its build finishes.';
    if (runId !== undefined) {
        try {
            await (0,_github_fork_approval_js__WEBPACK_IMPORTED_MODULE_5__/* .rerunBuild */ .LM)(client, repo, runId);
            next = `Its build (run ${runId}) is re-run, and the preview follows when it finishes.`;
        }
        catch (err) {
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`Could not re-run build run ${runId} (the job needs \`actions: write\`): ${(0,_config_user_error_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .g)(err)}`);
            next = `Re-run its build (run ${runId}) to preview it.`;
        }
    }
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`PR #${o.prNumber}: @${o.login} approved fork commit ${o.sha} (${o.how}).`);
    return `@${o.login} approved commit ${short} of this fork PR for a preview. ${next} A later push needs a new approval.`;
}
/** The preview label added to a fork PR (pull_request_target): an approval of its current head. */
async function approveForkLabel(common, ctx) {
    const prNumber = ctx.prNumber;
    const login = ctx.actor;
    if (prNumber === undefined || login === undefined || common.github.token === '') {
        return done('A fork PR was labeled, but approving it needs the PR, the actor and github_token.');
    }
    const client = (0,_github_octokit_js__WEBPACK_IMPORTED_MODULE_4__/* .createGitHubClient */ .LX)(common.github.token, ctx.apiUrl, _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e);
    const permission = await (0,_github_comment_replies_js__WEBPACK_IMPORTED_MODULE_3__/* .readPermission */ .cE)(client, ctx.repo, login);
    if (!(0,_github_comment_commands_js__WEBPACK_IMPORTED_MODULE_2__/* .mayCommand */ .fi)(permission)) {
        return done(`PR #${prNumber}: ${login} may not approve a fork's preview (permission ${permission.permission}).`);
    }
    const pull = await (0,_github_comment_replies_js__WEBPACK_IMPORTED_MODULE_3__/* .readPull */ .Es)(client, ctx.repo, prNumber);
    if (pull.state !== 'open' || !pull.fork) {
        return done(`PR #${prNumber} is ${pull.state}${pull.fork ? '' : ' and not from a fork'}: no fork approval recorded.`);
    }
    const text = await approveForkHead(client, ctx.repo, {
        prNumber,
        sha: pull.sha,
        login,
        how: 'label',
        runUrl: ctx.runUrl,
    });
    await (0,_github_comment_replies_js__WEBPACK_IMPORTED_MODULE_3__/* .reply */ .Tm)(client, ctx.repo, prNumber, text);
    return done(`PR #${prNumber}: fork commit ${pull.sha.slice(0, 7)} approved by label.`);
}


/***/ }),

/***/ 15077:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  yp: () => (/* binding */ readApproval),
  Li: () => (/* binding */ recordApproval),
  PQ: () => (/* binding */ recordPending),
  LM: () => (/* binding */ rerunBuild),
  kv: () => (/* binding */ waitingBuild)
});

;// CONCATENATED MODULE: ./src/github/approval-rule.ts
/**
 * Approval of a fork PR's head, per commit. A maintainer's `/preview` or preview label makes the privileged
 * job write a commit status with APPROVAL_CONTEXT on the PR's head commit as the API names it at that
 * moment; the workflow_run job deploys an archive only when that commit carries a successful one. Statuses
 * belong to one SHA, so a new push has none and waits for a new approval; only a token that may write to
 * this repository can create one, which a fork's pull_request run never holds. Pure, so tables test it.
 */
const APPROVAL_CONTEXT = 'gcp-deploy/fork-approval';
/** How an approval's description names who approved: "Approved by @login (/preview)". */
function approvalDescription(login, how) {
    return `Approved by @${login} (${how})`;
}
/**
 * What the workflow_run job writes (state pending) when an archive waits for approval: the build run it
 * would deploy, so the approving job can re-run exactly that run.
 */
function pendingDescription(buildRunId) {
    return `Waiting for a maintainer's /preview or label (build run ${buildRunId})`;
}
/** The build run the latest pending approval status names, if the latest status is one. */
function pendingBuildRun(statuses) {
    const latest = latestOurs(statuses);
    if (latest?.state !== 'pending')
        return undefined;
    const id = /\(build run (\d{1,20})\)/.exec(latest.description ?? '')?.[1];
    return id === undefined ? undefined : Number(id);
}
function latestOurs(statuses) {
    return statuses
        .filter((s) => s.context === APPROVAL_CONTEXT)
        .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at))[0];
}
/** The approval of `sha` from its statuses: the latest APPROVAL_CONTEXT status decides. */
function approvalOf(statuses, sha) {
    const latest = latestOurs(statuses);
    const short = sha.slice(0, 7);
    if (latest === undefined) {
        return {
            approved: false,
            why: `commit ${short} has no maintainer approval: a user with write access comments /preview (or adds the preview label) to preview it`,
        };
    }
    if (latest.state === 'pending') {
        return {
            approved: false,
            why: `commit ${short} waits for a maintainer's approval: a user with write access comments /preview (or adds the preview label) to preview it`,
        };
    }
    if (latest.state !== 'success') {
        return { approved: false, why: `the approval of commit ${short} was withdrawn (${latest.state})` };
    }
    const by = /@([A-Za-z0-9-]+(\[bot\])?)/.exec(latest.description ?? '')?.[1] ?? 'a maintainer';
    return { approved: true, by };
}

;// CONCATENATED MODULE: ./src/github/fork-approval.ts

async function recordApproval(client, r, sha, login, how, targetUrl) {
    await client.rest.repos.createCommitStatus({
        ...r,
        sha,
        state: 'success',
        context: APPROVAL_CONTEXT,
        description: approvalDescription(login, how),
        target_url: targetUrl,
    });
}
async function listStatuses(client, r, sha) {
    const statuses = await client.paginate(client.rest.repos.listCommitStatusesForRef, {
        ...r,
        ref: sha,
        per_page: 100,
    });
    return statuses.map((s) => ({
        context: s.context,
        state: s.state,
        description: s.description,
        created_at: s.created_at,
    }));
}
/** Reads the approval of `sha` from its commit statuses, through the API (never from the event). */
async function readApproval(client, r, sha) {
    return approvalOf(await listStatuses(client, r, sha), sha);
}
/** Marks `sha` as waiting for approval, naming the build run to re-run once approved. */
async function recordPending(client, r, sha, buildRunId, targetUrl) {
    await client.rest.repos.createCommitStatus({
        ...r,
        sha,
        state: 'pending',
        context: APPROVAL_CONTEXT,
        description: pendingDescription(buildRunId),
        target_url: targetUrl,
    });
}
/**
 * The build run waiting for approval (named by the pending status the workflow_run job wrote), read
 * before the approval is recorded: once it is, the latest status is the approval. Undefined when no run
 * waits: the build has not finished yet, and its completion will find the approval.
 */
async function waitingBuild(client, r, sha) {
    return pendingBuildRun(await listStatuses(client, r, sha));
}
/** Re-runs a build run, so its completion starts the workflow_run preview again, now approved. */
async function rerunBuild(client, r, runId) {
    await client.rest.actions.reRunWorkflow({ ...r, run_id: runId });
}


/***/ })

};
