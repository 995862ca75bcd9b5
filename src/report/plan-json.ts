// The plan for machines (the `plan-json` output, the plan hash): every decision and changed value, in a
// stable shape. Values of sensitive fields (environment variables) are never written, not even hashed.
import type { Operation, Plan } from '../plan/plan.js';
import type { ReleasePlan } from '../plan/release-plan.js';

export interface PlanJson {
  formatVersion: 1;
  runtimeName: string;
  region: string;
  operation: Operation;
  changed: boolean;
  newVersion: boolean;
  replacementReasons: string[];
  /** Set in the config, not reported by the service: not compared, assumed unchanged. */
  assumedUnchanged: string[];
  /** The runtime's last deploy failed and the config matches it: it is deployed again. */
  retryOfFailed: boolean;
  /** The artifact changes in words, e.g. "image re-pushed under tag v1 (digest … -> …)". */
  artifactNotes: string[];
  current: { arn: string; id: string; version: string; status: string } | null;
  fieldChanges: {
    path: string;
    action: 'add' | 'change' | 'clear';
    sensitive: boolean;
    before?: unknown;
    after?: unknown;
  }[];
  tagChanges: {
    managed: boolean;
    add: Record<string, string>;
    change: Record<string, { before: string; after: string }>;
    remove: string[];
  };
  /** Endpoint moves and the smoke test (release-plan.ts); absent without endpoint-name or a smoke test. */
  release?: ReleasePlan;
}

export function planJsonObject(plan: Plan, release?: ReleasePlan): PlanJson {
  return {
    formatVersion: 1,
    runtimeName: plan.runtimeName,
    region: plan.region,
    operation: plan.operation,
    changed: plan.changed,
    newVersion: plan.newVersion,
    replacementReasons: [...plan.replacementReasons],
    assumedUnchanged: [...plan.assumedUnchanged],
    retryOfFailed: plan.retryOfFailed,
    artifactNotes: [...plan.artifactNotes],
    current: plan.current ? { ...plan.current } : null,
    fieldChanges: plan.fieldChanges.map(({ path, action, sensitive, before, after }) => ({
      path,
      action,
      sensitive,
      // Checked again here, not trusted from the diff: this text leaves the runner.
      ...(sensitive || before === undefined ? {} : { before }),
      ...(sensitive || after === undefined ? {} : { after }),
    })),
    tagChanges: {
      managed: plan.tagChanges.managed,
      add: { ...plan.tagChanges.add },
      change: { ...plan.tagChanges.change },
      remove: [...plan.tagChanges.remove],
    },
    ...(release && { release: structuredClone(release) }),
  };
}

/** The plan as pretty-printed JSON. */
export function planJson(plan: Plan, release?: ReleasePlan): string {
  return JSON.stringify(planJsonObject(plan, release), null, 2);
}
