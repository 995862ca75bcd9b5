export const id = 432;
export const ids = [432];
export const modules = {

/***/ 8881:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ describeGitHubFailure),
/* harmony export */   z: () => (/* binding */ callFailure)
/* harmony export */ });
/** What an Octokit error says about the call that failed. */
function callFailure(err, fallbackCall = 'GitHub API call') {
    const e = err;
    const url = e.request?.url;
    const call = e.request?.method && url ? `${e.request.method} ${new URL(url).pathname}` : fallbackCall;
    // Octokit reports a request that got no answer at all as status 500 without a response.
    const status = e.response === undefined ? undefined : e.status;
    return { call, ...(status !== undefined && { status }), message: e.message ?? String(err) };
}
function describeGitHubFailure({ call, status, message }) {
    const answered = status === undefined ? `got no answer (${message})` : `answered ${status}: ${message}`;
    const cause = causeOf(call, status, message);
    return `${call} ${answered}${cause ? ` — ${cause}` : ''}`;
}
function causeOf(call, status, message) {
    const writes = !call.startsWith('GET ');
    if (status === 401)
        return 'the github-token is invalid or expired';
    if (status === 403 && /rate limit/i.test(message))
        return 'GitHub’s API rate limit is exhausted';
    if (status === 403 && writes && /not accessible by integration/i.test(message))
        return 'the token cannot write to the pull request: a fork’s token is read-only, otherwise the job needs `permissions: pull-requests: write`';
    if (status !== undefined && status >= 500)
        return 'GitHub failed on every retry';
    return undefined;
}


/***/ }),

/***/ 6702:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A: () => (/* binding */ retryingOctokit)
/* harmony export */ });
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2413);
/* harmony import */ var _util_sleep_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7783);
// An Octokit that survives a few consecutive 5xx or rate-limit answers, like every AWS call does: a
// flaky GitHub must not cost the reviewers their plan comment. (@actions/github ships no retry plugin;
// this hook is the few lines it would cost.)


const ATTEMPTS = 4;
function worthRetrying(err) {
    const { status = 0, response } = err;
    const rateLimited = status === 429 || (status === 403 && response?.headers?.['x-ratelimit-remaining'] === '0');
    return status >= 500 || rateLimited;
}
function retryingOctokit(token, sleep = _util_sleep_js__WEBPACK_IMPORTED_MODULE_1__/* .sleep */ .y) {
    const octokit = (0,_actions_github__WEBPACK_IMPORTED_MODULE_0__/* .getOctokit */ .Q)(token);
    octokit.hook.wrap('request', async (request, options) => {
        for (let attempt = 1;; attempt++) {
            try {
                return await request(options);
            }
            catch (err) {
                if (attempt >= ATTEMPTS || !worthRetrying(err))
                    throw err;
                await sleep(500 * 2 ** (attempt - 1));
            }
        }
    });
    return octokit;
}


/***/ }),

/***/ 1685:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   g: () => (/* binding */ upsertPlanComment),
/* harmony export */   r: () => (/* binding */ findOwnComment)
/* harmony export */ });
/* harmony import */ var _failure_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8881);
/* harmony import */ var _octokit_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6702);
/* harmony import */ var _report_comment_body_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7840);
// The one PR comment per runtime (keyed by runtime name + region) that carries the plan. Finds its own
// earlier comment across every page, updates it in place (or not at all when the body is unchanged), and
// never touches comments written by anyone else. Comment bodies are built and parsed only by
// report/comment-body.ts.



/**
 * Which comments the token wrote. A personal or app user token can ask GET /user; GITHUB_TOKEN, an
 * installation token, is refused (403) and writes as github-actions[bot]. Any other failure of GET /user
 * (a 404 from a proxy or GitHub Enterprise, 5xx after the retries, no answer) falls back to the same
 * assumption, said in `onFallback` unless it was the expected 403: the comment is still posted. (Another
 * GitHub App's installation token cannot learn its bot's login this way: it then finds no comment of its
 * own and posts a new one, rather than touch anyone else's.)
 */
