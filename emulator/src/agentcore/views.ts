// What the service answers about runtimes and endpoints: the response shapes of Get and List, with
// the defaults the service fills in, timestamps as ISO-8601 date-time strings.
import { workloadIdentityArn, type Partition } from './ids.js';
import {
  endpointStatus,
  latest,
  liveVersion,
  runtimeStatus,
  transitionStatus,
  type Endpoint,
  type Runtime,
  type RuntimeConfig,
  type RuntimeVersion,
} from './store.js';

const iso = (d: Date | number) => new Date(d).toISOString();

/**
 * Values the service reports when the request left them out (model doc: 900 s idle, 28800 s lifetime,
 * PUBLIC network, platform V1). A runtime on a capacity provider is reported without a network: it has none of its
 * own (inferred: no public source shows what Get reports for one).
 */
function withServiceDefaults(config: RuntimeConfig): RuntimeConfig {
  const onCapacityProvider = config.capacityProviderConfiguration !== undefined;
  return {
    ...config,
    lifecycleConfiguration: {
      idleRuntimeSessionTimeout: 900,
      maxLifetime: 28800,
      ...(config.lifecycleConfiguration as object | undefined),
    },
    ...(onCapacityProvider
      ? {}
      : { networkConfiguration: config.networkConfiguration ?? { networkMode: 'PUBLIC' } }),
    // The service reports V1 when a runtime was created without a platform version (service-behaviour.md).
    platformVersion: config.platformVersion ?? 'V1',
  };
}

/**
 * The service never reports a JWT authorizer's `privateEndpoint` and `privateEndpointOverrides` on Get,
 * although it takes them (Terraform's `preserveAuthorizerPrivateEndpoints` exists for this reason).
 */
function withoutUnreportedFields(config: RuntimeConfig): RuntimeConfig {
  const authorizer = config.authorizerConfiguration as
    { customJWTAuthorizer?: Record<string, unknown> } | undefined;
  const jwt = authorizer?.customJWTAuthorizer;
  if (!jwt || !('privateEndpoint' in jwt || 'privateEndpointOverrides' in jwt)) return config;
  const reported = { ...jwt };
  delete reported.privateEndpoint;
  delete reported.privateEndpointOverrides;
  return { ...config, authorizerConfiguration: { ...authorizer, customJWTAuthorizer: reported } };
}

export const workloadIdentity = (p: Partition, runtime: Runtime) => ({
  workloadIdentityArn: workloadIdentityArn(p, runtime.id),
});

function versionStatus(runtime: Runtime, version: RuntimeVersion, now: number) {
  return version.version === runtime.latestVersion
    ? runtimeStatus(runtime, now)
    : transitionStatus(version.transition, now);
}

/** GetAgentRuntimeResponse for the latest version or the one asked for. */
export function runtimeDetail(p: Partition, runtime: Runtime, version: RuntimeVersion, now: number) {
  const status = versionStatus(runtime, version, now);
  return {
    ...withServiceDefaults(withoutUnreportedFields(version.config)),
    agentRuntimeArn: runtime.arn,
    agentRuntimeName: runtime.name,
    agentRuntimeId: runtime.id,
    agentRuntimeVersion: String(version.version),
    createdAt: iso(runtime.createdAt),
    lastUpdatedAt: iso(version.createdAt),
    status,
    ...(status.endsWith('_FAILED') ? { failureReason: version.transition.failureReason } : {}),
    workloadIdentityDetails: workloadIdentity(p, runtime),
  };
}

/** The `AgentRuntime` list item (ListAgentRuntimes, ListAgentRuntimeVersions). */
export function runtimeSummary(runtime: Runtime, version: RuntimeVersion = latest(runtime), now: number) {
  const description = version.config.description;
  return {
    agentRuntimeArn: runtime.arn,
    agentRuntimeId: runtime.id,
    agentRuntimeVersion: String(version.version),
    agentRuntimeName: runtime.name,
    ...(description !== undefined ? { description } : {}),
    lastUpdatedAt: iso(version.createdAt),
    status: versionStatus(runtime, version, now),
  };
}

/** The `AgentRuntimeEndpoint` list item; Get adds failureReason. */
export function endpointSummary(runtime: Runtime, endpoint: Endpoint, now: number) {
  const live = liveVersion(endpoint, now);
  return {
    name: endpoint.name,
    ...(live !== undefined ? { liveVersion: String(live) } : {}),
    targetVersion: String(endpoint.targetVersion),
    agentRuntimeEndpointArn: endpoint.arn,
    agentRuntimeArn: runtime.arn,
    // Endpoints go away with their runtime.
    status: runtime.deletingUntil !== undefined ? 'DELETING' : endpointStatus(endpoint, now),
    id: endpoint.id,
    ...(endpoint.description !== undefined ? { description: endpoint.description } : {}),
    createdAt: iso(endpoint.createdAt),
    lastUpdatedAt: iso(endpoint.lastUpdatedAt),
  };
}

export function endpointDetail(runtime: Runtime, endpoint: Endpoint, now: number) {
  const summary = endpointSummary(runtime, endpoint, now);
  return summary.status.endsWith('_FAILED')
    ? { ...summary, failureReason: endpoint.transition.failureReason }
    : summary;
}

export { iso };
