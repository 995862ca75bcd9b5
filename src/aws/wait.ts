// Waiting for a runtime to settle (the SDK has no waiter for runtimes). When to look is poll.ts's job;
// this file says what each status means.
import type { GetAgentRuntimeResponse } from '@aws-sdk/client-bedrock-agentcore-control';
import { describeCause, errorMessage, errorName, isClientError } from './errors.js';
import {
  LOOK_AT_ONCE_SCHEDULE,
  pollUntil,
  TRANSITION_SCHEDULE,
  type LookResult,
  type PollClock,
} from './poll.js';
import type { RuntimeGateway } from './runtime-gateway.js';
import { statusReadJudge, type ExpectedChange } from './status-reads.js';

/** What a look answers: done, look again, or the wait failed (the runtime reached a failure status). */
export const WaiterState = { SUCCESS: 'SUCCESS', RETRY: 'RETRY', FAILURE: 'FAILURE' } as const;
export type WaiterState = (typeof WaiterState)[keyof typeof WaiterState];

const FAILED = new Set(['CREATE_FAILED', 'UPDATE_FAILED', 'DELETING', 'DELETE_FAILED']);

/** The runtime reached a failure status; carries the service's own reason. */
export class RuntimeFailedError extends Error {
  constructor(readonly runtime: GetAgentRuntimeResponse) {
    super(
      `Agent runtime ${runtime.agentRuntimeName ?? runtime.agentRuntimeId} version ${runtime.agentRuntimeVersion} ` +
        `is ${runtime.status}: ${runtime.failureReason ?? 'the service gave no failure reason'}`,
    );
    this.name = 'RuntimeFailedError';
  }
}

export class WaitTimeoutError extends Error {
  constructor(
    readonly waitedSeconds: number,
    readonly where: string,
    /** The runtime as last seen, when it could be read. */
    readonly runtime?: GetAgentRuntimeResponse,
    /** What the wait was for: READY, or the runtime or an endpoint to be gone. */
    waitingFor = 'READY',
  ) {
    super(
      `Timed out after ${formatSeconds(waitedSeconds)} waiting for ${waitingFor}: ${where}. Raise wait-timeout, or check the runtime in the console.`,
    );
    this.name = 'WaitTimeoutError';
  }
}

export interface WaitOptions extends ExpectedChange {
  timeoutSeconds: number;
  /** Called with every status seen, for the log. */
  onStatus?: (status: string) => void;
  /**
   * Look at once rather than after the time a transition takes at least: for a runtime not known to be
   * CREATING, UPDATING or DELETING (a no-op deploy of a failed one, say).
   */
  lookAtOnce?: boolean;
  /** The wait-timeout this wait is the rest of, named when it runs out (default: timeoutSeconds). */
  waitTimeoutSeconds?: number;
  /** Tests pass a fake clock. */
  clock?: PollClock;
}

/** Waits for CREATING/UPDATING to end. Resolves with the runtime when READY; throws otherwise. */
export async function waitUntilReady(
  gateway: RuntimeGateway,
  agentRuntimeId: string,
  options: WaitOptions,
): Promise<GetAgentRuntimeResponse> {
  let last: GetAgentRuntimeResponse | undefined;
  let lastError: unknown;
  const judge = statusReadJudge(options);
  const result = await poll('GetAgentRuntime', options, async () => {
    try {
      last = await gateway.get(agentRuntimeId);
    } catch (err) {
      lastError = err;
      throw err; // a transient error is a failed look, tolerated by pollUntil
    }
    options.onStatus?.(last.status ?? 'UNKNOWN');
    return VERDICT_STATE[judge(last)];
  });
  if (result === WaiterState.SUCCESS) return last!;
  if (result === WaiterState.FAILURE) throw new RuntimeFailedError(last!);
  throw new WaitTimeoutError(
    options.waitTimeoutSeconds ?? options.timeoutSeconds,
    last
      ? `the runtime is still ${last.status} (version ${last.agentRuntimeVersion})`
      : `the runtime could not be read (GetAgentRuntime: ${describeCause(lastError)})`,
    last,
  );
}