async function authoredByToken(octokit, onFallback) {
    let login = GITHUB_ACTIONS_BOT;
    try {
        login = (await octokit.rest.users.getAuthenticated()).data.login;
    }
    catch (err) {
        const failure = (0,_failure_js__WEBPACK_IMPORTED_MODULE_2__/* .callFailure */ .z)(err, 'GET /user');
        if (failure.status !== 403)
            onFallback(failure);
    }
    return (comment) => comment.user?.login === login;
}
const GITHUB_ACTIONS_BOT = 'github-actions[bot]';
/** This action's own plan comment for `key` on the pull request, across every page of comments. */
async function findOwnComment(octokit, pr, key, warn = () => { }) {
    const comments = (await octokit.paginate(octokit.rest.issues.listComments, {
        owner: pr.owner,
        repo: pr.repo,
        issue_number: pr.number,
        per_page: 100,
    }));
    const candidates = comments.filter((c) => (0,_report_comment_body_js__WEBPACK_IMPORTED_MODULE_1__/* .parseCommentHeader */ .qU)(c.body ?? '')?.key === key);
    // Whose comment is ours is asked only when one carries our header (someone may have quoted it).
    return candidates.length > 0 ? candidates.find(await authoredByToken(octokit, warn)) : undefined;
}
async function upsertPlanComment(options) {
    const { pr, key, body } = options;
    const octokit = (0,_octokit_js__WEBPACK_IMPORTED_MODULE_0__/* .retryingOctokit */ .A)(options.token);
    try {
        const mine = await findOwnComment(octokit, pr, key, options.warn);
        if (mine) {
            if ((0,_report_comment_body_js__WEBPACK_IMPORTED_MODULE_1__/* .sameCommentContent */ .fP)(mine.body ?? '', body))
                return { action: 'unchanged', url: mine.html_url };
            const { data } = await octokit.rest.issues.updateComment({
                owner: pr.owner,
                repo: pr.repo,
                comment_id: mine.id,
                body,
            });
            return { action: 'updated', url: data.html_url };
        }
        if (!options.createIfMissing)
            return { action: 'skipped', reason: 'no changes to report (comment-on-pr: changes-only)' };
        const { data } = await octokit.rest.issues.createComment({
            owner: pr.owner,
            repo: pr.repo,
            issue_number: pr.number,
            body,
        });
        return { action: 'created', url: data.html_url };
    }
    catch (err) {
        return { action: 'failed', failure: (0,_failure_js__WEBPACK_IMPORTED_MODULE_2__/* .callFailure */ .z)(err) };
    }
}


/***/ }),

/***/ 7068:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J: () => (/* binding */ repository),
/* harmony export */   V: () => (/* binding */ runUrl)
/* harmony export */ });
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2413);
// What the runner tells about this run: the repository and the link to the run (its job summary).

/** owner/repo of this run, when the runner says (github.context.repo throws otherwise). */
function repository() {
    try {
        return _actions_github__WEBPACK_IMPORTED_MODULE_0__/* .context */ ._.repo;
    }
    catch {
        return undefined;
    }
}
/** The link to this run's job summary, when the runner gives enough to build it. */
function runUrl() {
    const repo = repository();
    if (!repo || !_actions_github__WEBPACK_IMPORTED_MODULE_0__/* .context */ ._.runId)
        return undefined;
    return `${_actions_github__WEBPACK_IMPORTED_MODULE_0__/* .context */ ._.serverUrl}/${repo.owner}/${repo.repo}/actions/runs/${_actions_github__WEBPACK_IMPORTED_MODULE_0__/* .context */ ._.runId}`;
}


/***/ }),

/***/ 5432:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  planMode: () => (/* binding */ planMode),
  reportNoAwsAccess: () => (/* binding */ reportNoAwsAccess)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 18 modules
