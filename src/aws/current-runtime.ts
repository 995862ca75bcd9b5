// What exists now: the runtime found by name, its tags, and the few facts about it that outputs and
// reports carry. Plan mode, the deploy and the reports all start from here.
import type { GetAgentRuntimeResponse } from '@aws-sdk/client-bedrock-agentcore-control';
import type { RuntimeGateway } from './runtime-gateway.js';

export interface CurrentRuntime {
  runtime: GetAgentRuntimeResponse;
  tags: Record<string, string>;
}

/** What the outputs report about the runtime after (or instead of) a deploy. */
export interface RuntimeRef {
  arn: string;
  id: string;
  version: string;
  status: string;
  workloadIdentityArn?: string;
}

export async function readCurrentRuntime(
  gateway: RuntimeGateway,
  name: string,
): Promise<CurrentRuntime | undefined> {
  const summary = await gateway.findByName(name);
  if (!summary?.agentRuntimeId) return undefined;
  const runtime = await gateway.get(summary.agentRuntimeId);
  const tags = await gateway.listTags(runtime.agentRuntimeArn!);
  return { runtime, tags };
}

/**
 * The reportable facts of a Create/Update/Get answer. Not every answer carries the workload identity,
 * so `previous` (what was known before) fills it in.
 */
export function refOf(
  answer: {
    agentRuntimeArn?: string;
    agentRuntimeId?: string;
    agentRuntimeVersion?: string;
    status?: string;
    workloadIdentityDetails?: { workloadIdentityArn?: string };
  },
  previous?: RuntimeRef,
): RuntimeRef {
  return {
    arn: answer.agentRuntimeArn ?? previous?.arn ?? '',
    id: answer.agentRuntimeId ?? previous?.id ?? '',
    version: answer.agentRuntimeVersion ?? '',
    status: answer.status ?? '',
    workloadIdentityArn: answer.workloadIdentityDetails?.workloadIdentityArn ?? previous?.workloadIdentityArn,
  };
}
