// Agent runtime operations: create, update (a full replace that makes a new immutable version), get,
// list, delete, and list versions.
import { constraints } from '../../../src/model/validate-shape.js';
import { raise, raiseField, ServiceError, serviceError, validationError } from './errors.js';
import { findRuntime, pick, type OperationContext, type OperationHandler } from './operation.js';
import { page } from './paging.js';
import type { AgentCoreState, CreateRejection, IamPropagationCheck, StaleReads } from './state.js';
import {
  latest,
  liveVersion,
  runtimeStatus,
  VERSION_MEMBERS,
  type Runtime,
  type RuntimeConfig,
} from './store.js';
import { iso, runtimeDetail, runtimeSummary, workloadIdentity } from './views.js';

const membersOf = (shape: string) => Object.keys(constraints.shapes[shape].members ?? {});
const CREATE_VERSION_MEMBERS = VERSION_MEMBERS.filter((m) =>
  membersOf('CreateAgentRuntimeRequest').includes(m),
);
const S3_ENDPOINT_FIELD = 'networkConfiguration.networkModeConfig.requireServiceS3Endpoint';
const IN_PROGRESS = ['CREATING', 'UPDATING', 'DELETING'];

const setsS3EndpointFlag = (input: Record<string, unknown>) =>
  (input.networkConfiguration as { networkModeConfig?: { requireServiceS3Endpoint?: unknown } } | undefined)
    ?.networkModeConfig?.requireServiceS3Endpoint !== undefined;

/**
 * The live API's answer to a network beside a capacity provider (service-behaviour.md): the runtime
 * runs in the capacity provider's network.
 */
function refuseNetworkOnCapacityProvider(input: Record<string, unknown>): void {
  if (input.capacityProviderConfiguration !== undefined && input.networkConfiguration !== undefined)
    raiseField(
      'networkConfiguration',
      'NetworkConfiguration is not allowed when capacityProviderConfiguration is specified',
    );
}

const artifactType = (config: RuntimeConfig) =>
  Object.keys((config.agentRuntimeArtifact as object | undefined) ?? {}).find((k) =>
    k.endsWith('Configuration'),
  );

export const createAgentRuntime: OperationHandler = (ctx) => {
  const { state, input, now } = ctx;
  if (setsS3EndpointFlag(input))
    raiseField(S3_ENDPOINT_FIELD, 'requireServiceS3Endpoint is not supported when creating an agent runtime');
  refuseNetworkOnCapacityProvider(input);
  const rejection = state.takeCreateRejection();
  if (rejection) throw new ServiceError(rejectionAnswer(rejection, input));
  refuseWhileIamPropagates(state, input);
  const name = String(input.agentRuntimeName);
  if (state.store.findByName(name))
    raise('ConflictException', `An agent runtime named ${name} already exists`);

  const transition = {
    kind: 'CREATE' as const,
    settlesAt: now + state.transitionDelayMs,
    failureReason: state.takeCreateFailure(),
  };
  const runtime = state.store.createRuntime(name, pick(input, CREATE_VERSION_MEMBERS), transition, {
    now,
    tags: input.tags as Record<string, string> | undefined,
  });
  return {
    agentRuntimeArn: runtime.arn,
    agentRuntimeId: runtime.id,
    agentRuntimeVersion: '1',
    createdAt: iso(runtime.createdAt),
    status: 'CREATING',
    workloadIdentityDetails: workloadIdentity(state, runtime),
  };
};

export const updateAgentRuntime: OperationHandler = (ctx) => {
  const { state, input, now } = ctx;
  const runtime = findRuntime(ctx);
  const status = runtimeStatus(runtime, now);
  if (IN_PROGRESS.includes(status))
    raise(
      'ConflictException',
      `Agent runtime ${runtime.id} is ${status}; wait until it is no longer in progress`,
    );
  refuseNetworkOnCapacityProvider(input);
  if (artifactType(input) !== artifactType(latest(runtime).config))
    raiseField('agentRuntimeArtifact', 'Agent artifact type cannot be updated');
  if (setsS3EndpointFlag(input) && !runtime.legacyNetworking)
    raiseField(
      S3_ENDPOINT_FIELD,
      'requireServiceS3Endpoint can only be set on agent runtimes created before it became the default',
    );
  refuseWhileIamPropagates(state, input);

  const transition = {
    kind: 'UPDATE' as const,
    settlesAt: now + state.transitionDelayMs,
    failureReason: state.takeUpdateFailure(),
  };
  const stale = state.takeStaleReads();
  const before = stale && runtimeDetail(state, runtime, latest(runtime), now);
  // A full replace: members left out of the request are not carried over from the previous version.
  const version = state.store.addVersion(runtime, pick(input, VERSION_MEMBERS), transition, now);
  if (stale) serveStaleReads(runtime, before!, stale, version.version);
  return {
    agentRuntimeArn: runtime.arn,
    agentRuntimeId: runtime.id,
    agentRuntimeVersion: String(version.version),
    createdAt: iso(runtime.createdAt),
    lastUpdatedAt: iso(version.createdAt),
    status: 'UPDATING',
    workloadIdentityDetails: workloadIdentity(state, runtime),
  };
};

