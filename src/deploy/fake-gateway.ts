// An in-memory control plane for unit tests of the deploy logic: the service's observable rules, scripted
// failures, and a journal of every mutating call.
import type {
  AgentRuntime,
  AgentRuntimeEndpoint,
  CreateAgentRuntimeRequest,
  GetAgentRuntimeResponse,
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
  async get(agentRuntimeId: string) {
    this.reads.push(`get ${agentRuntimeId}`);
    if (this.runtime?.agentRuntimeId !== agentRuntimeId)
      throw new ServiceError('ResourceNotFoundException', `No runtime ${agentRuntimeId}`);
    // A deletion is seen once as DELETING, then the runtime is gone.
    if (this.runtime.status === 'DELETING' && !this.stuckDeleting && this.seenDeleting++ > 0) {
      this.runtime = undefined;
      throw new ServiceError('ResourceNotFoundException', `No runtime ${agentRuntimeId}`);
    }
    if (this.readyOnGet && this.runtime.status !== 'DELETING')
      this.runtime = { ...this.runtime, status: 'READY' };
    return { ...this.runtime };
  }
  async getEndpoint(_id: string, name = 'DEFAULT') {
    if (name === 'DEFAULT')
      return { status: 'READY', liveVersion: this.runtime!.agentRuntimeVersion } as never;
    const endpoint = this.endpoints[name];
    if (!endpoint || endpoint.status === 'DELETING') {
      delete this.endpoints[name];
      throw new ServiceError('ResourceNotFoundException', `No endpoint ${name}`);
    }
    return { name, ...endpoint } as never;
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
  /** Named endpoints (DEFAULT is listed on its own), by name. Deleted ones vanish on the next read. */
  endpoints: Record<string, { status: string; liveVersion: string }> = {};
  /** Answers the next deletes with a conflict, as a busy resource does. */
  deleteConflicts = 0;
  /** A runtime that stays DELETING forever. */
  stuckDeleting = false;
  private seenDeleting = 0;
  async listEndpoints(): Promise<AgentRuntimeEndpoint[]> {
    const named = Object.entries(this.endpoints).map(([name, e]) => ({ name, ...e }));
    return [{ name: 'DEFAULT', status: 'READY' }, ...named] as AgentRuntimeEndpoint[];
  }
  async deleteEndpoint(_id: string, name: string) {
    this.calls.push(`deleteEndpoint ${name}`);
    this.conflictOnDelete();
    if (!this.endpoints[name]) throw new ServiceError('ResourceNotFoundException', `No endpoint ${name}`);
    this.endpoints[name].status = 'DELETING';
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