var core = __webpack_require__(6257);
// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 22 modules
var github = __webpack_require__(2413);
// EXTERNAL MODULE: ./src/aws/errors.ts
var errors = __webpack_require__(9378);
// EXTERNAL MODULE: ./src/aws/current-runtime.ts
var current_runtime = __webpack_require__(1921);
// EXTERNAL MODULE: ./src/deploy/pin.ts
var pin = __webpack_require__(5656);
// EXTERNAL MODULE: ./src/github/failure.ts
var github_failure = __webpack_require__(8881);
// EXTERNAL MODULE: ./src/github/pr-comment.ts
var pr_comment = __webpack_require__(1685);
// EXTERNAL MODULE: ./src/github/run-context.ts
var run_context = __webpack_require__(7068);
// EXTERNAL MODULE: ./src/plan/plan.ts + 2 modules
var plan_plan = __webpack_require__(2840);
// EXTERNAL MODULE: ./src/plan/release-plan.ts
var release_plan = __webpack_require__(8744);
// EXTERNAL MODULE: ./src/report/comment-body.ts
var comment_body = __webpack_require__(7840);
// EXTERNAL MODULE: ./src/report/job-summary.ts
var job_summary = __webpack_require__(5236);
// EXTERNAL MODULE: ./src/report/outputs.ts
var outputs = __webpack_require__(5468);
// EXTERNAL MODULE: ./src/report/plan-json.ts
var plan_json = __webpack_require__(6034);
// EXTERNAL MODULE: ./src/report/plan-markdown.ts
var plan_markdown = __webpack_require__(5925);
// EXTERNAL MODULE: ./src/report/failure-reason.ts
var failure_reason = __webpack_require__(8009);
// EXTERNAL MODULE: ./src/report/escape-markdown.ts
var escape_markdown = __webpack_require__(7729);
;// CONCATENATED MODULE: ./src/report/release-plan-markdown.ts


/** The endpoints table and the smoke-test line, for a deploy's plan. */
function renderReleaseBlock(release) {
    const blocks = [];
    if (release.blocked)
        blocks.push(`> [!CAUTION]\n> **A deploy would stop before any change:** ${release.blocked}.`);
    if (release.endpoints.length > 0)
        blocks.push([
            '| Endpoint | Now | After this deploy |',
            '|---|---|---|',
            ...release.endpoints.map((line) => endpointRow(line, release)),
        ].join('\n'));
    blocks.push(smokeLine(release));
    return blocks.join('\n\n');
}
/** A plan with endpoint-version: pin / roll back, the runtime untouched. */
function renderPinnedPlanMarkdown(release, plan, options = {}) {
    const target = (0,escape_markdown/* inlineCode */.ti)(release.endpointName ?? '', 'prose');
    const headline = `### 📌 ${(0,escape_markdown/* inlineCode */.ti)(plan.runtimeName, 'prose')}: pin/roll back ${target} to version ${(0,escape_markdown/* escapeText */.X1)(release.pinnedVersion ?? '')}, runtime untouched`;
    const untouched = plan.changed
        ? `The configuration differs from the runtime (${plan.operation} planned), but \`endpoint-version\` only moves ` +
            `${target}: **none of the differences below are deployed by this run**, and no CreateAgentRuntime or ` +
            'UpdateAgentRuntime call is made.'
        : 'The runtime already matches the configuration; it is not touched.';
    return ([
        headline,
        renderReleaseBlock(release),
        untouched,
        (0,plan_markdown/* renderPlanMarkdown */.d)(plan, { as: 'changes', summaryLink: options.summaryLink }).trimEnd(),
    ].join('\n\n') + '\n');
}
function endpointRow(line, release) {
    const now = line.now === undefined ? '—' : (0,escape_markdown/* escapeText */.X1)(line.now);
    const status = line.status ? ` (${(0,escape_markdown/* inlineCode */.ti)(line.status)})` : '';
    return `| ${(0,escape_markdown/* inlineCode */.ti)(line.name)} | ${now}${status} | ${after(line, release)} |`;
}
function after(line, release) {
    if (line.after === undefined)
        return '—';
    const version = (0,escape_markdown/* escapeText */.X1)(line.after);
    if (line.change === 'stays')
        return `${version} (stays)`;
    if (line.movedBy === 'service')
        return `${version} (${line.change === 'create' ? 'created' : 'moved'} by the service: \`DEFAULT\` follows every new version)`;
    const verb = line.change === 'create' ? 'created' : release.pinnedVersion ? 'pinned' : 'moved';
    const gate = release.smokeTest ? ', after the smoke test passes' : '';
    const busy = line.status ? `; the deploy first waits for the move in progress` : '';
    return `**${version}** (${verb} by this deploy${gate}${busy})`;
}
function smokeLine(release) {
    const version = release.version ? `version ${(0,escape_markdown/* escapeText */.X1)(release.version)}` : 'the new version';
    const invoked = `${version} is invoked (by number, in a fresh session)`;
    const targetLine = release.endpoints.find((e) => e.name === release.endpointName);
    if (!release.endpointName || !targetLine)
        return `🧪 Smoke test: ${invoked} once it is READY; the deploy fails if it does not answer as expected.`;
    const target = (0,escape_markdown/* inlineCode */.ti)(release.endpointName, 'prose');
    if (targetLine.change === 'stays')
        return `${release.smokeTest ? `🧪 Smoke test: ${invoked}. ` : ''}${target} already serves ${version}: nothing moves.`;
    if (release.smokeTest)
        return (`🧪 Smoke test: ${invoked} before ${target} moves; if it fails, ` +
            `${target} ${targetLine.now ? `stays on version ${(0,escape_markdown/* escapeText */.X1)(targetLine.now)}` : 'is not created'}.`);
    return release.pinnedVersion
        ? `No smoke test (\`smoke-test-payload\` is not set): ${target} is pointed at ${version} directly.`
        : `No smoke test (\`smoke-test-payload\` is not set): ${target} moves as soon as ${version} is READY.`;
}

