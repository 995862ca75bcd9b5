// The AgentCore control-plane calls the action makes, behind one small interface so the deploy logic can
// be driven by a fake in unit tests and by the real SDK (against AWS or the emulator) everywhere else.
import {
  BedrockAgentCoreControlClient,
  CreateAgentRuntimeCommand,
  DeleteAgentRuntimeCommand,
  DeleteAgentRuntimeEndpointCommand,
  CreateAgentRuntimeEndpointCommand,
  GetAgentRuntimeCommand,
  GetAgentRuntimeEndpointCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateAgentRuntimeCommand,
  UpdateAgentRuntimeEndpointCommand,
  paginateListAgentRuntimeEndpoints,
  paginateListAgentRuntimes,
  type AgentRuntime,
  type AgentRuntimeEndpoint,
  type CreateAgentRuntimeEndpointRequest,
  type CreateAgentRuntimeEndpointResponse,
  type CreateAgentRuntimeRequest,
  type CreateAgentRuntimeResponse,
  type GetAgentRuntimeEndpointResponse,
  type GetAgentRuntimeResponse,
  type UpdateAgentRuntimeRequest,
  type UpdateAgentRuntimeEndpointRequest,
  type UpdateAgentRuntimeEndpointResponse,
  type UpdateAgentRuntimeResponse,
} from '@aws-sdk/client-bedrock-agentcore-control';
import type { AwsCredentialIdentityProvider, InitializeMiddleware, MetadataBearer } from '@aws-sdk/types';
import { errorMessage, isThrottling, markOperation } from './errors.js';
import { OUTAGE_MS } from './poll.js';
import { sleep } from '../util/sleep.js';

export interface RuntimeGateway {
  /** The runtime with exactly this name, looked up across every page of ListAgentRuntimes. */
  findByName(name: string): Promise<AgentRuntime | undefined>;
  /** The runtime; with `version`, that version's snapshot (ResourceNotFoundException when there is none). */
  get(agentRuntimeId: string, version?: string): Promise<GetAgentRuntimeResponse>;
  getEndpoint(agentRuntimeId: string, endpointName: string): Promise<GetAgentRuntimeEndpointResponse>;
  /** Every endpoint of the runtime, DEFAULT included, across every page. */
  listEndpoints(agentRuntimeId: string): Promise<AgentRuntimeEndpoint[]>;
  createEndpoint(request: CreateAgentRuntimeEndpointRequest): Promise<CreateAgentRuntimeEndpointResponse>;
  updateEndpoint(request: UpdateAgentRuntimeEndpointRequest): Promise<UpdateAgentRuntimeEndpointResponse>;
  listTags(arn: string): Promise<Record<string, string>>;
  create(request: CreateAgentRuntimeRequest): Promise<CreateAgentRuntimeResponse>;
  update(request: UpdateAgentRuntimeRequest): Promise<UpdateAgentRuntimeResponse>;
  tag(arn: string, tags: Record<string, string>): Promise<void>;
  untag(arn: string, keys: string[]): Promise<void>;
  deleteEndpoint(agentRuntimeId: string, endpointName: string): Promise<void>;
  deleteRuntime(agentRuntimeId: string): Promise<void>;
}

/** Every call survives several consecutive throttling or 5xx answers (the SDK's standard retry). */
export const MAX_ATTEMPTS = 6;

export function createControlClient(options: {
  region: string;
  credentials?: AwsCredentialIdentityProvider;
  userAgent: string;
  throttling?: ThrottlingOptions;
}): BedrockAgentCoreControlClient {
  // The endpoint is deliberately not set here: AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL (the SDK's
  // standard variable) is how a test, the demo or a VPC-endpoint user redirects it.
  const client = new BedrockAgentCoreControlClient({
    region: options.region,
    credentials: options.credentials,
    maxAttempts: MAX_ATTEMPTS,
    retryMode: 'standard',
    customUserAgent: options.userAgent,
  });
  nameFailedCalls(client);
  outlastThrottling(client, options.throttling ?? {});
  return client;
}

/** The status reads of waits: a throttled look is already tolerated there, on the wait's own schedule. */
const POLL_READS = new Set(['GetAgentRuntimeCommand', 'GetAgentRuntimeEndpointCommand']);

/**
 * A matrix of deploys shares the account's request rate: a call still throttled after the SDK's attempts
 * (some 15 s of back-off) is made again, jittered so the jobs fall out of step, until it has been throttled
 * for OUTAGE_MS (the rule waits follow too: longer is an outage, and the run ends naming the call). A
 * throttled request was refused, not run, so making it again is safe; creates and updates carry a client
 * token besides.
 */
function outlastThrottling(client: BedrockAgentCoreControlClient, options: ThrottlingOptions): void {
  client.middlewareStack.add(throttlingMiddleware(options), {
    step: 'initialize',
    name: 'outlastThrottling',
  });
}

