// The plan hash: what `require-reviewed-plan` compares between the plan a reviewer saw on the pull request
// and the plan a deploy is about to apply. It covers everything that decides what is sent and which
// operation runs: the normalised desired spec (after any artifact resolution), the current runtime's
// relevant state (id, version, configuration, tags) and the operation. It leaves out what does not change
// the deploy: run links, timestamps, the comment's layout, the order of map keys, tag lines or set-like
// lists, the runtime's status, and the action's own marker tag.
import { scryptSync } from 'node:crypto';
import type { GetAgentRuntimeResponse } from '@aws-sdk/client-bedrock-agentcore-control';
import type { AgentRuntimeSpec } from '../spec/types.js';
import { canonicalJson, isPlainObject, put, sha256Hex } from './canonical-json.js';
import { withoutMarker } from './marker-tag.js';
import { describePath, withSetsSorted } from './model-paths.js';
import { currentSpecOf, normalizeSpec } from './normalize.js';

/** Bump when what is hashed changes: a plan reviewed under another definition then reads as changed. */
const HASH_VERSION = 2;

export interface PlanHashInput {
  runtimeName: string;
  region: string;
  operation: string;
  desired: AgentRuntimeSpec;
  /** The runtime the plan was computed against (none when it would be created). */
  current?: { runtime: GetAgentRuntimeResponse; tags: Record<string, string> };
}

export function computePlanHash(input: PlanHashInput): string {
  const salt = `agentcore-deploy:${input.runtimeName}@${input.region}`;
  const { runtime, tags } = input.current ?? {};
  return sha256Hex(
    canonicalJson({
      v: HASH_VERSION,
      runtimeName: input.runtimeName,
      region: input.region,
      operation: input.operation,
      desired: {
        spec: hashableSpec(normalizeSpec(input.desired), salt),
        // Unset (existing tags left alone) and `{}` (all tags removed) are different deploys.
        tags: input.desired.tags ? withoutMarker(input.desired.tags) : null,
      },
      current: runtime
        ? {
            arn: runtime.agentRuntimeArn ?? '',
            id: runtime.agentRuntimeId ?? '',
            version: runtime.agentRuntimeVersion ?? '',
            spec: hashableSpec(normalizeSpec(currentSpecOf(runtime)), salt),
            tags: withoutMarker(tags ?? {}),
          }
        : null,
    }),
  );
}

/**
 * The spec with set-like lists sorted and every sensitive value (environment variables) taken out and
 * replaced by one slow, salted digest of them all: the hash sits in a PR comment anyone with read access
 * sees, and a plain sha256 over otherwise-known fields would let a guessable value be confirmed offline.
 */
function hashableSpec(spec: AgentRuntimeSpec, salt: string): unknown {
  const secrets: [string, unknown][] = [];
  const visible = walk(withSetsSorted(spec, []), [], secrets);
  return { visible, secrets: secrets.length > 0 ? slowDigest(canonicalJson(secrets), salt) : null };
}

function walk(value: unknown, segments: string[], secrets: [string, unknown][]): unknown {
  if (segments.length > 0 && describePath(segments).sensitive) {
    secrets.push([segments.join('\u0000'), value]);
    return '(sensitive)';
  }
  // Lists are compared whole (sets already sorted), as the plan compares them.
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) put(out, key, walk(child, [...segments, key], secrets));
  return out;
}

/** scrypt with its default cost (N = 16384): milliseconds once, far too slow to guess values at scale. */
function slowDigest(text: string, salt: string): string {
  return scryptSync(text, salt, 32).toString('hex');
}
