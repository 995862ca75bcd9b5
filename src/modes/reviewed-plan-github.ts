// The GitHub side of require-reviewed-plan in a deploy: the run's commit and pull request, the link to
// the run, and the client that reads the plan comment and marks it applied. Deploy mode loads this module
// only when require-reviewed-plan is set, so that any other deploy never loads @actions/github (Octokit
// and its plugins: ncc emits them in a chunk of their own).
import * as core from '@actions/core';
import * as github from '@actions/github';
import { recordApplied, type ReviewedPlan, type ReviewedPlanContext } from '../deploy/reviewed-plan.js';
import { planCommentGitHub } from '../github/pull-request-comments.js';
import { repository, runUrl } from '../github/run-context.js';
import type { ActionSettings } from '../inputs/read-inputs.js';

export { runUrl };

export function reviewedPlanContext(settings: ActionSettings): ReviewedPlanContext {
  const repo = repository();
  const number = github.context.payload.pull_request?.number;
  return {
    github: settings.githubToken && repo ? planCommentGitHub(settings.githubToken, repo) : undefined,
    repository: repo ? `${repo.owner}/${repo.repo}` : 'this repository',
    sha: github.context.sha,
    ...(typeof number === 'number' && { pullRequest: number }),
    log: core.info,
  };
}

/** The comment's status line is a courtesy: failing to write it does not undo a deploy. */
export async function markReviewedPlanApplied(
  reviewed: ReviewedPlan,
  version: string,
  settings: ActionSettings,
): Promise<void> {
  const repo = repository();
  const run = runUrl();
  // A re-run of the deploy that applied it leaves the status naming the run that did.
  if (reviewed.header.applied?.version === version) return;
  if (!settings.githubToken || !repo || !run) return;
  try {
    await recordApplied(reviewed, { run, version }, planCommentGitHub(settings.githubToken, repo));
    core.info(`Marked the plan on pull request #${reviewed.pullRequest} as applied at version ${version}.`);
  } catch (err) {
    core.warning(`Could not mark the plan comment as applied: ${(err as Error).message}`);
  }
}