export const getAgentRuntime: OperationHandler = (ctx) => {
  const runtime = findRuntime(ctx);
  const asked = ctx.input.agentRuntimeVersion;
  const stale = runtime.staleReads;
  if (asked === undefined && stale && stale.left > 0) {
    stale.left--;
    return stale.answer;
  }
  const version = asked === undefined ? latest(runtime) : runtime.versions.get(Number(asked));
  if (!version)
    raise('ResourceNotFoundException', `Version ${asked} of agent runtime ${runtime.id} was not found`);
  return runtimeDetail(ctx.state, runtime, version, ctx.now);
};

export const listAgentRuntimes: OperationHandler = ({ state, input, now }) => {
  const { items, nextToken } = page([...state.store.runtimes.values()], input, 'runtimes');
  return {
    agentRuntimes: items.map((r) => runtimeSummary(r, latest(r), now)),
    ...(nextToken ? { nextToken } : {}),
  };
};

export const listAgentRuntimeVersions: OperationHandler = (ctx) => {
  const runtime = findRuntime(ctx);
  const versions = [...runtime.versions.values()].sort((a, b) => a.version - b.version);
  const { items, nextToken } = page(versions, ctx.input, `versions:${runtime.id}`);
  return {
    agentRuntimes: items.map((v) => runtimeSummary(runtime, v, ctx.now)),
    ...(nextToken ? { nextToken } : {}),
  };
};

export const deleteAgentRuntime: OperationHandler = (ctx) => {
  const { input, now, state } = ctx;
  const runtime = findRuntime(ctx);
  if (input.agentRuntimeVersion !== undefined) return deleteVersion(ctx, Number(input.agentRuntimeVersion));
  const status = runtimeStatus(runtime, now);
  if (status === 'CREATING' || status === 'UPDATING')
    raise(
      'ConflictException',
      `Agent runtime ${runtime.id} is ${status}; wait until it is no longer in progress`,
    );
  runtime.deletingUntil ??= now + state.transitionDelayMs;
  return { status: 'DELETING', agentRuntimeId: runtime.id };
};

function deleteVersion(ctx: OperationContext, version: number) {
  const runtime = findRuntime(ctx);
  if (!runtime.versions.has(version))
    raise('ResourceNotFoundException', `Version ${version} of agent runtime ${runtime.id} was not found`);
  const user = [...runtime.endpoints.values()].find(
    (e) => e.targetVersion === version || liveVersion(e, ctx.now) === version,
  );
  if (user) raise('ConflictException', `Version ${version} is in use by endpoint ${user.name}`);
  runtime.versions.delete(version);
  return {
    status: runtimeStatus(runtime, ctx.now),
    agentRuntimeId: runtime.id,
    agentRuntimeVersion: String(version),
  };
}

function rejectionAnswer(rejection: CreateRejection, input: Record<string, unknown>) {
  const artifact = input.agentRuntimeArtifact as { containerConfiguration?: { containerUri?: string } };
  const message = rejection.message
    .replaceAll('{roleArn}', String(input.roleArn))
    .replaceAll('{containerUri}', String(artifact?.containerConfiguration?.containerUri ?? ''));
  return rejection.exception === 'ValidationException'
    ? validationError('FieldValidationFailed', message)
    : serviceError(rejection.exception, message);
}

/** The runtime as it was before an update, as the next Get calls will (wrongly) still report it. */
function serveStaleReads(
  runtime: Runtime,
  before: Record<string, unknown>,
  stale: StaleReads,
  newVersion: number,
): void {
  const answer = { ...before };
  if (stale.status) answer.status = stale.status;
  if (stale.newVersionNumber) answer.agentRuntimeVersion = String(newVersion);
  if (String(answer.status).endsWith('_FAILED'))
    answer.failureReason = stale.failureReason ?? answer.failureReason ?? 'An earlier deployment failed';
  else delete answer.failureReason;
  runtime.staleReads = { answer, left: stale.reads ?? 1 };
}

/**
 * While IAM has not propagated a new execution role (or its ECR permissions), Create and Update fail with
 * these ValidationExceptions. The ECR text is the service's own (awslabs/agentcore-samples issue #154);
 * of the role text, "Role validation failed" and the role ARN are what the starter toolkit matches.
 */
function refuseWhileIamPropagates(state: AgentCoreState, input: Record<string, unknown>): void {
  const check: IamPropagationCheck | undefined = state.takeIamCheck();
  if (!check) return;
  const artifact = input.agentRuntimeArtifact as { containerConfiguration?: { containerUri?: string } };
  const message =
    check === 'role'
      ? `Role validation failed for role arn ${String(input.roleArn)}.`
      : `Access denied while validating ECR URI '${artifact?.containerConfiguration?.containerUri ?? ''}'. The execution role requires permissions for ecr:GetAuthorizationToken, ecr:BatchGetImage, and ecr:GetDownloadUrlForLayer operations.`;
  throw new ServiceError(validationError('FieldValidationFailed', message));
}