// EXTERNAL MODULE: ./src/report/set-outputs.ts
var set_outputs = __webpack_require__(4057);
;// CONCATENATED MODULE: ./src/modes/plan-mode.ts
// Plan mode: read-only calls (List, Get, ListTags), the plan in the outputs and the job summary, and one
// self-updating comment on the pull request. It never fails a check for want of permissions: a fork's
// pull request has neither AWS access nor a writable token, and says so.


















async function planMode(spec, settings, region, gateway, currentRead) {
    const current = await core/* group */.Os('Reading the current runtime', () => currentRead ?? (0,current_runtime/* readCurrentRuntime */.M)(gateway, spec.agentRuntimeName));
    const plan = (0,plan_plan/* computePlan */.R)({ desired: spec, region, current });
    const release = await planReleaseStage(plan, settings.release, gateway, current);
    const summaryLink = (0,run_context/* runUrl */.V)();
    const markdown = release?.pinnedVersion
        ? renderPinnedPlanMarkdown(release, plan, { summaryLink })
        : (0,plan_markdown/* renderPlanMarkdown */.d)(plan, { summaryLink, release: release && renderReleaseBlock(release) });
    (0,set_outputs/* setOutputs */.n)({
        // plan.current is unset when the runtime would be created (none yet, or one being deleted).
        ...(0,outputs/* runtimeOutputs */.l)(plan.current && current && (0,current_runtime/* refOf */.H)(current.runtime), plan.operation, plan.changed),
        'plan-markdown': markdown,
        'plan-json': (0,plan_json/* planJson */.i)(plan, release),
    });
    core/* info */.pq(release?.pinnedVersion
        ? `Plan: pin/roll back ${release.endpointName} to version ${release.pinnedVersion}, runtime untouched.`
        : `Plan: ${plan.operation}${plan.changed ? '' : ' (no changes)'}.`);
    if (plan.operation === 'replace' && !release?.pinnedVersion)
        core/* warning */.$e(`A deploy of this configuration would fail, the runtime needs replacing: ${plan.replacementReasons.join('; ')}`);
    if (release?.blocked)
        core/* warning */.$e(`A deploy would stop before any change: ${release.blocked}`);
    await (0,job_summary/* writeJobSummary */.j)(markdown);
    await commentOnPullRequest(plan, markdown, settings, (0,release_plan/* releaseMoves */.AL)(release));
}
/**
 * What the release would do: the runtime's endpoints (read-only ListAgentRuntimeEndpoints, only with
 * endpoint-name) and, with endpoint-version, whether that version exists (GetAgentRuntime of it).
 */
