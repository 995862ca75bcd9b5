// Deploy mode only sequences the stages of a deploy, each in a module of its own:
//   validate (src/inputs, before any AWS call, in main) -> plan -> apply -> wait -> smoke -> promote
//   -> report. With endpoint-version, pin stands in for apply and wait: the runtime is not touched.
// One deadline (wait-timeout from the start) bounds every wait of every stage together.
import * as core from '@actions/core';
import type { AwsConnection } from '../aws/connect.js';
import { refOf, type CurrentRuntime, type RuntimeRef } from '../aws/current-runtime.js';
import { errorMessage } from '../aws/errors.js';
import { EndpointFailedError, RuntimeFailedError, WaitTimeoutError } from '../aws/wait.js';
import { applyDeploy } from '../deploy/apply.js';
import { resolvePinnedVersion } from '../deploy/pin.js';
import { planDeploy } from '../deploy/plan.js';
import { promoteEndpoint, readEndpoint } from '../deploy/promote.js';
import { reportOutputs, reportSummary, type DeployRecord } from '../deploy/report.js';
import { SmokeTestFailedError, smokeTest } from '../deploy/smoke.js';
import { waitForReady } from '../deploy/wait.js';
import type { ActionSettings } from '../inputs/read-inputs.js';
import { setOutputs } from '../report/set-outputs.js';
import type { AgentRuntimeSpec } from '../spec/types.js';
import { checkReviewedPlan, findReviewedPlan, PlanChangedError } from '../deploy/reviewed-plan.js';
import type { Plan } from '../plan/plan.js';
import { commentKey } from '../report/comment-body.js';
import { writeJobSummary } from '../report/job-summary.js';
import { renderPlanMarkdown } from '../report/plan-markdown.js';

export async function deployMode(
  spec: AgentRuntimeSpec,
  settings: ActionSettings,
  region: string,
  { gateway, invoker }: AwsConnection,
  currentRead?: Promise<CurrentRuntime | undefined>,
): Promise<void> {
  const name = spec.agentRuntimeName!;
  const { release } = settings;
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
    // Only the reviewed plan may be applied: found on GitHub before anything is read from AWS. (The GitHub
    // client is loaded only then.)
    const onGitHub = settings.requireReviewedPlan ? await import('./reviewed-plan-github.js') : undefined;
    const reviewed = onGitHub
      ? await core.group('Finding the reviewed plan', () =>
          findReviewedPlan(commentKey(name, region), onGitHub.reviewedPlanContext(settings)),
        )
      : undefined;
    const ctx = {
      gateway,
      region,
      deadline,
      log: core.info,
      currentRead,
      onChange: (operation: 'create' | 'update', runtime: RuntimeRef) =>
        (record.changed = { operation, runtime }),
      approvePlan:
        reviewed &&
        onGitHub &&
        ((plan: Plan) =>
          checkReviewedPlan(
            plan,
            renderPlanMarkdown(plan, { summaryLink: onGitHub.runUrl() }),
            reviewed,
            core.info,
          )),
    };
    const planned = await core.group('Planning', async () => {
      const planned = await planDeploy(spec, ctx);
      // Read (and check the endpoint quota) before anything changes.
      if (release.endpointName)
        record.endpointBefore = await readEndpoint(
          gateway,
          planned.current?.runtime.agentRuntimeId,
          release.endpointName,
        );
      return planned;
    });
    record.planned = planned;

    if (release.endpointVersion) {
      record.pinned = release.endpointVersion;
      record.runtime = await core.group('Pinning', () =>
        resolvePinnedVersion(gateway, planned, release, core.info),
      );
      record.releaseVersion = release.endpointVersion;
    } else {
      const applied = await core.group('Deploying', () => applyDeploy(spec, ctx, planned));
      record.applied = applied;
      record.runtime = applied.runtime;
      // A no-op or a tag-only change on a READY runtime has nothing to wait for: no new version was made.
      // (A failed one matching the configuration is never a no-op: the plan retries it.)
      const tagsOnly = applied.operation === 'update' && !applied.plan.newVersion;
      const settled = (applied.operation === 'none' || tagsOnly) && applied.runtime.status === 'READY';
      if (settings.waitForReady && !settled)
        record.runtime = await waitForReady(gateway, applied, deadline, settings.waitTimeoutSeconds);
      record.releaseVersion = record.runtime.version;
    }

    const version = record.releaseVersion;
    if (release.smokeTest) {
      const smoke = await core.group(`Smoke test of version ${version}`, () =>
        smokeTest(invoker, { runtimeArn: record.runtime!.arn, version }, release.smokeTest!, core.info),
      );
      record.smoke = { passed: true, response: smoke.response };
    }
    if (record.endpointBefore)
      record.endpoint = await core.group(
        `Promoting ${record.endpointBefore.name} to version ${version}`,
        () =>
          promoteEndpoint(record.endpointBefore!, record.runtime!.id, version, release.endpointDescription, {
            gateway,
            deadline,
            log: core.info,
            onEndpoint: (after) => (record.endpoint = after),
          }),
      );
    if (onGitHub && reviewed && record.applied)
      await onGitHub.markReviewedPlanApplied(reviewed, record.runtime!.version, settings);
  } catch (err) {
    if (err instanceof PlanChangedError) await writeJobSummary(err.summary);
    // The outputs report the status the runtime was last seen in, e.g. CREATE_FAILED.
    const seen =
      err instanceof RuntimeFailedError || err instanceof WaitTimeoutError ? err.runtime : undefined;
    if (seen) record.runtime = refOf(seen, record.runtime ?? record.changed?.runtime);
    if (err instanceof SmokeTestFailedError)
      record.smoke = { passed: false, why: err.why, response: err.response?.slice(0, 4096) };
    if (err instanceof EndpointFailedError) {
      record.promotionFailed = err.endpoint.failureReason ?? err.endpoint.status;
      if (record.endpoint) record.endpoint = { ...record.endpoint, version: err.endpoint.liveVersion };
    } else if (record.endpoint && record.smoke?.passed !== false) record.promotionFailed = errorMessage(err);
    throw err;
  } finally {
    process.off('SIGINT', onCancel).off('SIGTERM', onCancel);
    reportOutputs(record);
    await reportSummary(record);
  }
  const { runtime } = record;
  core.info(
    `${name} is ${runtime!.status} at version ${runtime!.version} (${record.applied?.operation ?? 'pinned'})` +
      (record.endpoint
        ? `; endpoint ${record.endpoint.name} serves version ${record.endpoint.version}.`
        : '.'),
  );
}
