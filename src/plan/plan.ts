// The "plan" step: what a deploy would do to one runtime, computed from data only (no AWS calls). The
// same plan drives the apply step, the PR comment and the plan outputs, so what reviewers read is what
// runs.
import type { GetAgentRuntimeResponse } from '@aws-sdk/client-bedrock-agentcore-control';
import type { AgentRuntimeSpec } from '../spec/types.js';
import { artifactNotes } from './artifact-notes.js';
import { diffSpecs, diffTags, tagChangeCount, type FieldChange, type TagChanges } from './diff.js';
import { withoutMarker } from './marker-tag.js';
import {
  currentSpecOf,
  normalizeSpec,
  SERVICE_ASSIGNED,
  unreportedFieldsIn,
  withoutUnreported,
} from './normalize.js';
import { computePlanHash } from './plan-hash.js';

export type { FieldChange, TagChanges } from './diff.js';

export type Operation = 'create' | 'update' | 'none' | 'replace';

export interface Plan {
  runtimeName: string;
  region: string;
  operation: Operation;
  changed: boolean;
  fieldChanges: FieldChange[];
  tagChanges: TagChanges;
  /** An update of runtime fields makes a new immutable version, and the DEFAULT endpoint moves to it. */
  newVersion: boolean;
  /** Why the runtime cannot be updated in place, each with what to do instead. */
  replacementReasons: string[];
  /**
   * Fields the config sets that GetAgentRuntime does not report (`NOT_REPORTED`): not compared, assumed
   * unchanged, and sent in full with every update. Empty for a create.
   */
  assumedUnchanged: string[];
  /**
   * The runtime is CREATE_FAILED / UPDATE_FAILED and already matches the configuration: the deploy that
   * failed (an image not pushed yet, a role not yet usable) is made again as an update.
   */
  retryOfFailed: boolean;
  /** Plain-words notes on the artifact change, e.g. an image re-pushed under the same tag. */
  artifactNotes: string[];
  current?: { arn: string; id: string; version: string; status: string };
  /** Identifies this plan for `require-reviewed-plan` (see plan-hash.ts): equal plans, equal hashes. */
  hash: string;
}

/** What a failed create or update leaves behind; deploying the same configuration again retries it. */
const FAILED_DEPLOY = new Set(['CREATE_FAILED', 'UPDATE_FAILED']);

export function computePlan(input: {
  desired: AgentRuntimeSpec;
  region: string;
  current?: { runtime: GetAgentRuntimeResponse; tags: Record<string, string> };
}): Plan {
  const { desired, region } = input;
  // A runtime being deleted is gone for the deploy's purposes: the deploy waits it out and creates anew.
  const current = input.current?.runtime.status === 'DELETING' ? undefined : input.current;
  const runtimeName = desired.agentRuntimeName ?? current?.runtime.agentRuntimeName ?? '';
  const desiredSpec = normalizeSpec(desired);

  if (!current) {
    return {
      runtimeName,
      region,
      operation: 'create',
      changed: true,
      fieldChanges: diffSpecs({}, desiredSpec),
      tagChanges: diffTags({}, desired.tags),
      newVersion: false,
      replacementReasons: [],
      assumedUnchanged: [],
      retryOfFailed: false,
      artifactNotes: [],
      hash: computePlanHash({ runtimeName, region, operation: 'create', desired }),
    };
  }

  const currentSpec = withoutUnreported(normalizeSpec(currentSpecOf(current.runtime)));
  for (const field of SERVICE_ASSIGNED)
    if (!(field in desiredSpec)) delete (currentSpec as Record<string, unknown>)[field];
  const fieldChanges = diffSpecs(currentSpec, withoutUnreported(desiredSpec));
  // The marker tag is the action's, not the user's: never removed, never shown.
  const tagChanges = diffTags(withoutMarker(current.tags), desired.tags);
  const replacementReasons = replacementReasonsFor(currentSpec, desiredSpec, runtimeName);
  const { runtime } = current;
  const retryOfFailed =
    FAILED_DEPLOY.has(runtime.status ?? '') && fieldChanges.length === 0 && replacementReasons.length === 0;
  const operation: Operation =
    replacementReasons.length > 0
      ? 'replace'
      : fieldChanges.length > 0 || tagChangeCount(tagChanges) > 0 || retryOfFailed
        ? 'update'
        : 'none';
  return {
    runtimeName,
    region,
    operation,
    changed: operation !== 'none',
    fieldChanges,
    tagChanges,
    newVersion: operation === 'update' && (fieldChanges.length > 0 || retryOfFailed),
    replacementReasons,
    assumedUnchanged: unreportedFieldsIn(desiredSpec),
    retryOfFailed,
    artifactNotes: artifactNotes(fieldChanges),
    current: {
      arn: runtime.agentRuntimeArn ?? '',
      id: runtime.agentRuntimeId ?? '',
      version: runtime.agentRuntimeVersion ?? '',
      status: runtime.status ?? '',
    },
    hash: computePlanHash({ runtimeName, region, operation, desired, current }),
  };
}

const ARTIFACT_KINDS: Record<string, string> = {
  containerConfiguration: 'a container image (`containerConfiguration`)',
  codeConfiguration: 'code from S3 (`codeConfiguration`)',
};

/** Changes UpdateAgentRuntime refuses. (A name change cannot occur: the runtime is found by its name.) */
function replacementReasonsFor(current: AgentRuntimeSpec, desired: AgentRuntimeSpec, name: string): string[] {
  const from = Object.keys(current.agentRuntimeArtifact ?? {})[0];
  const to = Object.keys(desired.agentRuntimeArtifact ?? {})[0];
  if (!from || !to || from === to) return [];
  const shownName = name.replace(/[`\r\n]/g, ''); // it goes into a code span below
  return [
    `The artifact type changes from ${ARTIFACT_KINDS[from] ?? `\`${from}\``} to ${ARTIFACT_KINDS[to] ?? `\`${to}\``}, ` +
      'and AgentCore cannot change the artifact type of an existing runtime ("Agent artifact type cannot be updated"). ' +
      `Either delete the runtime \`${shownName}\` first (its versions and endpoints go with it) and deploy again, ` +
      'or deploy under a new `agent-runtime-name`.',
  ];
}
