// The "plan" stage of a deploy: read what exists once it can be deployed to, and compare it with the
// desired configuration. Plan mode stops after the comparison; a deploy hands the plan to apply.
import { readCurrentRuntime, type CurrentRuntime } from '../aws/current-runtime.js';
import type { RuntimeGateway } from '../aws/runtime-gateway.js';
import { RuntimeFailedError, waitUntilDeleted, waitUntilReady } from '../aws/wait.js';
import { computePlan, type Plan } from '../plan/plan.js';
import type { AgentRuntimeSpec } from '../spec/types.js';
import { waitOptionsFor } from './deadline.js';

export interface PlanContext {
  gateway: RuntimeGateway;
  region: string;
  /** When the whole deploy must be over (epoch ms, from wait-timeout): every wait shares this budget. */
  deadline: number;
  log: (message: string) => void;
  now?: () => number;
  /** Tests pass a fake sleep (with `now`): waits then run on virtual time. */
  sleep?: (ms: number) => Promise<void>;
  /** A read of the current runtime already under way (started to overlap the artifact stage). */
  currentRead?: Promise<CurrentRuntime | undefined>;
}

/** A plan together with what it was computed from, as apply needs both. */
export interface PlannedDeploy {
  plan: Plan;
  current: CurrentRuntime | undefined;
  /** The runtime of the same name whose deletion this run waited out, if any. */
  deletedId?: string;
}

export async function planDeploy(desired: AgentRuntimeSpec, ctx: PlanContext): Promise<PlannedDeploy> {
  const { current, deletedId } = await settledCurrent(desired.agentRuntimeName!, ctx);
  const plan = computePlan({ desired, region: ctx.region, current });
  return { plan, current, ...(deletedId && { deletedId }) };
}

/**
 * The current runtime once it can be deployed to: a CREATING/UPDATING one is waited for (the service
 * rejects updates then), and a DELETING one until it is gone (then it is created again).
 */
async function settledCurrent(
  name: string,
  ctx: PlanContext,
): Promise<{ current: CurrentRuntime | undefined; deletedId?: string }> {
  const current = await (ctx.currentRead ?? readCurrentRuntime(ctx.gateway, name));
  const status = current?.runtime.status ?? '';
  if (!current || !['CREATING', 'UPDATING', 'DELETING'].includes(status)) return { current };
  const id = current.runtime.agentRuntimeId!;
  if (status === 'DELETING') {
    ctx.log(`${name} is being deleted; waiting until it is gone, then creating it again.`);
    await waitUntilDeleted(ctx.gateway, id, waitOptionsFor(ctx));
    return { current: undefined, deletedId: id };
  }
  ctx.log(`${name} is ${status}; waiting for it to settle before deploying.`);
  try {
    await waitUntilReady(ctx.gateway, id, waitOptionsFor(ctx));
  } catch (err) {
    // A failed earlier deploy is no reason not to deploy the fix.
    if (!(err instanceof RuntimeFailedError)) throw err;
  }
  return { current: await readCurrentRuntime(ctx.gateway, name) };
}
