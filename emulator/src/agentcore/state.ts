// The AgentCore emulator's state and the knobs a test turns: transition delay, failing or rejected
// creates/updates, the access-key allow-list, seeded runtimes. `applyScenario` is the same thing as JSON,
// for the CLI's control API.
import { noFaults, type ServiceFaults } from '../http.js';
import type { Invocation } from './data-plane.js';
import type { Partition } from './ids.js';
import { IdempotencyCache } from './idempotency.js';
import { seedRuntimes, type SeededRuntime, type SeedOptions } from './seed.js';
import { AgentCoreStore, endpointStatus, liveVersion, runtimeStatus, type RuntimeStatus } from './store.js';

/** Errors the next CreateAgentRuntime calls can be refused with (IAM propagation looks like these). */
export type CreateRejectionName =
  | 'ValidationException'
  | 'AccessDeniedException'
  | 'ConflictException'
  | 'ServiceQuotaExceededException'
  | 'InternalServerException';

const CREATE_REJECTIONS: CreateRejectionName[] = [
  'ValidationException',
  'AccessDeniedException',
  'ConflictException',
  'ServiceQuotaExceededException',
  'InternalServerException',
];

export interface CreateRejection {
  exception: CreateRejectionName;
  /** `{roleArn}` and `{containerUri}` are replaced with the request's values. */
  message: string;
}

/**
 * Reads that lag behind an update: the next GetAgentRuntime calls answer with the runtime as it was before
 * it (its previous version and status), as the real service's reads can right after a change.
 */
export interface StaleReads {
  /** How many Get calls answer stale (default 1). */
  reads?: number;
  /** The status the stale answer shows instead of the one the runtime had (e.g. UPDATE_FAILED). */
  status?: 'READY' | 'CREATE_FAILED' | 'UPDATE_FAILED';
  /** The failureReason of a stale *_FAILED answer. */
  failureReason?: string;
  /** The stale answer carries the new version's number (status lags, version does not). */
  newVersionNumber?: boolean;
}

const STALE_STATUSES = ['READY', 'CREATE_FAILED', 'UPDATE_FAILED'];

/** Which IAM check has not caught up yet: the role's trust, or the role's ECR permissions. */
export type IamPropagationCheck = 'role' | 'ecr';

/**
 * A scripted InvokeAgentRuntime answer: a reply (status < 400, default 200), an error the data plane
 * answers with (default RuntimeClientError 424, as when the agent's container fails), or no answer at all.
 */
export type InvocationReply =
  | { reply: string; contentType?: string; status?: number }
  | { error: { exception?: string; message: string; status?: number } }
  | { hang: true };

export type InvocationScript = Record<string, Record<string, InvocationReply>>;

function checkReply(reply: unknown, where: string): void {
  const r = reply as Record<string, unknown>;
  const ok =
    typeof r === 'object' &&
    r !== null &&
    ((typeof r.reply === 'string' &&
      (r.status === undefined || (typeof r.status === 'number' && r.status < 400))) ||
      (typeof r.error === 'object' &&
        r.error !== null &&
        typeof (r.error as { message?: unknown }).message === 'string') ||
      r.hang === true);
  if (!ok)
    throw new Error(
      `${where} must be { "reply": "<body>", "contentType"?, "status"? (< 400) }, { "error": { "message", "exception"?, "status"? } } or { "hang": true }`,
    );
}

export interface Scenario {
  transitionDelayMs?: number;
  latencyMs?: number;
  dropConnections?: number;
  throttle?: number;
  serverErrors?: number;
  serverErrorStatus?: number;
  failNextCreate?: string;
  failNextUpdate?: string;
  failNextEndpoint?: string;
  invocations?: InvocationScript;
  rejectCreates?: { count?: number } & CreateRejection;
  staleReadsAfterNextUpdate?: StaleReads;
  iamNotPropagated?: { calls?: number; check: IamPropagationCheck };
  allowedAccessKeyIds?: string[] | null;
  seed?: SeedOptions | SeedOptions[];
  reset?: boolean;
}

