// The "reviewed plan" stage of a deploy with `require-reviewed-plan`: between plan and apply, find the
// pull request of the pushed commit, read the plan this action posted on it, and refuse (before any
// mutating call) unless the plan about to be applied is that plan. After the deploy, the comment says
// where and at which version it was applied (dflook/terraform-github-actions' apply does the same check).
// GitHub is reached only through the interface handed in: deploy mode imports this module whatever the
// settings, so it must not load @actions/github (modes/reviewed-plan-github.ts, loaded only with
// require-reviewed-plan, builds the interface).
import type { AssociatedPullRequest, PlanCommentGitHub } from '../github/pull-request-comments.js';
import type { Plan } from '../plan/plan.js';
import {
  markApplied,
  parseCommentHeader,
  reviewedMarkdownOf,
  type AppliedPlan,
  type CommentHeader,
} from '../report/comment-body.js';
import { classifiedError } from '../report/failure-reason.js';
import { differingLines, planChangedMessage, renderPlanChangedSummary } from '../report/plan-changed.js';

export interface ReviewedPlanContext {
  /** Undefined without a github-token. */
  github: PlanCommentGitHub | undefined;
  /** owner/repo, for messages. */
  repository: string;
  /** The commit being deployed (GITHUB_SHA). */
  sha: string;
  /** The pull request of the event, when the run is for one (no lookup needed then). */
  pullRequest?: number;
  log: (message: string) => void;
}

export interface ReviewedPlan {
  pullRequest: number;
  commentId: number;
  commentUrl: string;
  body: string;
  header: CommentHeader;
}

export class PlanChangedError extends Error {
  readonly failureReason = 'plan-changed';
  constructor(
    message: string,
    /** The job summary that shows both plans' differing lines. */
    readonly summary: string,
  ) {
    super(message);
    this.name = 'PlanChangedError';
  }
}

const noReviewedPlan = (message: string) =>
  classifiedError('no-reviewed-plan', message, 'NoReviewedPlanError');

/** The plan reviewed for the runtime `key` (runtimeName@region); throws `no-reviewed-plan` without one. */
export async function findReviewedPlan(key: string, ctx: ReviewedPlanContext): Promise<ReviewedPlan> {
  if (!ctx.github)
    throw noReviewedPlan(
      'require-reviewed-plan needs a github-token that can read pull requests (`pull-requests: read`) to find the reviewed plan.',
    );
  let number = ctx.pullRequest;
  if (number === undefined) {
    const pulls = await ctx.github.pullRequestsOfCommit(ctx.sha);
    const pr = pullRequestOfCommit(ctx.sha, pulls);
    if (!pr)
      throw noReviewedPlan(
        pulls.length === 0
          ? `Commit ${ctx.sha} of ${ctx.repository} belongs to no pull request, so there is no reviewed plan to deploy. ` +
              'require-reviewed-plan deploys only commits merged from a pull request whose plan was reviewed.'
          : `Commit ${ctx.sha} is neither the merge commit nor the head of its pull requests ` +
              `(${pulls.map((p) => `#${p.number}`).join(', ')}), so which plan was reviewed is unknown.`,
      );
    number = pr.number;
  }
  ctx.log(`Looking for the reviewed plan of ${key} on pull request #${number}.`);
  const comment = await ctx.github.ownComment(number, key);
  const header = comment && parseCommentHeader(comment.body ?? '');
  if (!comment || !header)
    throw noReviewedPlan(
      `Pull request #${number} of ${ctx.repository} has no plan comment of this action for ${key}, so there is no ` +
        'reviewed plan to deploy. Run this action in plan mode on the pull request (on pull_request events) ' +
        'before merging, with the same github-token identity.',
    );
  return {
    pullRequest: number,
    commentId: comment.id,
    commentUrl: comment.html_url,
    body: comment.body ?? '',
    header,
  };
}

/**
 * Throws PlanChangedError unless `plan` is the reviewed plan. A re-run of the deploy that applied it
 * finds nothing left to do at the version it recorded: that is the reviewed plan, applied, not a change.
 */
export function checkReviewedPlan(
  plan: Plan,
  nowMarkdown: string,
  reviewed: ReviewedPlan,
  log: (message: string) => void,
): void {
  if (plan.hash === reviewed.header.planHash) {
    log(`The plan is the one reviewed on pull request #${reviewed.pullRequest} (${plan.hash.slice(0, 12)}).`);
    return;
  }
  const applied = reviewed.header.applied;
  if (applied && plan.operation === 'none' && plan.current?.version === applied.version) {
    log(
      `The reviewed plan was already applied in ${applied.run} at version ${applied.version}; nothing to do.`,
    );
    return;
  }
  const diff = differingLines(reviewedMarkdownOf(reviewed.body), nowMarkdown);
  throw new PlanChangedError(
    planChangedMessage({ pullRequest: reviewed.pullRequest, diff }),
    renderPlanChangedSummary({
      name: plan.runtimeName,
      region: plan.region,
      pullRequest: reviewed.pullRequest,
      commentUrl: reviewed.commentUrl,
      reviewedHash: reviewed.header.planHash,
      nowHash: plan.hash,
      diff,
    }),
  );
}

/** Adds the "applied in <run link> at version N" status to the reviewed plan's comment. */
export async function recordApplied(
  reviewed: ReviewedPlan,
  applied: AppliedPlan,
  github: PlanCommentGitHub,
): Promise<void> {
  await github.updateComment(reviewed.commentId, markApplied(reviewed.body, applied));
}

/**
 * The pull request a pushed commit came from: the one it is the merge commit of (merge, squash or
 * rebase), else the one it is the head of (a fast-forward), else the only one associated with it.
 */
export function pullRequestOfCommit(
  sha: string,
  pulls: AssociatedPullRequest[],
): AssociatedPullRequest | undefined {
  return (
    pulls.find((p) => p.mergeCommitSha === sha && p.merged) ??
    pulls.find((p) => p.headSha === sha) ??
    (pulls.length === 1 ? pulls[0] : undefined)
  );
}