async function planReleaseStage(plan, release, gateway, current) {
    const runtimeId = plan.current && current?.runtime.agentRuntimeId;
    const endpoints = release.endpointName && runtimeId ? await gateway.listEndpoints(runtimeId) : [];
    const planned = (0,release_plan/* planRelease */.F3)({
        plan,
        endpointName: release.endpointName,
        pinnedVersion: release.endpointVersion,
        smokeTest: !!release.smokeTest,
        endpoints,
    });
    if (planned?.pinnedVersion) {
        try {
            await (0,pin/* resolvePinnedVersion */.R)(gateway, { plan, current }, release, core/* info */.pq);
        }
        catch (err) {
            if ((0,failure_reason/* failureReasonOf */.M3)(err) !== 'invalid-input')
                throw err;
            planned.blocked = (0,errors/* errorMessage */.gJ)(err).replace(/\.$/, '');
        }
    }
    return planned;
}
/** Plan mode without an AWS identity: the configuration was validated; the plan cannot be computed. */
async function reportNoAwsAccess(err, spec) {
    const why = (0,errors/* errorMessage */.gJ)(err);
    core/* warning */.$e(`Cannot plan against AWS, so there is no plan: ${why}`);
    (0,set_outputs/* setOutputs */.n)({ changed: 'false' }); // no plan, so no operation to report
    await (0,job_summary/* writeJobSummary */.j)([
        `### ⚠️ \`${spec.agentRuntimeName}\`: no plan — this job has no AWS access`,
        '',
        'The configuration is valid. ' + why,
        '',
        'A pull request from a fork never gets an OIDC token or secrets. The plan will appear on pull requests ' +
            'from branches of this repository, and the deploy runs on merge.',
    ].join('\n'));
}
async function commentOnPullRequest(plan, markdown, settings, releaseMoves) {
    const pr = github/* context */._.payload.pull_request;
    if (!pr || settings.commentOnPr === 'false')
        return;
    if (!settings.githubToken) {
        core/* warning */.$e('No github-token: the plan is in the job summary only.');
        return;
    }
    const repo = (0,run_context/* repository */.J)();
    if (!repo) {
        core/* warning */.$e('GITHUB_REPOSITORY is not set: the plan is in the job summary only.');
        return;
    }
    const key = (0,comment_body/* commentKey */.Td)(plan.runtimeName, plan.region);
    const outcome = await (0,pr_comment/* upsertPlanComment */.g)({
        token: settings.githubToken,
        pr: { ...repo, number: pr.number },
        key,
        body: (0,comment_body/* buildCommentBody */.SM)({ key, planHash: (0,comment_body/* planHash */.SH)(plan), markdown, summaryUrl: (0,run_context/* runUrl */.V)() }),
        // An endpoint move is a change worth a comment even when the runtime itself is unchanged.
        createIfMissing: settings.commentOnPr === 'true' || plan.changed || releaseMoves,
        warn: (failure) => core/* warning */.$e(`${(0,github_failure/* describeGitHubFailure */.P)(failure)}; assuming the token writes as github-actions[bot] to find the plan comment.`),
    });
    if (outcome.action === 'failed')
        core/* warning */.$e(`Could not post the plan on the pull request: ${(0,github_failure/* describeGitHubFailure */.P)(outcome.failure)}. ` +
            'The full plan is in the job summary.');
    else if (outcome.action === 'skipped')
        core/* info */.pq(`PR comment skipped: ${outcome.reason}.`);
    else
        core/* info */.pq(`PR comment ${outcome.action}: ${outcome.url}`);
}


/***/ })

};
