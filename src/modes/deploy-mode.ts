// Deploy mode only sequences the stages of a deploy, each in a module of its own:
//   validate (src/inputs, before any AWS call, in main) -> plan -> apply -> wait -> report.
// One deadline (wait-timeout from the start) bounds every wait of every stage together.
import * as core from '@actions/core';
import * as github from '@actions/github';
import { refOf, type RuntimeRef } from '../aws/current-runtime.js';
import type { RuntimeGateway } from '../aws/runtime-gateway.js';
import { RuntimeFailedError, WaitTimeoutError } from '../aws/wait.js';
import { applyDeploy } from '../deploy/apply.js';
import { planDeploy } from '../deploy/plan.js';
import { reportOutputs, reportSummary, type DeployRecord } from '../deploy/report.js';
import { waitForReady } from '../deploy/wait.js';
import type { ActionSettings } from '../inputs/read-inputs.js';
import { setOutputs } from '../report/set-outputs.js';
import type { AgentRuntimeSpec } from '../spec/types.js';
import {
  checkReviewedPlan,
  findReviewedPlan,
  PlanChangedError,
  recordApplied,
  type ReviewedPlan,
  type ReviewedPlanContext,
} from '../deploy/reviewed-plan.js';
import { planCommentGitHub } from '../github/pull-request-comments.js';
import { repository, runUrl } from '../github/run-context.js';
import type { Plan } from '../plan/plan.js';
import { commentKey } from '../report/comment-body.js';
import { writeJobSummary } from '../report/job-summary.js';
import { renderPlanMarkdown } from '../report/plan-markdown.js';

export async function deployMode(
  spec: AgentRuntimeSpec,
  settings: ActionSettings,
  region: string,
  gateway: RuntimeGateway,
): Promise<void> {
  const name = spec.agentRuntimeName!;
  const deadline = Date.now() + settings.waitTimeoutSeconds * 1000;
  const record: DeployRecord = { name, region };
  const onCancel = () => {
    reportOutputs(record);
    // A cancelled deploy (timeout-minutes or a manual cancel) did not finish in the time it was given.
    setOutputs({ 'failure-reason': 'timeout' });
    process.exit(1);
  };
  process.once('SIGINT', onCancel).once('SIGTERM', onCancel);
  try {
    // Only the reviewed plan may be applied: found on GitHub before anything is read from AWS.
    const reviewed = settings.requireReviewedPlan
      ? await core.group('Finding the reviewed plan', () =>
          findReviewedPlan(commentKey(name, region), reviewedPlanContext(settings)),
        )
      : undefined;
    const ctx = {
      gateway,
      region,
      deadline,
      log: core.info,
      onChange: (operation: 'create' | 'update', runtime: RuntimeRef) =>
        (record.changed = { operation, runtime }),
      approvePlan:
        reviewed &&
        ((plan: Plan) =>
          checkReviewedPlan(plan, renderPlanMarkdown(plan, { summaryLink: runUrl() }), reviewed, core.info)),
    };
    const applied = await core.group('Deploying', async () =>
      applyDeploy(spec, ctx, await planDeploy(spec, ctx)),
    );
    record.applied = applied;
    record.runtime = applied.runtime;
    // A no-op on a READY runtime has nothing to wait for. (A failed one matching the configuration is never
    // a no-op: the plan retries it.)
    const settled = applied.operation === 'none' && applied.runtime.status === 'READY';
    if (settings.waitForReady && !settled)
      record.runtime = await waitForReady(gateway, applied, deadline, settings.waitTimeoutSeconds);
    if (reviewed) await markReviewedPlanApplied(reviewed, record.runtime.version, settings);
  } catch (err) {
    if (err instanceof PlanChangedError) await writeJobSummary(err.summary);
    // The outputs report the status the runtime was last seen in, e.g. CREATE_FAILED.
    const seen =
      err instanceof RuntimeFailedError || err instanceof WaitTimeoutError ? err.runtime : undefined;
    if (seen) record.runtime = refOf(seen, record.runtime ?? record.changed?.runtime);
    throw err;
  } finally {
    process.off('SIGINT', onCancel).off('SIGTERM', onCancel);
    reportOutputs(record);
    await reportSummary(record);
  }
  const { runtime, applied } = record;
  core.info(`${name} is ${runtime!.status} at version ${runtime!.version} (${applied!.operation}).`);
}

function reviewedPlanContext(settings: ActionSettings): ReviewedPlanContext {
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
async function markReviewedPlanApplied(reviewed: ReviewedPlan, version: string, settings: ActionSettings) {
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
