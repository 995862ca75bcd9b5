// Shared set-up for the AgentCore emulator suites: the service on a real port, and the real SDK client
// pointed at it with static credentials.
import {
  BedrockAgentCoreControlClient,
  type BedrockAgentCoreControlClientConfig,
  type CreateAgentRuntimeRequest,
  type UpdateAgentRuntimeRequest,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { createAgentCoreService, type AgentCoreServiceOptions } from '../src/agentcore/service.js';
import type { AgentCoreState } from '../src/agentcore/state.js';
import { listen, noFaults, type RecordedRequest, type ServiceFaults } from '../src/http.js';

export const REGION = 'us-east-1';
export const ACCOUNT = '123456789012';
export const STATIC_KEY = 'AKIASTATICTESTKEY001';

export interface AgentCoreFixture {
  url: string;
  state: AgentCoreState;
  faults: ServiceFaults;
  requests: RecordedRequest[];
  client: BedrockAgentCoreControlClient;
  makeClient(config?: BedrockAgentCoreControlClientConfig): BedrockAgentCoreControlClient;
  close(): Promise<void>;
}

export async function startAgentCore(options: AgentCoreServiceOptions = {}): Promise<AgentCoreFixture> {
  const requests: RecordedRequest[] = [];
  const faults = noFaults();
  const { handler, state } = createAgentCoreService(
    // Transitions long enough that "still CREATING" checks hold on a loaded machine, short enough for a
    // quick suite.
    { region: REGION, accountId: ACCOUNT, transitionDelayMs: 250, ...options, requests },
    faults,
  );
  const server = await listen('agentcore', handler, { log: requests, faults });
  const clients: BedrockAgentCoreControlClient[] = [];
  const makeClient = (config: BedrockAgentCoreControlClientConfig = {}) => {
    const client = new BedrockAgentCoreControlClient({
      endpoint: server.url,
      region: REGION,
      credentials: { accessKeyId: STATIC_KEY, secretAccessKey: 'static-test-secret' },
      ...config,
    });
    clients.push(client);
    return client;
  };
  return {
    url: server.url,
    state,
    faults,
    requests,
    client: makeClient(),
    makeClient,
    close: async () => {
      clients.forEach((c) => c.destroy());
      await server.close();
    },
  };
}

export function containerRuntime(name: string, tag = 'v1'): CreateAgentRuntimeRequest {
  return {
    agentRuntimeName: name,
    agentRuntimeArtifact: {
      containerConfiguration: { containerUri: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/agents:${tag}` },
    },
    roleArn: `arn:aws:iam::${ACCOUNT}:role/AgentRuntimeRole`,
    networkConfiguration: { networkMode: 'PUBLIC' },
  };
}

/** The body of an UpdateAgentRuntime that replaces the runtime's configuration with `containerRuntime`'s. */
export function runtimeUpdate(agentRuntimeId: string, tag: string): UpdateAgentRuntimeRequest {
  const spec: Partial<CreateAgentRuntimeRequest> = containerRuntime('unused', tag);
  delete spec.agentRuntimeName;
  return { agentRuntimeId, ...(spec as Omit<CreateAgentRuntimeRequest, 'agentRuntimeName'>) };
}

/** A fetch answer's JSON body, typed by the caller. */
export const bodyOf = async <T>(res: Response): Promise<T> => (await res.json()) as T;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `read` until `done` holds (or gives up after `timeoutMs`), returning the last value. */
export async function waitUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 3000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await sleep(10);
  }
}

/** Runs `promise`, expecting it to fail, and returns the error. */
export async function failure(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (err) {
    return err as Error & Record<string, unknown>;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
