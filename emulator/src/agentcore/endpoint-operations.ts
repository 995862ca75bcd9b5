// Endpoint operations. DEFAULT is made with the runtime and follows its latest version; named
// endpoints move only when UpdateAgentRuntimeEndpoint asks, and serve the old version until the move settles.
import { raise, raiseField } from './errors.js';
import { findRuntime, type OperationContext, type OperationHandler } from './operation.js';
import { page } from './paging.js';
import {
  DEFAULT_ENDPOINT,
  endpointStatus,
  liveVersion,
  runtimeStatus,
  type Endpoint,
  type Runtime,
  type Transition,
} from './store.js';
import { endpointDetail, endpointSummary, iso } from './views.js';

/** The service quota of endpoints per runtime, DEFAULT included. */
export const MAX_ENDPOINTS_PER_RUNTIME = 10;

function findEndpoint(ctx: OperationContext): { runtime: Runtime; endpoint: Endpoint } {
  const runtime = findRuntime(ctx);
  const name = String(ctx.input.endpointName);
  const endpoint =
    runtime.endpoints.get(name) ??
    raise('ResourceNotFoundException', `Endpoint ${name} of agent runtime ${runtime.id} was not found`);
  return { runtime, endpoint };
}

/** The move to a version settles after the delay, and not before the version itself has. */
function moveTo(
  ctx: OperationContext,
  runtime: Runtime,
  kind: Transition['kind'],
): { version: number; transition: Transition } {
  const asked = ctx.input.agentRuntimeVersion;
  const version = asked === undefined ? runtime.latestVersion : Number(asked);
  const target =
    runtime.versions.get(version) ??
    raise('ResourceNotFoundException', `Version ${version} of agent runtime ${runtime.id} was not found`);
  return {
    version,
    transition: {
      kind,
      settlesAt: Math.max(ctx.now + ctx.state.transitionDelayMs, target.transition.settlesAt),
      // A move fails when the version failed, or when a scenario says the next endpoint change fails.
      failureReason: target.transition.failureReason ?? ctx.state.takeEndpointFailure(),
    },
  };
}

export const createAgentRuntimeEndpoint: OperationHandler = (ctx) => {
  const { state, input, now } = ctx;
  const runtime = findRuntime(ctx);
  if (runtimeStatus(runtime, now) === 'DELETING')
    raise('ConflictException', `Agent runtime ${runtime.id} is being deleted`);
  const name = String(input.name);
  if (runtime.endpoints.has(name))
    raise('ConflictException', `An endpoint named ${name} already exists for agent runtime ${runtime.id}`);
  if (runtime.endpoints.size >= MAX_ENDPOINTS_PER_RUNTIME)
    raise(
      'ServiceQuotaExceededException',
      `Agent runtime ${runtime.id} already has ${runtime.endpoints.size} endpoints; the quota is ${MAX_ENDPOINTS_PER_RUNTIME}`,
    );
  const { version, transition } = moveTo(ctx, runtime, 'CREATE');
  const endpoint = state.store.addEndpoint(
    runtime,
    name,
    version,
    transition,
    now,
    input.description as string | undefined,
  );
  state.store.tags.set(endpoint.arn, { ...(input.tags as Record<string, string> | undefined) });
  return {
    targetVersion: String(version),
    agentRuntimeEndpointArn: endpoint.arn,
    agentRuntimeArn: runtime.arn,
    agentRuntimeId: runtime.id,
    endpointName: endpoint.name,
    status: 'CREATING',
    createdAt: iso(endpoint.createdAt),
  };
};

export const updateAgentRuntimeEndpoint: OperationHandler = (ctx) => {
  const { runtime, endpoint } = findEndpoint(ctx);
  if (endpoint.name === DEFAULT_ENDPOINT)
    raiseField(
      'endpointName',
      'The DEFAULT endpoint always points to the latest version and cannot be updated',
    );
  const status = endpointStatus(endpoint, ctx.now);
  if (['CREATING', 'UPDATING', 'DELETING'].includes(status))
    raise(
      'ConflictException',
      `Endpoint ${endpoint.name} is ${status}; wait until it is no longer in progress`,
    );
  const { version, transition } = moveTo(ctx, runtime, 'UPDATE');
  ctx.state.store.moveEndpoint(endpoint, version, transition, ctx.now);
  if (ctx.input.description !== undefined) endpoint.description = String(ctx.input.description);
  const live = liveVersion(endpoint, ctx.now);
  return {
    ...(live !== undefined ? { liveVersion: String(live) } : {}),
    targetVersion: String(version),
    agentRuntimeEndpointArn: endpoint.arn,
    agentRuntimeArn: runtime.arn,
    status: 'UPDATING',
    createdAt: iso(endpoint.createdAt),
    lastUpdatedAt: iso(endpoint.lastUpdatedAt),
  };
};

export const getAgentRuntimeEndpoint: OperationHandler = (ctx) => {
  const { runtime, endpoint } = findEndpoint(ctx);
  return endpointDetail(runtime, endpoint, ctx.now);
};

// The model lists no ResourceNotFoundException for this operation: an unknown runtime has no endpoints.
export const listAgentRuntimeEndpoints: OperationHandler = ({ state, input, now }) => {
  const runtime = state.store.runtimes.get(String(input.agentRuntimeId));
  const endpoints = runtime ? [...runtime.endpoints.values()] : [];
  const { items, nextToken } = page(endpoints, input, `endpoints:${input.agentRuntimeId}`);
  return {
    runtimeEndpoints: items.map((e) => endpointSummary(runtime!, e, now)),
    ...(nextToken ? { nextToken } : {}),
  };
};

// The model lists no ValidationException for this operation, so refusals are conflicts.
export const deleteAgentRuntimeEndpoint: OperationHandler = (ctx) => {
  const { runtime, endpoint } = findEndpoint(ctx);
  if (endpoint.name === DEFAULT_ENDPOINT)
    raise(
      'ConflictException',
      'The DEFAULT endpoint is deleted with its agent runtime and cannot be deleted alone',
    );
  const status = endpointStatus(endpoint, ctx.now);
  if (status === 'CREATING' || status === 'UPDATING')
    raise(
      'ConflictException',
      `Endpoint ${endpoint.name} is ${status}; wait until it is no longer in progress`,
    );
  endpoint.deletingUntil ??= ctx.now + ctx.state.transitionDelayMs;
  return { status: 'DELETING', agentRuntimeId: runtime.id, endpointName: endpoint.name };
};
