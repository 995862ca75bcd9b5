// Specs and runtimes shared by the plan and report tests. `runtimeAsServiceReturns` mimics what
// GetAgentRuntime answers for a runtime deployed from a spec: output-only fields added, defaults filled in.
import type { GetAgentRuntimeResponse } from '@aws-sdk/client-bedrock-agentcore-control';
import type { AgentRuntimeSpec } from '../spec/types.js';

export const IMAGE = '123456789012.dkr.ecr.us-east-1.amazonaws.com/support-agent';
export const ROLE = 'arn:aws:iam::123456789012:role/support-agent-runtime';

export function containerSpec(overrides: Partial<AgentRuntimeSpec> = {}): AgentRuntimeSpec {
  return {
    agentRuntimeName: 'support_agent',
    agentRuntimeArtifact: { containerConfiguration: { containerUri: `${IMAGE}:1.4.2` } },
    roleArn: ROLE,
    networkConfiguration: { networkMode: 'PUBLIC' },
    protocolConfiguration: { serverProtocol: 'HTTP' },
    description: 'Answers support questions',
    environmentVariables: { LOG_LEVEL: 'info', API_KEY: 'sk-live-SECRET-value-1234' },
    ...overrides,
  };
}

export function runtimeAsServiceReturns(
  spec: AgentRuntimeSpec,
  extra: Partial<GetAgentRuntimeResponse> = {},
): GetAgentRuntimeResponse {
  const rest: AgentRuntimeSpec = structuredClone(spec);
  delete rest.tags; // Get does not return tags (ListTagsForResource does)
  // Nor a JWT authorizer's private endpoints (see NOT_REPORTED).
  const jwt = rest.authorizerConfiguration?.customJWTAuthorizer;
  if (jwt) {
    delete jwt.privateEndpoint;
    delete jwt.privateEndpointOverrides;
  }
  return {
    $metadata: { httpStatusCode: 200, requestId: 'req-1' },
    ...rest,
    agentRuntimeArn: 'arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/support_agent-a1B2c3D4e5',
    agentRuntimeId: 'support_agent-a1B2c3D4e5',
    agentRuntimeVersion: '3',
    createdAt: new Date('2026-07-01T10:00:00Z'),
    lastUpdatedAt: new Date('2026-07-02T10:00:00Z'),
    status: 'READY',
    workloadIdentityDetails: {
      workloadIdentityArn: 'arn:aws:bedrock-agentcore:us-east-1:123456789012:workload-identity/x',
    },
    networkConfiguration: spec.networkConfiguration ?? { networkMode: 'PUBLIC' },
    lifecycleConfiguration: {
      idleRuntimeSessionTimeout: 900,
      maxLifetime: 28800,
      ...spec.lifecycleConfiguration,
    },
    ...extra,
  } as GetAgentRuntimeResponse;
}
