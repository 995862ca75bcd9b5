// The "apply" stage: make the runtime match the plan with the fewest calls, then hand back what exists.
// It never waits for READY itself (the wait stage does, after apply) except where the service forces it:
// before the update that sets update-only fields. When a concurrent deploy got there first (a conflict),
// it goes back to the plan stage and applies the new plan.
import { refOf, type CurrentRuntime, type RuntimeRef } from '../aws/current-runtime.js';
import { errorMessage, errorName, isConflict, isIamPropagationError } from '../aws/errors.js';
import type { RuntimeGateway } from '../aws/runtime-gateway.js';
import { waitUntilReady } from '../aws/wait.js';
import { clientTokenFor, createRequestOf, updateRequestOf } from '../plan/normalize.js';
import type { Plan } from '../plan/plan.js';
import type { AgentRuntimeSpec } from '../spec/types.js';
import { sleep as realSleep } from '../util/sleep.js';
import { waitOptionsFor } from './deadline.js';
import { planDeploy, type PlanContext, type PlannedDeploy } from './plan.js';

export interface ApplyResult {
  operation: 'create' | 'update' | 'none';
  changed: boolean;
  runtime: RuntimeRef;
  /** The plan that was finally applied (re-computed when a concurrent deploy got there first). */
  plan: Plan;
}

export interface ApplyContext extends PlanContext {
  /** Throws to stop a plan from being applied; called before any mutating call of each plan. */
  approvePlan?: (plan: Plan) => void;
  /** Told as soon as a call has changed the runtime, before anything else can fail. */
  onChange?: (operation: 'create' | 'update', runtime: RuntimeRef) => void;
  sleep?: (ms: number) => Promise<void>;
}

/** How long IAM propagation errors on create are retried (Terraform uses the same two minutes). */
export const IAM_PROPAGATION_RETRY_MS = 120_000;
const CONFLICT_RETRIES = 3;

export class ReplacementRequiredError extends Error {
  constructor(plan: Plan) {
    super(`The runtime cannot be updated in place: ${plan.replacementReasons.join('; ')}`);
    this.name = 'ReplacementRequiredError';
  }
}

/**
 * Applies `planned` (from the plan stage; planned here when not given). A conflict means another deploy
 * is changing the same runtime: the plan is made again once it has settled.
 */
export async function applyDeploy(
  desired: AgentRuntimeSpec,
  ctx: ApplyContext,
  planned?: PlannedDeploy,
): Promise<ApplyResult> {
  const name = desired.agentRuntimeName!;
  for (let attempt = 1; ; attempt++) {
    const { plan, current, deletedId } = planned ?? (await planDeploy(desired, ctx));
    planned = undefined;
    // Every plan about to be applied, a re-made one too, passes the gate (e.g. the reviewed-plan check).
    ctx.approvePlan?.(plan);
    try {
      return await applyPlan(plan, desired, current, ctx, deletedId);
    } catch (err) {
      // Another deploy created or is updating the same runtime: wait for it, then plan again.
      if (!isConflict(err) || attempt >= CONFLICT_RETRIES) throw err;
      ctx.log(
        `Another deployment is changing ${name} (${errorMessage(err)}); waiting for it and planning again.`,
      );
      // The other deploy may not show as UPDATING yet: give it a moment before reading again.
      await (ctx.sleep ?? realSleep)(2000 * attempt);
    }
  }
}

async function applyPlan(
  plan: Plan,
  desired: AgentRuntimeSpec,
  current: CurrentRuntime | undefined,
  ctx: ApplyContext,
  deletedId?: string,
): Promise<ApplyResult> {
  switch (plan.operation) {
    case 'replace':
      throw new ReplacementRequiredError(plan);
    case 'none':
      return { operation: 'none', changed: false, runtime: refOf(current!.runtime), plan };
    case 'create': {
      const created = await createRuntime(desired, ctx, deletedId);
      ctx.onChange?.('create', refOf(created));
      ctx.log(
        `Created ${desired.agentRuntimeName} (${created.agentRuntimeId}), version ${created.agentRuntimeVersion}.`,
      );
      const runtime = desired.metadataConfiguration
        ? await applyUpdateOnlyFields(desired, created.agentRuntimeId!, ctx)
        : refOf(created);
      return { operation: 'create', changed: true, runtime, plan };
    }
    case 'update': {
      const runtime = current!.runtime;
      let ref = refOf(runtime);
      if (plan.newVersion) {
        const base = updateRequestOf(desired, runtime.agentRuntimeId!, '');
        // The version the update starts from is part of the token: the same request made again after
        // other changes must not be mistaken for a retry of an old one. A retry of a failed deploy also
        // names the failure it retries, so it can never be answered with the failed attempt.
        const token = clientTokenFor({
          update: base,
          from: runtime.agentRuntimeVersion,
          ...(plan.retryOfFailed && { retryOf: { status: runtime.status, at: runtime.lastUpdatedAt } }),
        });
        if (plan.retryOfFailed)
          ctx.log(
            `${desired.agentRuntimeName} is ${runtime.status} (${runtime.failureReason ?? 'no reason given'}) and matches the configuration: deploying it again.`,
          );
        const updated = await retryIamPropagation(
          () => ctx.gateway.update(updateRequestOf(desired, runtime.agentRuntimeId!, token)),
          ctx,
        );
        ctx.log(
          `Updated ${desired.agentRuntimeName}: version ${runtime.agentRuntimeVersion} -> ${updated.agentRuntimeVersion}.`,
        );
        ref = refOf(updated, ref);
        ctx.onChange?.('update', ref);
      }
      await reconcileTags(plan, ref.arn, ctx);
      return { operation: 'update', changed: true, runtime: ref, plan };
    }
  }
}