/** The middleware itself (exported for its tests): `next` runs the call with all of the SDK's attempts. */
export function throttlingMiddleware({
  log,
  wait = sleep,
  now = Date.now,
}: ThrottlingOptions): InitializeMiddleware<object, MetadataBearer> {
  const middleware: InitializeMiddleware<object, MetadataBearer> = (next, context) => async (args) => {
    if (POLL_READS.has(String(context.commandName))) return next(args);
    const started = now();
    for (let delayMs = 2000; ; delayMs = Math.min(delayMs * 2, 15_000)) {
      try {
        return await next(args);
      } catch (err) {
        const jittered = Math.round(delayMs * (0.5 + Math.random() / 2));
        if (!isThrottling(err) || now() - started + jittered > OUTAGE_MS) throw err;
        const call = String(context.commandName).replace(/Command$/, '');
        log?.(`${call} throttled (${errorMessage(err)}); trying again in ${(jittered / 1000).toFixed(1)}s.`);
        await wait(jittered);
      }
    }
  };
  return middleware;
}

export interface ThrottlingOptions {
  /** Told when a throttled call is made again. */
  log?: (message: string) => void;
  /** Tests pass a fake clock. */
  wait?: (ms: number) => Promise<void>;
  now?: () => number;
}

/** Every error that leaves the client says which call failed (after all of the SDK's retries). */
function nameFailedCalls(client: BedrockAgentCoreControlClient): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      try {
        return await next(args);
      } catch (err) {
        markOperation(err, String(context.commandName ?? 'AgentCore call').replace(/Command$/, ''));
        throw err;
      }
    },
    { step: 'initialize', name: 'nameFailedCalls' },
  );
}

export class SdkRuntimeGateway implements RuntimeGateway {
  constructor(private readonly client: BedrockAgentCoreControlClient) {}

  async findByName(name: string): Promise<AgentRuntime | undefined> {
    for await (const page of paginateListAgentRuntimes({ client: this.client, pageSize: 100 }, {})) {
      const match = page.agentRuntimes?.find((r) => r.agentRuntimeName === name);
      if (match) return match;
    }
    return undefined;
  }

  get(agentRuntimeId: string, version?: string): Promise<GetAgentRuntimeResponse> {
    return this.client.send(
      new GetAgentRuntimeCommand({ agentRuntimeId, ...(version && { agentRuntimeVersion: version }) }),
    );
  }

  async listEndpoints(agentRuntimeId: string): Promise<AgentRuntimeEndpoint[]> {
    const endpoints: AgentRuntimeEndpoint[] = [];
    for await (const page of paginateListAgentRuntimeEndpoints(
      { client: this.client, pageSize: 100 },
      { agentRuntimeId },
    ))
      endpoints.push(...(page.runtimeEndpoints ?? []));
    return endpoints;
  }

  createEndpoint(request: CreateAgentRuntimeEndpointRequest): Promise<CreateAgentRuntimeEndpointResponse> {
    return this.client.send(new CreateAgentRuntimeEndpointCommand(request));
  }

  updateEndpoint(request: UpdateAgentRuntimeEndpointRequest): Promise<UpdateAgentRuntimeEndpointResponse> {
    return this.client.send(new UpdateAgentRuntimeEndpointCommand(request));
  }

  getEndpoint(agentRuntimeId: string, endpointName: string): Promise<GetAgentRuntimeEndpointResponse> {
    return this.client.send(new GetAgentRuntimeEndpointCommand({ agentRuntimeId, endpointName }));
  }

  async listTags(resourceArn: string): Promise<Record<string, string>> {
    const { tags } = await this.client.send(new ListTagsForResourceCommand({ resourceArn }));
    return tags ?? {};
  }

  create(request: CreateAgentRuntimeRequest): Promise<CreateAgentRuntimeResponse> {
    return this.client.send(new CreateAgentRuntimeCommand(request));
  }

  update(request: UpdateAgentRuntimeRequest): Promise<UpdateAgentRuntimeResponse> {
    return this.client.send(new UpdateAgentRuntimeCommand(request));
  }

  async tag(resourceArn: string, tags: Record<string, string>): Promise<void> {
    await this.client.send(new TagResourceCommand({ resourceArn, tags }));
  }

  async untag(resourceArn: string, tagKeys: string[]): Promise<void> {
    await this.client.send(new UntagResourceCommand({ resourceArn, tagKeys }));
  }

  async deleteEndpoint(agentRuntimeId: string, endpointName: string): Promise<void> {
    await this.client.send(new DeleteAgentRuntimeEndpointCommand({ agentRuntimeId, endpointName }));
  }

  async deleteRuntime(agentRuntimeId: string): Promise<void> {
    await this.client.send(new DeleteAgentRuntimeCommand({ agentRuntimeId }));
  }
}
