// The "promote" stage: point a named endpoint at a version (create it, or move it), then wait until it
// serves that version. Before anything changes, `readEndpoint` reads where the endpoint stands, which also
// enforces the service's quota of endpoints per runtime without a half-done deploy.
import type { RuntimeGateway } from '../aws/runtime-gateway.js';
import { isConflict } from '../aws/errors.js';
import {
  ENDPOINT_BUSY,
  waitUntilEndpointServes,
  waitUntilEndpointSettled,
  type EndpointSeen,
} from '../aws/wait.js';
import { quotaRefusal } from '../plan/release-plan.js';
import { secondsLeft } from './deadline.js';

/** Where the named endpoint stands before the run, and the runtime's other endpoints. */
export interface EndpointBefore {
  name: string;
  /** Undefined when the endpoint does not exist yet (it will be created). */
  existing?: { liveVersion?: string; status?: string; arn?: string };
  others: { name: string; liveVersion?: string }[];
}

/** What the endpoint serves after the run. */
export interface EndpointAfter {
  name: string;
  arn?: string;
  version?: string;
  /** The version it served before this run moved it (undefined when it was created). */
  previousVersion?: string;
  operation: 'create' | 'update' | 'none';
}

export class EndpointQuotaError extends Error {
  readonly failureReason = 'endpoint-failed';
  constructor(name: string, refusal: string) {
    super(
      `Cannot create endpoint ${name}, and nothing was changed: ${refusal}. ` +
        'Delete one you no longer use, or reuse one of these names.',
    );
    this.name = 'EndpointQuotaError';
  }
}

/** Reads the runtime's endpoints; refuses, before any change, an endpoint the quota has no room for. */
export async function readEndpoint(
  gateway: RuntimeGateway,
  agentRuntimeId: string | undefined,
  name: string,
): Promise<EndpointBefore> {
  const endpoints = agentRuntimeId ? await gateway.listEndpoints(agentRuntimeId) : [];
  const match = endpoints.find((e) => e.name === name);
  const refusal = quotaRefusal(name, endpoints);
  if (refusal) throw new EndpointQuotaError(name, refusal);
  return {
    name,
    ...(match && {
      existing: {
        liveVersion: match.liveVersion,
        status: match.status,
        arn: match.agentRuntimeEndpointArn,
      },
    }),
    others: endpoints
      .filter((e) => e.name !== name)
      .map((e) => ({ name: e.name!, liveVersion: e.liveVersion })),
  };
}

export interface PromoteContext {
  gateway: RuntimeGateway;
  deadline: number;
  log: (message: string) => void;
  /** Told what the endpoint serves as soon as that is known, even when the move then fails. */
  onEndpoint?: (after: EndpointAfter) => void;
}

/** Points the endpoint at `version` and waits until it serves it. */
export async function promoteEndpoint(
  before: EndpointBefore,
  agentRuntimeId: string,
  version: string,
  description: string | undefined,
  ctx: PromoteContext,
): Promise<EndpointAfter> {
  const { name } = before;
  const settle = () => settledEndpoint(name, agentRuntimeId, ctx);
  // Another deploy may be moving it right now: the service refuses a second move until that one settles.
  let existing =
    before.existing && ENDPOINT_BUSY.has(before.existing.status ?? '') ? await settle() : before.existing;
  const report = (seen: EndpointSeen | undefined, operation: EndpointAfter['operation']) => {
    const after: EndpointAfter = {
      name,
      arn: seen?.agentRuntimeEndpointArn ?? existing?.arn,
      version: seen?.liveVersion,
      previousVersion: existing?.liveVersion,
      operation,
    };
    ctx.onEndpoint?.(after);
    return after;
  };
  if (existing && existing.liveVersion === version && existing.status === 'READY' && !description) {
    ctx.log(`Endpoint ${name} already serves version ${version}.`);
    return report({ liveVersion: version, agentRuntimeEndpointArn: existing.arn }, 'none');
  }
  // No client token of our own: the SDK fills in a fresh one and keeps it across its retries. One derived
  // from the request would make "roll forward to 3 again" after a rollback replay the first answer.
  const operation = existing ? 'update' : 'create';
  // What it serves until the move settles: the old version (or nothing, for a new endpoint).
  report({ liveVersion: existing?.liveVersion, agentRuntimeEndpointArn: existing?.arn }, operation);
  if (existing) {
    const move = () =>
      ctx.gateway.updateEndpoint({
        agentRuntimeId,
        endpointName: name,
        agentRuntimeVersion: version,
        ...(description && { description }),
      });
    try {
      await move();
    } catch (err) {
      // Someone else started a move since the endpoint was read: let it settle, then move once more.
      if (!isConflict(err)) throw err;
      existing = await settle();
      await move();
    }
    ctx.log(`Moving endpoint ${name}: version ${existing.liveVersion ?? 'none'} -> ${version}.`);
  } else {
    await ctx.gateway.createEndpoint({
      agentRuntimeId,
      name,
      agentRuntimeVersion: version,
      ...(description && { description }),
    });
    ctx.log(`Creating endpoint ${name} on version ${version}.`);
  }
  const seen = await waitUntilEndpointServes(ctx.gateway, agentRuntimeId, name, version, {
    timeoutSeconds: secondsLeft(ctx.deadline),
    onStatus: (status) => ctx.log(`endpoint ${name}: ${status}`),
  });
  ctx.log(`Endpoint ${name} serves version ${version}.`);
  return report(seen, operation);
}

/** Waits out a move someone else started; answers where the endpoint then stands. */
async function settledEndpoint(
  name: string,
  agentRuntimeId: string,
  ctx: PromoteContext,
): Promise<NonNullable<EndpointBefore['existing']>> {
  ctx.log(`Endpoint ${name} is being moved by another deploy; waiting for that move to settle first.`);
  const seen = await waitUntilEndpointSettled(ctx.gateway, agentRuntimeId, name, {
    timeoutSeconds: secondsLeft(ctx.deadline),
    onStatus: (status) => ctx.log(`endpoint ${name}: ${status}`),
  });
  return { liveVersion: seen.liveVersion, status: seen.status, arn: seen.agentRuntimeEndpointArn };
}