/**
 * Waits until the DEFAULT endpoint serves `version`: the runtime's READY alone does not mean traffic has
 * moved to the new version yet. This check is a bonus on top of READY, so a 4xx answer (a role without
 * bedrock-agentcore:GetAgentRuntimeEndpoint, a runtime without a DEFAULT endpoint) only skips it: the
 * answer says why it could not be confirmed.
 */
export async function waitUntilDefaultEndpointServes(
  gateway: RuntimeGateway,
  agentRuntimeId: string,
  version: string,
  options: WaitOptions,
): Promise<{ confirmed: true } | { confirmed: false; reason: string }> {
  let last: { status?: string; liveVersion?: string; failureReason?: string } | undefined;
  let skipped: string | undefined;
  const result = await poll('GetAgentRuntimeEndpoint', { ...options, lookAtOnce: true }, async () => {
    try {
      last = await gateway.getEndpoint(agentRuntimeId, 'DEFAULT');
    } catch (err) {
      // AccessDenied, ResourceNotFound, an endpoint API the service (or an emulator) does not offer…
      if (!isClientError(err)) throw err;
      skipped = `${errorName(err)}: ${errorMessage(err)}`;
      return WaiterState.SUCCESS;
    }
    if (last.status === 'READY' && last.liveVersion === version) return WaiterState.SUCCESS;
    if (FAILED.has(last.status ?? '')) return WaiterState.FAILURE;
    return WaiterState.RETRY;
  });
  if (result === WaiterState.SUCCESS)
    return skipped ? { confirmed: false, reason: skipped } : { confirmed: true };
  if (result === WaiterState.FAILURE)
    throw new Error(
      `The DEFAULT endpoint is ${last?.status}: ${last?.failureReason ?? 'no failure reason given'}`,
    );
  throw new WaitTimeoutError(
    options.waitTimeoutSeconds ?? options.timeoutSeconds,
    `the DEFAULT endpoint is ${last?.status ?? 'unknown'} and serves version ${last?.liveVersion ?? 'none'}, not ${version}`,
  );
}

/** What a named endpoint was last seen as, for messages and the outputs. */
export interface EndpointSeen {
  status?: string;
  liveVersion?: string;
  targetVersion?: string;
  failureReason?: string;
  agentRuntimeEndpointArn?: string;
}

/** A named endpoint's create or move failed; carries the service's reason and what it still serves. */
export class EndpointFailedError extends Error {
  constructor(
    readonly endpointName: string,
    readonly endpoint: EndpointSeen,
  ) {
    super(
      `Endpoint ${endpointName} is ${endpoint.status}: ${endpoint.failureReason ?? 'the service gave no failure reason'}. ` +
        (endpoint.liveVersion ? `It still serves version ${endpoint.liveVersion}.` : 'It serves no version.'),
    );
    this.name = 'EndpointFailedError';
  }
}

/** Waits until the named endpoint is READY with `liveVersion` = `version`; throws EndpointFailedError on *_FAILED. */
export async function waitUntilEndpointServes(
  gateway: RuntimeGateway,
  agentRuntimeId: string,
  endpointName: string,
  version: string,
  options: WaitOptions,
): Promise<EndpointSeen> {
  const { result, last } = await pollEndpoint(gateway, agentRuntimeId, endpointName, options, (seen) =>
    seen.status === 'READY' && seen.liveVersion === version
      ? WaiterState.SUCCESS
      : FAILED.has(seen.status ?? '')
        ? WaiterState.FAILURE
        : WaiterState.RETRY,
  );
  if (result === WaiterState.SUCCESS) return last!;
  if (result === WaiterState.FAILURE) throw new EndpointFailedError(endpointName, last!);
  throw new WaitTimeoutError(
    options.waitTimeoutSeconds ?? options.timeoutSeconds,
    `the endpoint ${endpointName} is ${last?.status ?? 'unknown'} and serves version ${last?.liveVersion ?? 'none'}, not ${version}`,
  );
}

/** An endpoint in these states is being moved and refuses another move (ConflictException). */
export const ENDPOINT_BUSY = new Set(['CREATING', 'UPDATING']);