const SCENARIO_KEYS: (keyof Scenario)[] = [
  'reset',
  'transitionDelayMs',
  'latencyMs',
  'dropConnections',
  'throttle',
  'serverErrors',
  'serverErrorStatus',
  'failNextCreate',
  'failNextUpdate',
  'failNextEndpoint',
  'invocations',
  'rejectCreates',
  'staleReadsAfterNextUpdate',
  'iamNotPropagated',
  'allowedAccessKeyIds',
  'seed',
];

export interface RuntimeSnapshot {
  agentRuntimeId: string;
  agentRuntimeName: string;
  agentRuntimeArn: string;
  status: RuntimeStatus;
  latestVersion: number;
  versions: number[];
  tags: Record<string, string>;
  endpoints: { name: string; status: RuntimeStatus; liveVersion?: number; targetVersion: number }[];
}

export interface AgentCoreOptions extends Partition {
  transitionDelayMs: number;
  /** How long a clientToken's answer is remembered. */
  idempotencyWindowMs?: number;
  lookupAccessKey?: (accessKeyId: string) => { expiration: Date } | undefined;
}

export class AgentCoreState implements Partition {
  readonly region: string;
  readonly accountId: string;
  /** How long CREATING/UPDATING/DELETING last; read when each transition starts. */
  transitionDelayMs: number;
  /** When set, static access keys outside this list are refused (STS-issued keys are always known). */
  allowedAccessKeyIds: string[] | undefined;
  lookupAccessKey: ((accessKeyId: string) => { expiration: Date } | undefined) | undefined;
  /** The access key id of every authenticated request, in order. */
  readonly accessKeyIds: string[] = [];
  /**
   * An account-wide request rate, like the service's quotas: a token bucket of `burst` requests refilled
   * at `perSecond`; a request that finds it empty gets ThrottlingException. Undefined: no limit.
   */
  rateLimit: { perSecond: number; burst: number } | undefined;
  /** Requests refused by `rateLimit`. */
  rateLimited = 0;
  private bucket = { tokens: 0, at: 0 };

  readonly store: AgentCoreStore;
  readonly idempotency: IdempotencyCache;
  private createFailures: string[] = [];
  private updateFailures: string[] = [];
  private endpointFailures: string[] = [];
  /** Scripted data-plane answers: by runtime name, then by version ('*': any version). */
  invocations: InvocationScript = {};
  /** Every InvokeAgentRuntime the data plane accepted, in order. */
  readonly invoked: Invocation[] = [];
  private createRejections: CreateRejection[] = [];
  private staleReads: StaleReads[] = [];
  private iamChecks: IamPropagationCheck[] = [];
  private readonly initialDelayMs: number;

  constructor(
    options: AgentCoreOptions,
    readonly faults: ServiceFaults = noFaults(),
  ) {
    this.region = options.region;
    this.accountId = options.accountId;
    this.transitionDelayMs = this.initialDelayMs = options.transitionDelayMs;
    this.lookupAccessKey = options.lookupAccessKey;
    this.store = new AgentCoreStore(this);
    this.idempotency = new IdempotencyCache(options.idempotencyWindowMs ?? 10 * 60_000);
  }

  /** The next CreateAgentRuntime is accepted, then ends in CREATE_FAILED with this reason. */
  failNextCreate(failureReason: string): void {
    this.createFailures.push(failureReason);
  }

  /** The next UpdateAgentRuntime is accepted, then ends in UPDATE_FAILED with this reason. */
  failNextUpdate(failureReason: string): void {
    this.updateFailures.push(failureReason);
  }

  /** The next `count` CreateAgentRuntime calls are refused with this error. */
  rejectNextCreates(count: number, exception: CreateRejectionName, message: string): void {
    for (let i = 0; i < count; i++) this.createRejections.push({ exception, message });
  }

