// endpoint-version: pin a named endpoint to an existing version, or roll it back, without any
// CreateAgentRuntime / UpdateAgentRuntime call: this stage stands in for apply and wait.
import { refOf, type RuntimeRef } from '../aws/current-runtime.js';
import { errorName } from '../aws/errors.js';
import type { RuntimeGateway } from '../aws/runtime-gateway.js';
import { jwtWithoutTokenMessage, type ReleaseSettings } from '../inputs/release-settings.js';
import { classifiedError } from '../report/failure-reason.js';
import type { PlannedDeploy } from './plan.js';

export class VersionNotFoundError extends Error {
  /** endpoint-version names a version that does not exist: the input is wrong. */
  readonly failureReason = 'invalid-input';
  constructor(name: string, version: string, latest?: string) {
    super(
      `endpoint-version ${version}: runtime ${name} has no version ${version}` +
        (latest ? ` (its versions go up to ${latest}; inactive versions are removed after 45 days)` : '') +
        '. Nothing was changed.',
    );
    this.name = 'VersionNotFoundError';
  }
}

/** Checks the version exists (and can be smoke-tested); answers the runtime as it is, untouched. */
export async function resolvePinnedVersion(
  gateway: RuntimeGateway,
  planned: PlannedDeploy,
  release: ReleaseSettings,
  log: (message: string) => void,
): Promise<RuntimeRef> {
  const name = planned.plan.runtimeName;
  const version = release.endpointVersion!;
  const current = planned.current?.runtime;
  if (!current)
    throw classifiedError(
      'invalid-input',
      `endpoint-version ${version}: runtime ${name} does not exist, so it has no version to point ${release.endpointName} at. ` +
        'Deploy it first (without endpoint-version).',
    );
  let snapshot;
  try {
    snapshot = await gateway.get(current.agentRuntimeId!, version);
  } catch (err) {
    if (errorName(err) === 'ResourceNotFoundException')
      throw new VersionNotFoundError(name, version, current.agentRuntimeVersion);
    throw err;
  }
  if (
    release.smokeTest &&
    !release.smokeTest.bearerToken &&
    snapshot.authorizerConfiguration?.customJWTAuthorizer
  )
    throw classifiedError(
      'invalid-input',
      `smoke-test-bearer-token: version ${version}: ${jwtWithoutTokenMessage()}`,
    );
  if (planned.plan.changed)
    log(
      `The configuration differs from runtime ${name} (${planned.plan.operation} planned), but endpoint-version ` +
        `only points ${release.endpointName} at version ${version}: the runtime is left untouched.`,
    );
  log(`Version ${version} of ${name} exists (the runtime is at version ${current.agentRuntimeVersion}).`);
  return refOf(current);
}
