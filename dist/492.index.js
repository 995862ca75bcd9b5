export const id = 492;
export const ids = [492];
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

/***/ 9492:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  markReviewedPlanApplied: () => (/* binding */ markReviewedPlanApplied),
  reviewedPlanContext: () => (/* binding */ reviewedPlanContext),
  runUrl: () => (/* reexport */ run_context/* runUrl */.V)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 18 modules
var core = __webpack_require__(6257);
// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 22 modules
var github = __webpack_require__(2413);
// EXTERNAL MODULE: ./src/deploy/reviewed-plan.ts + 1 modules
var reviewed_plan = __webpack_require__(499);
// EXTERNAL MODULE: ./src/github/pr-comment.ts
var pr_comment = __webpack_require__(1685);
// EXTERNAL MODULE: ./src/github/octokit.ts
var github_octokit = __webpack_require__(6702);
;// CONCATENATED MODULE: ./src/github/pull-request-comments.ts
// What `require-reviewed-plan` asks of GitHub, behind one small interface: which pull request a commit
// belongs to ("list pull requests associated with a commit"), this action's plan comment on it (found as
// plan mode finds it), and an update of that comment once the plan is applied.


function planCommentGitHub(token, repo) {
    const octokit = (0,github_octokit/* retryingOctokit */.A)(token);
    return {
        async pullRequestsOfCommit(sha) {
            const pulls = await octokit.paginate(octokit.rest.repos.listPullRequestsAssociatedWithCommit, {
                ...repo,
                commit_sha: sha,
                per_page: 100,
            });
            return pulls.map((p) => ({
                number: p.number,
                state: p.state,
                headSha: p.head.sha,
                mergeCommitSha: p.merge_commit_sha ?? undefined,
                merged: Boolean(p.merged_at),
            }));
        },
        ownComment: (number, key) => (0,pr_comment/* findOwnComment */.r)(octokit, { ...repo, number }, key),
        async updateComment(id, body) {
            await octokit.rest.issues.updateComment({ ...repo, comment_id: id, body });
        },
    };
}

// EXTERNAL MODULE: ./src/github/run-context.ts
var run_context = __webpack_require__(7068);
;// CONCATENATED MODULE: ./src/modes/reviewed-plan-github.ts
// The GitHub side of require-reviewed-plan in a deploy: the run's commit and pull request, the link to
// the run, and the client that reads the plan comment and marks it applied. Deploy mode loads this module
// only when require-reviewed-plan is set, so that any other deploy never loads @actions/github (Octokit
// and its plugins: ncc emits them in a chunk of their own).






function reviewedPlanContext(settings) {
    const repo = (0,run_context/* repository */.J)();
    const number = github/* context */._.payload.pull_request?.number;
    return {
        github: settings.githubToken && repo ? planCommentGitHub(settings.githubToken, repo) : undefined,
        repository: repo ? `${repo.owner}/${repo.repo}` : 'this repository',
        sha: github/* context */._.sha,
        ...(typeof number === 'number' && { pullRequest: number }),
        log: core/* info */.pq,
    };
}
/** The comment's status line is a courtesy: failing to write it does not undo a deploy. */
async function markReviewedPlanApplied(reviewed, version, settings) {
    const repo = (0,run_context/* repository */.J)();
    const run = (0,run_context/* runUrl */.V)();
    // A re-run of the deploy that applied it leaves the status naming the run that did.
    if (reviewed.header.applied?.version === version)
        return;
    if (!settings.githubToken || !repo || !run)
        return;
    try {
        await (0,reviewed_plan/* recordApplied */.RC)(reviewed, { run, version }, planCommentGitHub(settings.githubToken, repo));
        core/* info */.pq(`Marked the plan on pull request #${reviewed.pullRequest} as applied at version ${version}.`);
    }
    catch (err) {
        core/* warning */.$e(`Could not mark the plan comment as applied: ${err.message}`);
    }
}


/***/ })

};