  /** The next UpdateAgentRuntime is followed by stale GetAgentRuntime answers (see `StaleReads`). */
  staleReadsAfterNextUpdate(options: StaleReads = {}): void {
    this.staleReads.push(options);
  }

  /**
   * The next `calls` CreateAgentRuntime / UpdateAgentRuntime calls fail the way they do while IAM has not
   * propagated a new role or its ECR permissions, with the service's own messages.
   */
  iamNotPropagated(calls: number, check: IamPropagationCheck): void {
    for (let i = 0; i < calls; i++) this.iamChecks.push(check);
  }

  /** Takes one request's token from the rate-limit bucket; false when it is empty (throttle it). */
  takeRateToken(now: number): boolean {
    const limit = this.rateLimit;
    if (!limit) return true;
    if (this.bucket.at === 0) this.bucket = { tokens: limit.burst, at: now };
    const refilled = this.bucket.tokens + ((now - this.bucket.at) / 1000) * limit.perSecond;
    this.bucket = { tokens: Math.min(limit.burst, refilled), at: now };
    if (this.bucket.tokens < 1) {
      this.rateLimited++;
      return false;
    }
    this.bucket.tokens -= 1;
    return true;
  }

  /** The next Create/UpdateAgentRuntimeEndpoint is accepted, then ends *_FAILED; a failed move keeps the old liveVersion. */
  failNextEndpoint(failureReason: string): void {
    this.endpointFailures.push(failureReason);
  }

  /** Scripts InvokeAgentRuntime answers for a runtime's versions ('*' for any), merged over earlier scripts. */
  scriptInvocations(script: InvocationScript): void {
    for (const [runtime, byVersion] of Object.entries(script)) {
      for (const [version, reply] of Object.entries(byVersion))
        checkReply(reply, `invocations.${runtime}.${version}`);
      this.invocations[runtime] = { ...this.invocations[runtime], ...byVersion };
    }
  }

  takeEndpointFailure = (): string | undefined => this.endpointFailures.shift();
  takeCreateFailure = (): string | undefined => this.createFailures.shift();
  takeStaleReads = (): StaleReads | undefined => this.staleReads.shift();
  takeIamCheck = (): IamPropagationCheck | undefined => this.iamChecks.shift();
  takeUpdateFailure = (): string | undefined => this.updateFailures.shift();
  takeCreateRejection = (): CreateRejection | undefined => this.createRejections.shift();

  /** Adds runtimes as if they had been deployed earlier (hundreds of them force paging). */
  seed(options: SeedOptions = {}): SeededRuntime[] {
    return seedRuntimes(this, options, Date.now());
  }

  /** Every runtime as it is now, for assertions. */
  runtimes(): RuntimeSnapshot[] {
    const now = Date.now();
    this.store.purge(now);
    return [...this.store.runtimes.values()].map((r) => ({
      agentRuntimeId: r.id,
      agentRuntimeName: r.name,
      agentRuntimeArn: r.arn,
      status: runtimeStatus(r, now),
      latestVersion: r.latestVersion,
      versions: [...r.versions.keys()],
      tags: { ...this.store.tags.get(r.arn) },
      endpoints: [...r.endpoints.values()].map((e) => ({
        name: e.name,
        status: endpointStatus(e, now),
        liveVersion: liveVersion(e, now),
        targetVersion: e.targetVersion,
      })),
    }));
  }

  /** Forgets all runtimes, pending failures, remembered tokens and faults. */
  reset(): void {
    this.store.runtimes.clear();
    this.store.tags.clear();
    this.idempotency.clear();
    this.createFailures = [];
    this.updateFailures = [];
    this.endpointFailures = [];
    this.invocations = {};
    this.invoked.length = 0;
    this.createRejections = [];
    this.staleReads = [];
    this.iamChecks = [];
    this.allowedAccessKeyIds = undefined;
    this.accessKeyIds.length = 0;
    this.rateLimit = undefined;
    this.rateLimited = 0;
    this.bucket = { tokens: 0, at: 0 };
    this.transitionDelayMs = this.initialDelayMs;
    Object.assign(this.faults, noFaults());
  }