/**
 * An answer to CreateAgentRuntime whose runtime was created this long before the call can only be a
 * replay of an earlier request with the same client token (clock skew stays far below it).
 */
const REPLAYED_CREATE_AGE_MS = 60_000;

/**
 * Creates the runtime with a client token derived from the request, so a re-run after a lost answer is
 * idempotent. The service may then replay an earlier answer for a runtime that has since been deleted
 * (deleted to start afresh, then deployed again with the same configuration): when an old answer names a
 * runtime that no longer exists, the create is made again as a new request.
 */
async function createRuntime(desired: AgentRuntimeSpec, ctx: ApplyContext, deletedId?: string) {
  const now = ctx.now ?? Date.now;
  const base = createRequestOf(desired, '');
  const calledAt = now();
  const created = await retryIamPropagation(
    // After waiting out a deletion, the deleted runtime is part of the token: its create is not repeated.
    () =>
      ctx.gateway.create(
        createRequestOf(desired, clientTokenFor({ create: base, ...(deletedId && { deletedId }) })),
      ),
    ctx,
  );
  const age = calledAt - new Date(created.createdAt ?? calledAt).getTime();
  if (age < REPLAYED_CREATE_AGE_MS || (await exists(ctx.gateway, created.agentRuntimeId!))) return created;
  ctx.log(
    'The service repeated its answer to an earlier, identical create of a runtime since deleted; creating it anew.',
  );
  const fresh = clientTokenFor({ create: base, after: created.agentRuntimeId, at: calledAt });
  return retryIamPropagation(() => ctx.gateway.create(createRequestOf(desired, fresh)), ctx);
}

async function exists(gateway: RuntimeGateway, agentRuntimeId: string): Promise<boolean> {
  try {
    await gateway.get(agentRuntimeId);
    return true;
  } catch (err) {
    if (errorName(err) === 'ResourceNotFoundException') return false;
    throw err;
  }
}

/**
 * CreateAgentRuntime does not take `metadataConfiguration` (only UpdateAgentRuntime does): once the new
 * runtime is READY, one update sets it, so the next run finds nothing to change.
 */
async function applyUpdateOnlyFields(
  desired: AgentRuntimeSpec,
  id: string,
  ctx: ApplyContext,
): Promise<RuntimeRef> {
  ctx.log(
    'metadataConfiguration can only be set by an update: waiting for the new runtime, then updating it.',
  );
  const ready = await waitUntilReady(ctx.gateway, id, waitOptionsFor(ctx));
  const base = updateRequestOf(desired, id, '');
  const token = clientTokenFor({ update: base, from: ready.agentRuntimeVersion });
  const updated = await ctx.gateway.update(updateRequestOf(desired, id, token));
  const ref = refOf(updated, refOf(ready));
  ctx.onChange?.('create', ref);
  return ref;
}

async function reconcileTags(plan: Plan, arn: string, ctx: ApplyContext): Promise<void> {
  const { add, change, remove, managed } = plan.tagChanges;
  if (!managed) return;
  const set = { ...add, ...Object.fromEntries(Object.entries(change).map(([k, v]) => [k, v.after])) };
  if (Object.keys(set).length > 0) {
    await ctx.gateway.tag(arn, set);
    ctx.log(`Tagged: ${Object.keys(set).join(', ')}.`);
  }
  if (remove.length > 0) {
    await ctx.gateway.untag(arn, remove);
    ctx.log(`Untagged: ${remove.join(', ')}.`);
  }
}

async function retryIamPropagation<T>(call: () => Promise<T>, ctx: ApplyContext): Promise<T> {
  const sleep = ctx.sleep ?? realSleep;
  const now = ctx.now ?? Date.now;
  const deadline = now() + IAM_PROPAGATION_RETRY_MS;
  for (let delayMs = 2000; ; delayMs = Math.min(delayMs * 2, 15_000)) {
    try {
      return await call();
    } catch (err) {
      if (!isIamPropagationError(err) || now() + delayMs > deadline) throw err;
      ctx.log(`IAM has not propagated yet (${errorMessage(err)}); retrying in ${delayMs / 1000}s.`);
      await sleep(delayMs);
    }
  }
}
