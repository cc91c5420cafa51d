export const id = 513;
export const ids = [513];
export const modules = {

/***/ 3513:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runSweepStep: () => (/* binding */ runSweepStep)
});

// UNUSED EXPORTS: NO_PER_PR_DATA, runScheduledSweep

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 15 modules
var core = __webpack_require__(14116);
// EXTERNAL MODULE: ./src/cloudrun/naming.ts
var naming = __webpack_require__(67536);
// EXTERNAL MODULE: ./src/cloudrun/traffic-plan.ts
var traffic_plan = __webpack_require__(26271);
// EXTERNAL MODULE: ./src/config/user-error.ts
var user_error = __webpack_require__(22156);
// EXTERNAL MODULE: ./src/github/index.ts + 11 modules
var github = __webpack_require__(93621);
// EXTERNAL MODULE: ./src/report/phases.ts
var phases = __webpack_require__(62568);
// EXTERNAL MODULE: ./src/commands/adapters.ts + 14 modules
var adapters = __webpack_require__(95365);
// EXTERNAL MODULE: ./src/commands/cleanup.ts
var cleanup = __webpack_require__(86914);
// EXTERNAL MODULE: ./src/commands/ports.ts
var commands_ports = __webpack_require__(47054);
;// CONCATENATED MODULE: ./src/commands/sweep-plan.ts
/** How many PRs one batch removes: one service write untags them all, then their revisions and images go. */
const SWEEP_BATCH = 10;
/** Each PR's last deploy: the creation time of its newest revision this action made. */
function lastDeployByPr(revisions) {
    const newest = new Map();
    for (const r of revisions) {
        const pr = Number(r.labels['gcp-deploy-pr']);
        if (!Number.isSafeInteger(pr) || pr <= 0)
            continue;
        const t = r.createTime?.getTime() ?? 0;
        newest.set(pr, Math.max(newest.get(pr) ?? 0, t));
    }
    return new Map([...newest.entries()].map(([pr, t]) => [pr, new Date(t)]));
}
/**
 * The PRs to sweep, oldest deploy first: closed ones whatever their age, and with `staleMs` open ones not
 * deployed for longer than that. A PR whose state could not be read is neither closed nor spared expiry.
 */
function planSweep(o) {
    const entries = [];
    for (const [pr, lastDeploy] of o.lastDeploys) {
        if (o.closed.has(pr))
            entries.push({ pr, reason: 'closed', lastDeploy });
        else if (o.staleMs !== undefined && o.now.getTime() - lastDeploy.getTime() > o.staleMs)
            entries.push({ pr, reason: 'expired', lastDeploy });
    }
    return entries.sort((a, b) => a.lastDeploy.getTime() - b.lastDeploy.getTime() || a.pr - b.pr);
}
/** Items in consecutive groups of at most `size`. */
function inBatches(items, size) {
    const out = [];
    for (let i = 0; i < items.length; i += size)
        out.push(items.slice(i, i + size));
    return out;
}
/** A duration in the largest whole unit that fits: "7 days", "1 day", "3 hours", "45 minutes", "10 seconds". */
function humanDuration(ms) {
    const units = [
        [86_400_000, 'day'],
        [3_600_000, 'hour'],
        [60_000, 'minute'],
        [1000, 'second'],
    ];
    for (const [size, name] of units) {
        if (ms >= size && ms % size === 0) {
            const n = ms / size;
            return `${n} ${name}${n === 1 ? '' : 's'}`;
        }
    }
    for (const [size, name] of units) {
        if (ms >= size) {
            const n = Math.floor(ms / size);
            return `${n} ${name}${n === 1 ? '' : 's'}`;
        }
    }
    return `${ms} ms`;
}
/** What the PR comment says when a preview expired. */
function expiredSentence(staleMs) {
    return `Expired after ${humanDuration(staleMs)} without a deploy; push, label or \`/preview\` to bring it back.`;
}
/** What the PR comment says when the sweep removed a closed PR's leftover preview. */
const CLOSED_SENTENCE = 'The pull request is closed: its leftover preview and URL were removed.';

;// CONCATENATED MODULE: ./src/commands/sweep.ts
/**
 * The scheduled sweep (`on: schedule` with `command: auto`): previews not deployed for longer than `stale`
 * expire, and every leftover of a closed PR goes. Removal is in batches: one etag-checked service write
 * untags a batch, then its revisions and images go, then per-PR data, then each PR's comment and deployments.
 * Production and anything the action did not make are never touched; `dry_run` lists and changes nothing.
 */










