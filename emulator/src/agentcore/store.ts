// Runtime, version, endpoint and tag state. Statuses are computed from timestamps when read (an
// operation records when its transition settles), so no timer runs and nothing leaks between tests.
import { constraints } from '../../../src/model/validate-shape.js';
import { endpointArn, generatedId, runtimeArn, type Partition } from './ids.js';

export type RuntimeStatus =
  'CREATING' | 'CREATE_FAILED' | 'UPDATING' | 'UPDATE_FAILED' | 'READY' | 'DELETING';

/** The members of one immutable version: everything an update replaces (not name, token or tags). */
export const VERSION_MEMBERS: string[] = Object.entries(constraints.shapes.UpdateAgentRuntimeRequest.members!)
  .filter(([, m]) => !m.location && !m.idempotencyToken)
  .map(([name]) => name);

export type RuntimeConfig = Record<string, unknown>;

/** A create or update in flight (or finished): it settles at `settlesAt`, failing if `failureReason` is set. */
export interface Transition {
  kind: 'CREATE' | 'UPDATE';
  settlesAt: number;
  failureReason?: string;
}

export interface RuntimeVersion {
  version: number;
  config: RuntimeConfig;
  createdAt: Date;
  transition: Transition;
}

export interface Endpoint {
  name: string;
  id: string;
  arn: string;
  description?: string;
  createdAt: Date;
  lastUpdatedAt: Date;
  /** The version being moved to (or last moved to). */
  targetVersion: number;
  /** The version that served before the current move. */
  previousLiveVersion?: number;
  transition: Transition;
  deletingUntil?: number;
}

export interface Runtime {
  id: string;
  name: string;
  arn: string;
  createdAt: Date;
  versions: Map<number, RuntimeVersion>;
  latestVersion: number;
  endpoints: Map<string, Endpoint>;
  deletingUntil?: number;
  /** Created before the service's S3-endpoint rollout: may set `requireServiceS3Endpoint` on update. */
  legacyNetworking: boolean;
  /** Lagging GetAgentRuntime answers still to serve (the runtime as it was before an update). */
  staleReads?: { answer: Record<string, unknown>; left: number };
}

export const DEFAULT_ENDPOINT = 'DEFAULT';

const settled = (t: Transition, now: number) => now >= t.settlesAt;

export function transitionStatus(t: Transition, now: number): RuntimeStatus {
  if (!settled(t, now)) return t.kind === 'CREATE' ? 'CREATING' : 'UPDATING';
  if (t.failureReason !== undefined) return t.kind === 'CREATE' ? 'CREATE_FAILED' : 'UPDATE_FAILED';
  return 'READY';
}

export function runtimeStatus(runtime: Runtime, now: number): RuntimeStatus {
  if (runtime.deletingUntil !== undefined) return 'DELETING';
  return transitionStatus(latest(runtime).transition, now);
}

export const latest = (runtime: Runtime): RuntimeVersion => runtime.versions.get(runtime.latestVersion)!;

export function endpointStatus(endpoint: Endpoint, now: number): RuntimeStatus {
  if (endpoint.deletingUntil !== undefined) return 'DELETING';
  return transitionStatus(endpoint.transition, now);
}

export function liveVersion(endpoint: Endpoint, now: number): number | undefined {
  const t = endpoint.transition;
  return settled(t, now) && t.failureReason === undefined
    ? endpoint.targetVersion
    : endpoint.previousLiveVersion;
}

export class AgentCoreStore {
  /** By agentRuntimeId, in creation order (the order ListAgentRuntimes pages through). */
  readonly runtimes = new Map<string, Runtime>();
  /** By resource ARN. */
  readonly tags = new Map<string, Record<string, string>>();

  constructor(private readonly partition: Partition) {}

  /** Forgets runtimes and endpoints whose deletion has finished. */
  purge(now: number): void {
    for (const runtime of this.runtimes.values()) {
      if (runtime.deletingUntil !== undefined && now >= runtime.deletingUntil) {
        this.runtimes.delete(runtime.id);
        this.tags.delete(runtime.arn);
        for (const endpoint of runtime.endpoints.values()) this.tags.delete(endpoint.arn);
        continue;
      }
      for (const endpoint of runtime.endpoints.values())
        if (endpoint.deletingUntil !== undefined && now >= endpoint.deletingUntil) {
          runtime.endpoints.delete(endpoint.name);
          this.tags.delete(endpoint.arn);
        }
    }
  }

  findByName(name: string): Runtime | undefined {
    return [...this.runtimes.values()].find((r) => r.name === name);
  }

  /** The runtime or endpoint an ARN names, if it exists. */
  findArn(arn: string): { runtime: Runtime; endpoint?: Endpoint } | undefined {
    for (const runtime of this.runtimes.values()) {
      if (runtime.arn === arn) return { runtime };
      for (const endpoint of runtime.endpoints.values())
        if (endpoint.arn === arn) return { runtime, endpoint };
    }
    return undefined;
  }

  createRuntime(
    name: string,
    config: RuntimeConfig,
    transition: Transition,
    options: { now: number; tags?: Record<string, string>; legacyNetworking?: boolean },
  ): Runtime {
    const id = generatedId(name);
    const createdAt = new Date(options.now);
    const runtime: Runtime = {
      id,
      name,
      arn: runtimeArn(this.partition, id),
      createdAt,
      versions: new Map([[1, { version: 1, config, createdAt, transition }]]),
      latestVersion: 1,
      endpoints: new Map(),
      legacyNetworking: options.legacyNetworking ?? false,
    };
    this.runtimes.set(id, runtime);
    this.tags.set(runtime.arn, { ...options.tags });
    // The DEFAULT endpoint exists from the start and follows the latest version.
    this.addEndpoint(runtime, DEFAULT_ENDPOINT, 1, transition, options.now);
    return runtime;
  }

  addVersion(runtime: Runtime, config: RuntimeConfig, transition: Transition, now: number): RuntimeVersion {
    const version: RuntimeVersion = {
      version: runtime.latestVersion + 1,
      config,
      createdAt: new Date(now),
      transition,
    };
    runtime.versions.set(version.version, version);
    runtime.latestVersion = version.version;
    const defaultEndpoint = runtime.endpoints.get(DEFAULT_ENDPOINT);
    if (defaultEndpoint) this.moveEndpoint(defaultEndpoint, version.version, transition, now);
    return version;
  }

  addEndpoint(
    runtime: Runtime,
    name: string,
    version: number,
    transition: Transition,
    now: number,
    description?: string,
  ): Endpoint {
    const endpoint: Endpoint = {
      name,
      id: generatedId(name),
      arn: endpointArn(this.partition, runtime.id, name),
      description,
      createdAt: new Date(now),
      lastUpdatedAt: new Date(now),
      targetVersion: version,
      transition,
    };
    runtime.endpoints.set(name, endpoint);
    this.tags.set(endpoint.arn, {});
    return endpoint;
  }

  moveEndpoint(endpoint: Endpoint, version: number, transition: Transition, now: number): void {
    endpoint.previousLiveVersion = liveVersion(endpoint, now);
    endpoint.targetVersion = version;
    endpoint.transition = transition;
    endpoint.lastUpdatedAt = new Date(now);
  }
}
