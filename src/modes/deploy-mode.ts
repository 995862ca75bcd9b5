// Deploy mode: apply the plan, wait until READY and the DEFAULT endpoint serves the version, then report.
// One deadline (wait-timeout from the start) bounds every wait of the run together.
import * as core from '@actions/core';
import { refOf, type RuntimeRef } from '../aws/current-runtime.js';
import { errorMessage } from '../aws/errors.js';
import type { RuntimeGateway } from '../aws/runtime-gateway.js';
import {
  RuntimeFailedError,
  WaitTimeoutError,
  waitUntilDefaultEndpointServes,
  waitUntilReady,
} from '../aws/wait.js';
import { applyDeploy, secondsLeft, type ApplyResult } from '../deploy/apply.js';
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
  const deadline = Date.now() + settings.waitTimeoutSeconds * 1000;
  // What this run has changed so far. The outputs are written once, at the end, from whatever is known
  // by then: after a failed wait, a failure inside apply after a change, or a cancelled job (SIGINT or
  // SIGTERM from the runner), later steps still learn which runtime this run created or changed.
  let changed: { operation: 'create' | 'update'; runtime: RuntimeRef } | undefined;
  let result: ApplyResult | undefined;
  let runtime: RuntimeRef | undefined;
  let written = false;
  const writeOutputs = () => {
    if (written || !(result ?? changed)) return;
    written = true;
    setOutputs({
      ...runtimeOutputs(runtime ?? changed!.runtime, (result ?? changed)!.operation, result?.changed ?? true),
      ...(result && { 'plan-markdown': renderPlanMarkdown(result.plan), 'plan-json': planJson(result.plan) }),
    });
  };
  const onCancel = () => {
    writeOutputs();
    process.exit(1);
  };
  process.once('SIGINT', onCancel).once('SIGTERM', onCancel);
  try {
    result = await core.group('Deploying', () =>
      applyDeploy(spec, {
        gateway,
        region,
        deadline,
        log: core.info,
        onChange: (operation, ref) => (changed = { operation, runtime: ref }),
      }),
    );
    runtime = result.runtime;
    // A no-op on a READY runtime has nothing to wait for; on a failed one the wait reports the reason.
    const settled = result.operation === 'none' && runtime.status === 'READY';
    if (settings.waitForReady && !settled) runtime = await waitForReady(gateway, result, deadline);
    else if (result.operation === 'none' && runtime.status.endsWith('_FAILED'))
      throw new Error(
        `${name} is ${runtime.status} and the configuration already matches it, so nothing was redeployed.`,
      );
  } catch (err) {
    // The outputs report the status the runtime was last seen in, e.g. CREATE_FAILED.
    const seen =
      err instanceof RuntimeFailedError || err instanceof WaitTimeoutError ? err.runtime : undefined;
    if (seen) runtime = refOf(seen, runtime ?? changed?.runtime);
    throw err;
  } finally {
    process.off('SIGINT', onCancel).off('SIGTERM', onCancel);
    writeOutputs();
    if (result && runtime)
      await writeJobSummary(
        renderDeploySummary({
          name,
          region,
          operation: result.operation,
          runtime,
          previousVersion: result.plan.current?.version,
          changesMarkdown: renderPlanMarkdown(result.plan, { as: 'changes' }),
        }),
      );
  }
  core.info(`${name} is ${runtime.status} at version ${runtime.version} (${result.operation}).`);
}

/** How long the DEFAULT endpoint may lag behind READY before the run stops checking (it only warns). */
const ENDPOINT_CHECK_SECONDS = 120;

async function waitForReady(
  gateway: RuntimeGateway,
  result: ApplyResult,
  deadline: number,
): Promise<RuntimeRef> {
  const { id, version } = result.runtime;
  const started = Date.now();
  return core.group(`Waiting for ${result.plan.runtimeName} version ${version} to be READY`, async () => {
    const ready = await waitUntilReady(gateway, id, {
      timeoutSeconds: secondsLeft(deadline),
      atLeastVersion: version,
      onStatus: (status) => core.info(`status: ${status}`),
    });
    core.info(`READY after ${Math.round((Date.now() - started) / 100) / 10}s.`);
    await confirmDefaultEndpoint(
      gateway,
      id,
      ready.agentRuntimeVersion!,
      Math.min(ENDPOINT_CHECK_SECONDS, secondsLeft(deadline)),
    );
    return refOf(ready, result.runtime);
  });
}

/**
 * READY is the contract; that the DEFAULT endpoint has moved to the new version is worth knowing too,
 * but only ever as a warning: the runtime is deployed either way.
 */
async function confirmDefaultEndpoint(
  gateway: RuntimeGateway,
  id: string,
  version: string,
  timeoutSeconds: number,
) {
  const unconfirmed = (why: string) =>
    core.warning(
      `The runtime is READY, but that its DEFAULT endpoint serves version ${version} could not be confirmed: ${why}`,
    );
  try {
    const endpoint = await waitUntilDefaultEndpointServes(gateway, id, version, { timeoutSeconds });
    if (endpoint.confirmed) core.info(`The DEFAULT endpoint serves version ${version}.`);
    else unconfirmed(`${endpoint.reason}. Allow bedrock-agentcore:GetAgentRuntimeEndpoint to check it.`);
  } catch (err) {
    unconfirmed(errorMessage(err));
  }
}
