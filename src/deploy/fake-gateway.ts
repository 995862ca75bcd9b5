// An in-memory control plane for unit tests of the deploy logic: the service's observable rules, scripted
// failures, and a journal of every mutating call.
import type {
  AgentRuntime,
  AgentRuntimeEndpoint,
  CreateAgentRuntimeEndpointRequest,
  CreateAgentRuntimeRequest,
  GetAgentRuntimeResponse,
  UpdateAgentRuntimeEndpointRequest,
  UpdateAgentRuntimeRequest,
} from '@aws-sdk/client-bedrock-agentcore-control';
import type { RuntimeGateway } from '../aws/runtime-gateway.js';
import type { AgentRuntimeSpec } from '../spec/types.js';

const ARN = 'arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/my_agent-abcdefghij';

export class ServiceError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/** An in-memory control plane with the service's observable rules, and a journal of every mutating call. */
export class FakeGateway implements RuntimeGateway {
  runtime?: GetAgentRuntimeResponse;
  tags: Record<string, string> = {};
  calls: string[] = [];
  /** GetAgentRuntime calls, by id. */
  reads: string[] = [];
  createFailures: Error[] = [];
  /** Answers the next creates repeat from an earlier request (same client token), creating nothing. */
  replayedCreates: object[] = [];
  updateFailures: Error[] = [];
  /** Runs before the first create answers: e.g. another deploy creating the same runtime. */
  beforeCreate?: () => void;

