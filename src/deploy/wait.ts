// The "wait" stage: until the new version is READY (failing with the service's own reason), then a check
// that the DEFAULT endpoint serves it. It takes what is left of the deploy's one deadline.
import * as core from '@actions/core';
import { refOf, type RuntimeRef } from '../aws/current-runtime.js';
import { errorMessage } from '../aws/errors.js';
import type { RuntimeGateway } from '../aws/runtime-gateway.js';
import { waitUntilDefaultEndpointServes, waitUntilReady } from '../aws/wait.js';
import type { ApplyResult } from './apply.js';
import { secondsLeft } from './deadline.js';

/**
 * Another deploy made a newer version while this one waited: what is READY is not this run's
 * configuration, so this run must not report success for it.
 */
export class ConcurrentDeployError extends Error {
  constructor(name: string, mine: string, theirs: string | undefined) {
    super(
      `Another deploy changed ${name} while this one waited (a conflict): this run made version ${mine}, ` +
        `but version ${theirs} replaced it before it was READY, so what is deployed is not this run's ` +
        'configuration. Let deploys of one runtime run one at a time (a `concurrency:` group), and re-run.',
    );
    this.name = 'ConcurrentDeployError';
  }
}

/** How long the DEFAULT endpoint may lag behind READY before the run stops checking (it only warns). */
const ENDPOINT_CHECK_SECONDS = 120;

export async function waitForReady(
  gateway: RuntimeGateway,
  applied: ApplyResult,
  deadline: number,
  /** The user's wait-timeout, which a timeout names (the deadline is what is left of it). */
  waitTimeoutSeconds?: number,
): Promise<RuntimeRef> {
  const { id, version } = applied.runtime;
  const started = Date.now();
  return core.group(`Waiting for ${applied.plan.runtimeName} version ${version} to be READY`, async () => {
    const ready = await waitUntilReady(gateway, id, {
      timeoutSeconds: secondsLeft(deadline),
      waitTimeoutSeconds,
      atLeastVersion: version,
      // Reads right after this run's create or update may still show the runtime as it was before.
      changedByThisRun: applied.operation === 'create' || applied.plan.newVersion,
      // A changed runtime is CREATING/UPDATING: no use looking before a transition can be over.
      lookAtOnce: applied.operation === 'none',
      onStatus: (status) => core.info(`status: ${status}`),
    });
    if (applied.changed && ready.agentRuntimeVersion !== version)
      throw new ConcurrentDeployError(applied.plan.runtimeName, version, ready.agentRuntimeVersion);
    core.info(`READY after ${Math.round((Date.now() - started) / 100) / 10}s.`);
    await confirmDefaultEndpoint(
      gateway,
      id,
      ready.agentRuntimeVersion!,
      Math.min(ENDPOINT_CHECK_SECONDS, secondsLeft(deadline)),
    );
    return refOf(ready, applied.runtime);
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
