// Deploy mode: apply the plan, publish the outputs at once (so a failed wait still names the runtime a
// later step may clean up), wait until READY and the DEFAULT endpoint serves the version, then report.
import * as core from '@actions/core';
import type { RuntimeGateway } from '../aws/runtime-gateway.js';
import {
  RuntimeFailedError,
  WaitTimeoutError,
  waitUntilDefaultEndpointServes,
  waitUntilReady,
} from '../aws/wait.js';
import { applyDeploy, refOf, type ApplyResult, type RuntimeRef } from '../deploy/apply.js';
import type { ActionSettings } from '../inputs/read-inputs.js';
import { renderDeploySummary } from '../report/deploy-summary.js';
import { writeJobSummary } from '../report/job-summary.js';
import { runtimeOutputs } from '../report/outputs.js';
import { planJson } from '../report/plan-json.js';
import { renderPlanMarkdown } from '../report/plan-markdown.js';
import { setOutputs } from '../report/set-outputs.js';
import type { AgentRuntimeSpec } from '../spec/types.js';

export async function deployMode(
  spec: AgentRuntimeSpec,
  settings: ActionSettings,
  region: string,
  gateway: RuntimeGateway,
): Promise<void> {
  const name = spec.agentRuntimeName!;
  const result: ApplyResult = await core.group('Deploying', () =>
    applyDeploy(spec, { gateway, region, settleTimeoutSeconds: settings.waitTimeoutSeconds, log: core.info }),
  );
  setOutputs(runtimeOutputs(result.runtime, result.operation, result.changed));
  let runtime: RuntimeRef = result.runtime;
  try {
    if (settings.waitForReady) runtime = await waitForReady(gateway, result, settings.waitTimeoutSeconds);
    else if (result.operation === 'none' && runtime.status.endsWith('_FAILED'))
      throw new Error(
        `${name} is ${runtime.status}; the configuration already matches, so nothing was redeployed.`,
      );
  } catch (err) {
    // The outputs report the status the runtime was last seen in, e.g. CREATE_FAILED.
    const seen =
      err instanceof RuntimeFailedError || err instanceof WaitTimeoutError ? err.runtime : undefined;
    if (seen) runtime = { ...refOf(seen), workloadIdentityArn: runtime.workloadIdentityArn };
    throw err;
  } finally {
    const markdown = renderPlanMarkdown(result.plan);
    setOutputs({
      ...runtimeOutputs(runtime, result.operation, result.changed),
      'plan-markdown': markdown,
      'plan-json': planJson(result.plan),
    });
    await writeJobSummary(
      renderDeploySummary({
        name,
        region,
        operation: result.operation,
        runtime,
        previousVersion: result.plan.current?.version,
        planMarkdown: markdown,
      }),
    );
  }
  core.info(`${name} is ${runtime.status} at version ${runtime.version} (${result.operation}).`);
}

async function waitForReady(
  gateway: RuntimeGateway,
  result: ApplyResult,
  timeoutSeconds: number,
): Promise<RuntimeRef> {
  const { id, version } = result.runtime;
  const started = Date.now();
  return core.group(`Waiting for ${result.plan.runtimeName} version ${version} to be READY`, async () => {
    const ready = await waitUntilReady(gateway, id, {
      timeoutSeconds,
      onStatus: (status) => core.info(`status: ${status}`),
    });
    const remaining = Math.max(1, timeoutSeconds - (Date.now() - started) / 1000);
    const endpoint = await waitUntilDefaultEndpointServes(gateway, id, ready.agentRuntimeVersion!, {
      timeoutSeconds: remaining,
    });
    const seconds = Math.round((Date.now() - started) / 100) / 10;
    if (endpoint.confirmed)
      core.info(`READY after ${seconds}s; the DEFAULT endpoint serves version ${ready.agentRuntimeVersion}.`);
    else
      core.warning(
        `READY after ${seconds}s, but whether the DEFAULT endpoint serves version ${ready.agentRuntimeVersion} ` +
          `could not be checked (${endpoint.reason}). Allow bedrock-agentcore:GetAgentRuntimeEndpoint to confirm it.`,
      );
    return {
      ...refOf(ready),
      workloadIdentityArn:
        ready.workloadIdentityDetails?.workloadIdentityArn ?? result.runtime.workloadIdentityArn,
    };
  });
}