  seed(spec: AgentRuntimeSpec, tags: Record<string, string> = {}, status = 'READY') {
    const { tags: _t, agentRuntimeName, ...rest } = spec;
    this.runtime = {
      ...rest,
      agentRuntimeName,
      agentRuntimeArn: ARN,
      agentRuntimeId: 'my_agent-abcdefghij',
      agentRuntimeVersion: '1',
      status,
      lifecycleConfiguration: { idleRuntimeSessionTimeout: 900, maxLifetime: 28800 },
      createdAt: new Date(),
      lastUpdatedAt: new Date(),
    } as GetAgentRuntimeResponse;
    this.tags = { ...tags };
  }
  async findByName(name: string) {
    return this.runtime?.agentRuntimeName === name ? (this.runtime as AgentRuntime) : undefined;
  }
  /** Settles CREATING/UPDATING on the next read, as if the transition had just finished. */
  readyOnGet = false;
  async get(agentRuntimeId: string, version?: string) {
    this.reads.push(`get ${agentRuntimeId}${version ? ` version ${version}` : ''}`);
    if (this.runtime?.agentRuntimeId !== agentRuntimeId)
      throw new ServiceError('ResourceNotFoundException', `No runtime ${agentRuntimeId}`);
    if (version && Number(version) > Number(this.runtime.agentRuntimeVersion))
      throw new ServiceError('ResourceNotFoundException', `No version ${version} of ${agentRuntimeId}`);
    // A deletion is seen once as DELETING, then the runtime is gone.
    if (this.runtime.status === 'DELETING' && !this.stuckDeleting && this.seenDeleting++ > 0) {
      this.runtime = undefined;
      throw new ServiceError('ResourceNotFoundException', `No runtime ${agentRuntimeId}`);
    }
    if (this.readyOnGet && this.runtime.status !== 'DELETING')
      this.runtime = { ...this.runtime, status: 'READY' };
    return { ...this.runtime };
  }
  /**
   * Named endpoints; they settle at once (READY on the version asked for) unless `endpointFailure` is set.
   * Deleted ones vanish on the next read.
   */
  endpoints: AgentRuntimeEndpoint[] = [];
  /** The next endpoint create/update ends *_FAILED with this reason, keeping the old liveVersion. */
  endpointFailure?: string;
  async getEndpoint(_id: string, name = 'DEFAULT') {
    if (name === 'DEFAULT')
      return { status: 'READY', liveVersion: this.runtime!.agentRuntimeVersion } as never;
    const endpoint = this.endpoints.find((e) => e.name === name);
    if (!endpoint || endpoint.status === 'DELETING') {
      this.endpoints = this.endpoints.filter((e) => e.name !== name);
      throw new ServiceError('ResourceNotFoundException', `No endpoint ${name}`);
    }
    return { ...endpoint } as never;
  }
  async listEndpoints() {
    return [
      {
        name: 'DEFAULT',
        status: 'READY',
        liveVersion: this.runtime?.agentRuntimeVersion,
      } as AgentRuntimeEndpoint,
      ...this.endpoints.map((e) => ({ ...e })),
    ];
  }
  async createEndpoint(request: CreateAgentRuntimeEndpointRequest) {
    this.calls.push(`createEndpoint ${request.name} ${request.agentRuntimeVersion}`);
    const failed = this.takeEndpointFailure();
    const endpoint = {
      name: request.name,
      agentRuntimeEndpointArn: `${ARN}/runtime-endpoint/${request.name}`,
      agentRuntimeArn: ARN,
      id: request.name,
      ...(failed
        ? { status: 'CREATE_FAILED', failureReason: failed }
        : { status: 'READY', liveVersion: request.agentRuntimeVersion }),
    } as AgentRuntimeEndpoint;
    this.endpoints.push(endpoint);
    return { ...endpoint, targetVersion: request.agentRuntimeVersion } as never;
  }
  async updateEndpoint(request: UpdateAgentRuntimeEndpointRequest) {
    this.calls.push(`updateEndpoint ${request.endpointName} ${request.agentRuntimeVersion}`);
    const endpoint = this.endpoints.find((e) => e.name === request.endpointName)!;
    const failed = this.takeEndpointFailure();
    Object.assign(
      endpoint,
      failed
        ? { status: 'UPDATE_FAILED', failureReason: failed }
        : { status: 'READY', liveVersion: request.agentRuntimeVersion },
    );
    return { ...endpoint, targetVersion: request.agentRuntimeVersion } as never;
  }
  private takeEndpointFailure() {
    const failure = this.endpointFailure;
    this.endpointFailure = undefined;
    return failure;
  }
  async listTags() {
    return { ...this.tags };
  }
  async create(request: CreateAgentRuntimeRequest) {
    this.calls.push('create');
    this.lastCreate = request;
    this.beforeCreate?.();
    this.beforeCreate = undefined;
    const failure = this.createFailures.shift();
    if (failure) throw failure;
    const replay = this.replayedCreates.shift();
    if (replay) return replay as never;
    this.seed(request as AgentRuntimeSpec, request.tags ?? {}, 'CREATING');
    return { ...this.runtime!, agentRuntimeArn: ARN } as never;
  }
  lastCreate?: CreateAgentRuntimeRequest;
  lastUpdate?: UpdateAgentRuntimeRequest;
  async update(request: UpdateAgentRuntimeRequest) {
    this.calls.push('update');
    this.lastUpdate = request;
    const failure = this.updateFailures.shift();
    if (failure) throw failure;
    const version = String(Number(this.runtime!.agentRuntimeVersion) + 1);
    this.runtime = { ...this.runtime!, agentRuntimeVersion: version, status: 'UPDATING' };
    return { ...this.runtime } as never;
  }
  async tag(_arn: string, tags: Record<string, string>) {
    this.calls.push(`tag ${Object.keys(tags).join(',')}`);
    Object.assign(this.tags, tags);
  }
  async untag(_arn: string, keys: string[]) {
    this.calls.push(`untag ${keys.join(',')}`);
    for (const k of keys) delete this.tags[k];
  }
  /** Answers the next deletes with a conflict, as a busy resource does. */
  deleteConflicts = 0;
  /** A runtime that stays DELETING forever. */
  stuckDeleting = false;
  private seenDeleting = 0;
  async deleteEndpoint(_id: string, name: string) {
    this.calls.push(`deleteEndpoint ${name}`);
    this.conflictOnDelete();
    const endpoint = this.endpoints.find((e) => e.name === name);
    if (!endpoint) throw new ServiceError('ResourceNotFoundException', `No endpoint ${name}`);
    endpoint.status = 'DELETING';
  }
  async deleteRuntime(id: string) {
    this.calls.push('deleteRuntime');
    this.conflictOnDelete();
    if (this.runtime?.agentRuntimeId !== id)
      throw new ServiceError('ResourceNotFoundException', `No runtime ${id}`);
    this.runtime = { ...this.runtime, status: 'DELETING' };
    this.seenDeleting = 0;
  }
  private conflictOnDelete() {
    if (this.deleteConflicts <= 0) return;
    this.deleteConflicts--;
    throw new ServiceError('ConflictException', 'busy');
  }
}