const NO_PER_PR_DATA = () => Promise.resolve({ dropped: [], kept: [] });
/** The PR's tag as a preview made it; a `{branch}` template without the branch falls back to the default. */
function tagOf(config, pr) {
    try {
        return (0,naming/* prTag */.Hj)({ template: config.tagTemplate, prNumber: pr, service: config.service });
    }
    catch {
        return `pr-${pr}`;
    }
}
/** Sweeps one service; returns its report (state `removed`, or `ready` for a dry run). */
async function runScheduledSweep(config, ctx, cancel, dropPerPrData = NO_PER_PR_DATA) {
    const dry = config.cleanup.dryRun;
    const report = (0,phases/* newReport */.bQ)({
        command: 'cleanup',
        service: config.service,
        project: config.projectId,
        region: config.region,
        commitSha: ctx.headSha,
        runUrl: ctx.runUrl,
    });
    const ports = (0,adapters/* createPorts */.R)(config, ctx, commands_ports/* NO_REPORTS */.Q, report, cancel);
    const swept = [];
    await (0,phases/* timePhase */.Jv)(report, 'cleanup', async () => {
        const revisions = await ports.cloudRun.listRevisions({ 'managed-by': 'gcp-deploy' });
        const lastDeploys = lastDeployByPr(revisions);
        const closed = config.github.token === ''
            ? []
            : await (0,github/* closedPullRequests */.UJ)(config.github.token, ctx, [...lastDeploys.keys()], core/* warning */.$e);
        const entries = planSweep({
            lastDeploys,
            closed: new Set(closed),
            staleMs: config.cleanup.staleMs,
            now: new Date(),
        });
        const ttl = config.cleanup.staleMs === undefined
            ? 'no stale set'
            : `stale ${humanDuration(config.cleanup.staleMs)}`;
        core/* info */.pq(`Sweep of ${config.service} (${ttl}): ${lastDeploys.size} PR preview(s), ${entries.filter((e) => e.reason === 'expired').length} expired, ${entries.filter((e) => e.reason === 'closed').length} of closed PRs`);
        for (const batch of inBatches(entries, SWEEP_BATCH)) {
            if (cancel.aborted)
                break;
            const service = await ports.cloudRun.getService();
            const current = await ports.cloudRun.listRevisions({ 'managed-by': 'gcp-deploy' });
            // Each PR planned on the service as the batch's earlier PRs leave it, so the last plan's protected
            // digests are exactly those still serving or tagged once the whole batch is untagged.
            let remaining = service;
            const plans = batch.map((entry) => {
                const plan = (0,cleanup/* planCleanup */.CB)(entry.pr, tagOf(config, entry.pr), remaining, current);
                if (remaining !== null)
                    remaining = { ...remaining, traffic: (0,traffic_plan/* planTraffic */.H6)(remaining, { kind: 'untag', tags: plan.tags }) };
                return { entry, plan };
            });
            const protectedDigests = plans.at(-1)?.plan.protectedDigests ?? [];
            for (const { entry, plan } of plans) {
                const verb = dry ? 'would delete' : 'deleting';
                const why = entry.reason === 'closed' ? 'closed' : `last deployed ${entry.lastDeploy.toISOString()}`;
                core/* info */.pq(`${verb} PR #${entry.pr} (${why}): tags ${plan.tags.join(', ') || 'none'}; revisions ${plan.revisions.join(', ') || 'none'}`);
            }
            const tags = plans.flatMap((p) => p.plan.tags);
            if (!dry && tags.length > 0)
                await ports.cloudRun.untag(tags);
            for (const { plan } of plans) {
                for (const name of plan.revisions)
                    if (!dry)
                        await ports.cloudRun.deleteRevision(name);
            }
            const images = await ports.images.deleteTags(plans.flatMap((p) => p.plan.imageTags), protectedDigests, dry);
            core/* info */.pq(`${dry ? 'would delete' : 'deleted'} image tags: ${images.deleted.join(', ') || 'none'}`);
            for (const { entry, plan } of plans) {
                const data = dry ? { dropped: [], kept: [] } : await dropPerPrData(entry.pr, config);
                for (const k of data.kept)
                    core/* info */.pq(`PR #${entry.pr}: kept ${k.name}: ${k.reason}`);
                report.notes.push(`PR #${entry.pr} (${entry.reason}): ${dry ? 'would remove' : 'removed'} ${plan.tags.length} tag(s), ${plan.revisions.length} revision(s)${data.dropped.length > 0 ? `, ${data.dropped.join(', ')}` : ''}`);
                swept.push(entry);
            }
        }
    });
    if (!dry) {
        for (const entry of swept)
            await reportRemoved(config, ctx, entry);
    }
    report.state = dry ? 'ready' : 'removed';
    report.result = dry ? 'success' : 'removed';
    if (swept.length === 0)
        report.notes.push('Nothing to sweep: every preview is fresh and its PR open.');
    return report;
}
/** The PR's sticky comment says why its preview went, and its deployments turn inactive. */
async function reportRemoved(config, ctx, entry) {
    if (config.github.token === '')
        return;
    const tag = tagOf(config, entry.pr);
    const prCtx = { ...ctx, prNumber: entry.pr };
    const report = (0,phases/* newReport */.bQ)({
        command: 'cleanup',
        service: config.service,
        project: config.projectId,
        region: config.region,
        tag,
        prNumber: entry.pr,
        runUrl: ctx.runUrl,
    });
    report.state = 'removed';
    report.result = 'removed';
    report.removedWhy =
        entry.reason === 'closed' || config.cleanup.staleMs === undefined
            ? CLOSED_SENTENCE
            : expiredSentence(config.cleanup.staleMs);
    try {
        await (0,github/* createGitHubReporter */.Jl)({
            token: config.github.token,
            ctx: prCtx,
            service: config.service,
            environment: config.github.environment ?? `preview/${tag}`,
            comment: config.github.comment,
            failOnCommentError: false,
            log: { info: core/* info */.pq, warning: core/* warning */.$e, notice: core/* notice */.lm },
        }).removed(report);
    }
    catch (err) {
        core/* warning */.$e(`PR #${entry.pr}: could not update its comment or deployments: ${(0,user_error/* errorMessage */.g)(err)}`);
    }
}
/** The sweep's step: every service of the run (one, or each member of `services`), then outputs and summary. */
async function runSweepStep(configs, ctx, cancel) {
    let last;
    for (const config of configs) {
        last = await runScheduledSweep(config, ctx, cancel);
        await (0,github/* writeJobSummary */.j7)(last, (0,github/* renderContextFor */.T2)(ctx));
    }
    core/* setOutput */.uH('result', last?.result ?? 'success');
}


/***/ })

};
