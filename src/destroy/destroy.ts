// The "destroy" step: delete a runtime found by name, its named endpoints first (DEFAULT goes with the
// runtime), and wait until GetAgentRuntime answers ResourceNotFound. Only a runtime that carries the
// action's marker tag is deleted, unless forced: a destroy that can delete what it did not create is
// worse than none.
import type { AgentRuntimeEndpoint } from '@aws-sdk/client-bedrock-agentcore-control';
import { refOf, type RuntimeRef } from '../aws/current-runtime.js';
import { errorMessage, errorName, isConflict, isTransient } from '../aws/errors.js';
import type { RuntimeGateway } from '../aws/runtime-gateway.js';
import {
  poll,
  RuntimeFailedError,
  waitUntilDeleted,
  waitUntilReady,
  WaiterState,
  WaitTimeoutError,
} from '../aws/wait.js';
import { secondsLeft } from '../deploy/deadline.js';
import { carriesMarker, MARKER_TAG_KEY, MARKER_TAG_VALUE } from '../plan/marker-tag.js';
import { classifiedError } from '../report/failure-reason.js';
import { sleep as realSleep } from '../util/sleep.js';

export interface DestroyContext {
  gateway: RuntimeGateway;
  /** When every wait must be over (epoch ms, from wait-timeout). */
  deadline: number;
  forceDestroy: boolean;
  log: (message: string) => void;
  warn: (message: string) => void;
  /** Told as soon as something has been deleted, before anything else can fail. */
  onDeleted?: (what: DestroyResult) => void;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export interface DestroyResult {
  /** `none`: there was nothing to delete (no runtime, or one already being deleted by someone else). */
  operation: 'destroy' | 'none';
  runtime?: RuntimeRef;
  /** Named endpoints deleted, in order. */
  deletedEndpoints: string[];
  /** Whether DeleteAgentRuntime was called. */
  deletedRuntime: boolean;
  /** Whether the runtime is gone (GetAgentRuntime answered ResourceNotFound). */
  gone: boolean;
  /** The runtime did not carry the marker and force-destroy deleted it anyway. */
  forced: boolean;
}

const DEFAULT_ENDPOINT = 'DEFAULT';

export async function destroyRuntime(name: string, ctx: DestroyContext): Promise<DestroyResult> {
  const result: DestroyResult = {
    operation: 'none',
    deletedEndpoints: [],
    deletedRuntime: false,
    gone: false,
    forced: false,
  };
  const summary = await ctx.gateway.findByName(name);
  const runtime = summary?.agentRuntimeId && (await getIfExists(ctx.gateway, summary.agentRuntimeId));
  if (!runtime) {
    ctx.log(`No runtime named ${name}: nothing to destroy.`);
    return result;
  }
  const id = runtime.agentRuntimeId!;
  result.runtime = refOf(runtime);
  if (runtime.status === 'DELETING') {
    ctx.log(`${name} (${id}) is already being deleted; waiting until it is gone.`);
    await waitUntilDeleted(ctx.gateway, id, { timeoutSeconds: secondsLeft(ctx.deadline, ctx.now) });
    result.gone = true;
    return result;
  }

  const tags = await ctx.gateway.listTags(runtime.agentRuntimeArn!);
  if (!carriesMarker(tags)) {
    if (!ctx.forceDestroy)
      throw classifiedError(
        'not-managed',
        `${name} (${id}) was not created by agentcore-deploy (it has no ${MARKER_TAG_KEY}=${MARKER_TAG_VALUE} tag), ` +
          'so nothing was deleted. Set force-destroy: true to delete it anyway.',
        'NotManagedError',
      );
    ctx.warn(`force-destroy: deleting ${name} (${id}), which agentcore-deploy did not create.`);
    result.forced = true;
  }

  const endpoints = (await ctx.gateway.listEndpoints(id)).filter((e) => e.name !== DEFAULT_ENDPOINT);
  for (const endpoint of endpoints) {
    if (endpoint.status !== 'DELETING')
      await whenNotBusy(
        () => ctx.gateway.deleteEndpoint(id, endpoint.name!),
        `endpoint ${endpoint.name}`,
        ctx,
      );
    result.operation = 'destroy';
    result.deletedEndpoints.push(endpoint.name!);
    ctx.log(`Deleting endpoint ${endpoint.name} (it served version ${endpoint.liveVersion ?? '?'}).`);
    ctx.onDeleted?.(result);
  }
  // The runtime goes only once its endpoints are gone: they point at its versions.
  for (const endpoint of endpoints) await waitUntilEndpointDeleted(ctx.gateway, id, endpoint, ctx);

  await whenNotBusy(
    () => ctx.gateway.deleteRuntime(id),
    `runtime ${name}`,
    ctx,
    async () => {
      // A runtime in the middle of a deploy cannot be deleted: let that deploy finish (or fail) first.
      await waitUntilReady(ctx.gateway, id, { timeoutSeconds: secondsLeft(ctx.deadline, ctx.now) }).catch(
        (err: unknown) => {
          if (!(err instanceof RuntimeFailedError)) throw err;
        },
      );
    },
  );
  result.operation = 'destroy';
  result.deletedRuntime = true;
  ctx.onDeleted?.(result);
  ctx.log(`Deleting runtime ${name} (${id}); waiting until it is gone.`);
  await waitUntilDeleted(ctx.gateway, id, { timeoutSeconds: secondsLeft(ctx.deadline, ctx.now) });
  result.gone = true;
  ctx.log(`${name} is deleted.`);
  return result;
}

/** GetAgentRuntime, or undefined when the runtime is gone (the list can lag behind a deletion). */
async function getIfExists(gateway: RuntimeGateway, id: string) {
  try {
    return await gateway.get(id);
  } catch (err) {
    if (isGone(err)) return undefined;
    throw err;
  }
}

/**
 * ResourceNotFound, or the AccessDenied "… was not found" the service answers for some missing
 * resources (service-behaviour.md).
 */
const isGone = (err: unknown): boolean =>
  errorName(err) === 'ResourceNotFoundException' ||
  (errorName(err) === 'AccessDeniedException' && /not found/i.test(errorMessage(err)));

/**
 * Makes a delete call, again and again while the resource is busy (ConflictException: CREATING or
 * UPDATING), until the deadline. A resource already gone counts as deleted.
 */
async function whenNotBusy(
  call: () => Promise<void>,
  what: string,
  ctx: DestroyContext,
  settle?: () => Promise<void>,
): Promise<void> {
  const sleep = ctx.sleep ?? realSleep;
  const now = ctx.now ?? Date.now;
  for (let delayMs = 1000; ; delayMs = Math.min(delayMs * 2, 5000)) {
    try {
      return await call();
    } catch (err) {
      if (isGone(err)) return;
      if (!isConflict(err)) throw err;
      if (now() + delayMs > ctx.deadline)
        throw new WaitTimeoutError(
          secondsLeft(ctx.deadline, now),
          `the ${what} stayed busy: ${errorMessage(err)}`,
          undefined,
          `the ${what} to be deletable`,
        );
      ctx.log(`The ${what} is busy (${errorMessage(err)}); trying again.`);
      await settle?.();
      await sleep(delayMs);
    }
  }
}

async function waitUntilEndpointDeleted(
  gateway: RuntimeGateway,
  id: string,
  endpoint: AgentRuntimeEndpoint,
  ctx: DestroyContext,
): Promise<void> {
  const timeoutSeconds = secondsLeft(ctx.deadline, ctx.now);
  let status = endpoint.status;
  const state = await poll('GetAgentRuntimeEndpoint', { timeoutSeconds }, async () => {
    try {
      status = (await gateway.getEndpoint(id, endpoint.name!)).status;
    } catch (err) {
      if (isGone(err)) return WaiterState.SUCCESS;
      if (isTransient(err)) return WaiterState.RETRY;
      throw err;
    }
    return status === 'DELETING' ? WaiterState.RETRY : WaiterState.FAILURE;
  });
  if (state === WaiterState.SUCCESS) return;
  if (state === WaiterState.FAILURE)
    throw classifiedError(
      'endpoint-failed',
      `Endpoint ${endpoint.name} is ${status} instead of being deleted.`,
    );
  throw new WaitTimeoutError(
    timeoutSeconds,
    `the endpoint is still ${status}`,
    undefined,
    `endpoint ${endpoint.name} to be deleted`,
  );
}