  /** Applies a scenario given as JSON (the control API's body); throws on anything it does not know. */
  applyScenario(scenario: Scenario): { seeded: SeededRuntime[] } {
    if (typeof scenario !== 'object' || scenario === null || Array.isArray(scenario))
      throw new Error('a scenario is a JSON object');
    const unknown = Object.keys(scenario).filter((k) => !SCENARIO_KEYS.includes(k as keyof Scenario));
    if (unknown.length)
      throw new Error(`unknown scenario field(s) ${unknown.join(', ')}; known: ${SCENARIO_KEYS.join(', ')}`);
    if (scenario.reset) this.reset();
    if (scenario.transitionDelayMs !== undefined)
      this.transitionDelayMs = count(scenario.transitionDelayMs, 'transitionDelayMs');
    for (const fault of [
      'latencyMs',
      'dropConnections',
      'throttle',
      'serverErrors',
      'serverErrorStatus',
    ] as const)
      if (scenario[fault] !== undefined) this.faults[fault] = count(scenario[fault], fault);
    if (scenario.failNextCreate !== undefined)
      this.failNextCreate(text(scenario.failNextCreate, 'failNextCreate'));
    if (scenario.failNextUpdate !== undefined)
      this.failNextUpdate(text(scenario.failNextUpdate, 'failNextUpdate'));
    if (scenario.failNextEndpoint !== undefined)
      this.failNextEndpoint(text(scenario.failNextEndpoint, 'failNextEndpoint'));
    if (scenario.invocations !== undefined) {
      if (typeof scenario.invocations !== 'object' || scenario.invocations === null)
        throw new Error('invocations must be { "<runtime name>": { "<version> or *": reply } }');
      this.scriptInvocations(scenario.invocations);
    }
    if (scenario.rejectCreates !== undefined) {
      const { count: n = 1, exception, message } = scenario.rejectCreates;
      if (!CREATE_REJECTIONS.includes(exception))
        throw new Error(`rejectCreates.exception must be one of ${CREATE_REJECTIONS.join(', ')}`);
      this.rejectNextCreates(
        count(n, 'rejectCreates.count'),
        exception,
        text(message, 'rejectCreates.message'),
      );
    }
    if (scenario.staleReadsAfterNextUpdate !== undefined)
      this.staleReadsAfterNextUpdate(staleReads(scenario.staleReadsAfterNextUpdate));
    if (scenario.iamNotPropagated !== undefined) {
      const { calls = 1, check } = scenario.iamNotPropagated;
      if (check !== 'role' && check !== 'ecr') throw new Error('iamNotPropagated.check must be role or ecr');
      this.iamNotPropagated(count(calls, 'iamNotPropagated.calls'), check);
    }
    if (scenario.allowedAccessKeyIds !== undefined)
      this.allowedAccessKeyIds = scenario.allowedAccessKeyIds ?? undefined;
    const seeds = scenario.seed === undefined ? [] : [scenario.seed].flat();
    return { seeded: seeds.flatMap((s) => this.seed(s)) };
  }
}

function count(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
    throw new Error(`${name} must be a whole number >= 0`);
  return value;
}

function text(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') throw new Error(`${name} must be a non-empty string`);
  return value;
}

function staleReads(value: StaleReads): StaleReads {
  if (typeof value !== 'object' || value === null) throw new Error('staleReadsAfterNextUpdate is an object');
  if (value.reads !== undefined) count(value.reads, 'staleReadsAfterNextUpdate.reads');
  if (value.status !== undefined && !STALE_STATUSES.includes(value.status))
    throw new Error(`staleReadsAfterNextUpdate.status must be one of ${STALE_STATUSES.join(', ')}`);
  if (value.failureReason !== undefined) text(value.failureReason, 'staleReadsAfterNextUpdate.failureReason');
  return value;
}
