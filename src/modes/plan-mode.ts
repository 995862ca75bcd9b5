// Plan mode: read-only calls (List, Get, ListTags), the plan in the outputs and the job summary, and one
// self-updating comment on the pull request. It never fails a check for want of permissions: a fork's
// pull request has neither AWS access nor a writable token, and says so.
import * as core from '@actions/core';
import * as github from '@actions/github';
import type { RuntimeGateway } from '../aws/runtime-gateway.js';
import { errorMessage } from '../aws/errors.js';
import { readCurrentRuntime, refOf, type CurrentRuntime } from '../aws/current-runtime.js';
import { resolvePinnedVersion } from '../deploy/pin.js';
import { describeGitHubFailure } from '../github/failure.js';
import { upsertPlanComment } from '../github/pr-comment.js';
import { repository, runUrl } from '../github/run-context.js';
import type { ActionSettings } from '../inputs/read-inputs.js';
import type { ReleaseSettings } from '../inputs/release-settings.js';
import { computePlan, type Plan } from '../plan/plan.js';
import { planRelease, releaseMoves, type ReleasePlan } from '../plan/release-plan.js';
import { buildCommentBody, commentKey, planHash } from '../report/comment-body.js';
import { writeJobSummary } from '../report/job-summary.js';
import { runtimeOutputs } from '../report/outputs.js';
import { planJson } from '../report/plan-json.js';
import { renderPlanMarkdown } from '../report/plan-markdown.js';
import { failureReasonOf } from '../report/failure-reason.js';
import { renderPinnedPlanMarkdown, renderReleaseBlock } from '../report/release-plan-markdown.js';
import { setOutputs } from '../report/set-outputs.js';
import type { AgentRuntimeSpec } from '../spec/types.js';

export async function planMode(
  spec: AgentRuntimeSpec,
  settings: ActionSettings,
  region: string,
  gateway: RuntimeGateway,
  currentRead?: Promise<CurrentRuntime | undefined>,
): Promise<void> {
  const current = await core.group(
    'Reading the current runtime',
    () => currentRead ?? readCurrentRuntime(gateway, spec.agentRuntimeName!),
  );
  const plan = computePlan({ desired: spec, region, current });
  const release = await planReleaseStage(plan, settings.release, gateway, current);
  const summaryLink = runUrl();
  const markdown = release?.pinnedVersion
    ? renderPinnedPlanMarkdown(release, plan, { summaryLink })
    : renderPlanMarkdown(plan, { summaryLink, release: release && renderReleaseBlock(release) });
  setOutputs({
    // plan.current is unset when the runtime would be created (none yet, or one being deleted).
    ...runtimeOutputs(plan.current && current && refOf(current.runtime), plan.operation, plan.changed),
    'plan-markdown': markdown,
    'plan-json': planJson(plan, release),
  });
  core.info(
    release?.pinnedVersion
      ? `Plan: pin/roll back ${release.endpointName} to version ${release.pinnedVersion}, runtime untouched.`
      : `Plan: ${plan.operation}${plan.changed ? '' : ' (no changes)'}.`,
  );
  if (plan.operation === 'replace' && !release?.pinnedVersion)
    core.warning(
      `A deploy of this configuration would fail, the runtime needs replacing: ${plan.replacementReasons.join('; ')}`,
    );
  if (release?.blocked) core.warning(`A deploy would stop before any change: ${release.blocked}`);
  await writeJobSummary(markdown);
  await commentOnPullRequest(plan, markdown, settings, releaseMoves(release));
}

/**
 * What the release would do: the runtime's endpoints (read-only ListAgentRuntimeEndpoints, only with
 * endpoint-name) and, with endpoint-version, whether that version exists (GetAgentRuntime of it).
 */
async function planReleaseStage(
  plan: Plan,
  release: ReleaseSettings,
  gateway: RuntimeGateway,
  current: CurrentRuntime | undefined,
): Promise<ReleasePlan | undefined> {
  const runtimeId = plan.current && current?.runtime.agentRuntimeId;
  const endpoints = release.endpointName && runtimeId ? await gateway.listEndpoints(runtimeId) : [];
  const planned = planRelease({
    plan,
    endpointName: release.endpointName,
    pinnedVersion: release.endpointVersion,
    smokeTest: !!release.smokeTest,
    endpoints,
  });
  if (planned?.pinnedVersion) {
    try {
      await resolvePinnedVersion(gateway, { plan, current }, release, core.info);
    } catch (err) {
      if (failureReasonOf(err) !== 'invalid-input') throw err;
      planned.blocked = errorMessage(err).replace(/\.$/, '');
    }
  }
  return planned;
}

/** Plan mode without an AWS identity: the configuration was validated; the plan cannot be computed. */
export async function reportNoAwsAccess(err: unknown, spec: AgentRuntimeSpec): Promise<void> {
  const why = errorMessage(err);
  core.warning(`Cannot plan against AWS, so there is no plan: ${why}`);
  setOutputs({ changed: 'false' }); // no plan, so no operation to report
  await writeJobSummary(
    [
      `### ⚠️ \`${spec.agentRuntimeName}\`: no plan — this job has no AWS access`,
      '',
      'The configuration is valid. ' + why,
      '',
      'A pull request from a fork never gets an OIDC token or secrets. The plan will appear on pull requests ' +
        'from branches of this repository, and the deploy runs on merge.',
    ].join('\n'),
  );
}

async function commentOnPullRequest(
  plan: Plan,
  markdown: string,
  settings: ActionSettings,
  releaseMoves: boolean,
): Promise<void> {
  const pr = github.context.payload.pull_request;
  if (!pr || settings.commentOnPr === 'false') return;
  if (!settings.githubToken) {
    core.warning('No github-token: the plan is in the job summary only.');
    return;
  }
  const repo = repository();
  if (!repo) {
    core.warning('GITHUB_REPOSITORY is not set: the plan is in the job summary only.');
    return;
  }
  const key = commentKey(plan.runtimeName, plan.region);
  const outcome = await upsertPlanComment({
    token: settings.githubToken,
    pr: { ...repo, number: pr.number },
    key,
    body: buildCommentBody({ key, planHash: planHash(plan), markdown, summaryUrl: runUrl() }),
    // An endpoint move is a change worth a comment even when the runtime itself is unchanged.
    createIfMissing: settings.commentOnPr === 'true' || plan.changed || releaseMoves,
    warn: (failure) =>
      core.warning(
        `${describeGitHubFailure(failure)}; assuming the token writes as github-actions[bot] to find the plan comment.`,
      ),
  });
  if (outcome.action === 'failed')
    core.warning(
      `Could not post the plan on the pull request: ${describeGitHubFailure(outcome.failure)}. ` +
        'The full plan is in the job summary.',
    );
  else if (outcome.action === 'skipped') core.info(`PR comment skipped: ${outcome.reason}.`);
  else core.info(`PR comment ${outcome.action}: ${outcome.url}`);
}