/**
 * Waits until a named endpoint is no longer CREATING or UPDATING (another deploy is moving it: the
 * service refuses a second move meanwhile). Resolves with what it then serves, READY or failed.
 */
export async function waitUntilEndpointSettled(
  gateway: RuntimeGateway,
  agentRuntimeId: string,
  endpointName: string,
  options: WaitOptions,
): Promise<EndpointSeen> {
  const { result, last } = await pollEndpoint(gateway, agentRuntimeId, endpointName, options, (seen) =>
    ENDPOINT_BUSY.has(seen.status ?? '') ? WaiterState.RETRY : WaiterState.SUCCESS,
  );
  if (result === WaiterState.SUCCESS) return last!;
  throw new WaitTimeoutError(
    options.waitTimeoutSeconds ?? options.timeoutSeconds,
    `the endpoint ${endpointName} is still ${last?.status ?? 'busy'} (another deploy is moving it)`,
    undefined,
    `the endpoint ${endpointName} to settle`,
  );
}

/** Looks at a named endpoint until `judge` says it is done; answers how it ended and the last look. */
async function pollEndpoint(
  gateway: RuntimeGateway,
  agentRuntimeId: string,
  endpointName: string,
  options: WaitOptions,
  judge: (seen: EndpointSeen) => WaiterState,
): Promise<{ result: WaiterState | 'TIMEOUT'; last?: EndpointSeen }> {
  let last: EndpointSeen | undefined;
  const result = await poll('GetAgentRuntimeEndpoint', options, async () => {
    // A transient error is a failed look, tolerated by pollUntil.
    last = await gateway.getEndpoint(agentRuntimeId, endpointName);
    options.onStatus?.(`${last.status ?? 'UNKNOWN'} (live ${last.liveVersion ?? 'none'})`);
    return judge(last);
  });
  return { result, last };
}

/** Waits until a DELETING runtime is gone, so a runtime of the same name can be created again. */
export async function waitUntilDeleted(
  gateway: RuntimeGateway,
  agentRuntimeId: string,
  options: WaitOptions,
): Promise<void> {
  let last: GetAgentRuntimeResponse | undefined;
  const result = await poll('GetAgentRuntime', options, async () => {
    try {
      last = await gateway.get(agentRuntimeId);
    } catch (err) {
      if (errorName(err) === 'ResourceNotFoundException') return WaiterState.SUCCESS;
      throw err;
    }
    return last.status === 'DELETING' ? WaiterState.RETRY : WaiterState.FAILURE;
  });
  if (result === WaiterState.SUCCESS) return;
  if (result === WaiterState.FAILURE) throw new RuntimeFailedError(last!);
  throw new WaitTimeoutError(
    options.waitTimeoutSeconds ?? options.timeoutSeconds,
    `the runtime is still ${last?.status ?? 'being deleted'}`,
    last,
    'the runtime to be deleted',
  );
}

/**
 * Runs `check` on poll.ts's schedule. A check that throws a transient error is a failed look (tolerated
 * until an outage); TIMEOUT means the look at the deadline did not settle it either.
 */
export async function poll(
  operation: string,
  options: WaitOptions,
  check: () => Promise<WaiterState>,
): Promise<WaiterState | 'TIMEOUT'> {
  let outcome: WaiterState = WaiterState.RETRY;
  const look = async (): Promise<LookResult> => {
    outcome = await check();
    return outcome === WaiterState.RETRY ? 'again' : 'done';
  };
  const { state } = await pollUntil(look, {
    operation,
    timeoutMs: options.timeoutSeconds * 1000,
    schedule: options.lookAtOnce ? LOOK_AT_ONCE_SCHEDULE : TRANSITION_SCHEDULE,
    clock: options.clock,
  });
  return state === 'done' ? outcome : 'TIMEOUT';
}

export function formatSeconds(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.round(seconds % 60);
  return [h && `${h}h`, m && `${m}m`, (s || (!h && !m)) && `${s}s`].filter(Boolean).join('');
}

const VERDICT_STATE = {
  ready: WaiterState.SUCCESS,
  failed: WaiterState.FAILURE,
  pending: WaiterState.RETRY,
} as const;
