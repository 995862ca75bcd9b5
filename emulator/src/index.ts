// The whole emulator in one call: AgentCore control plane, STS, GitHub OIDC token endpoint and GitHub
// REST API, each on its own 127.0.0.1 port, sharing one request log, plus the environment a process
// needs to use them exactly as a runner and the AWS SDK would.
import { createDataPlaneHandler } from './agentcore/data-plane.js';
import { createAgentCoreService } from './agentcore/service.js';
import type { AgentCoreState } from './agentcore/state.js';
import { createEcrService, type EcrState } from './ecr.js';
import { createGitHubService, type GitHubState } from './github.js';
import {
  listen,
  noFaults,
  type RecordedRequest,
  type RunningService,
  type ServiceFaults,
  type ServiceName,
} from './http.js';
import { createOidcService, type OidcState } from './oidc.js';
import { createS3Service, type S3State } from './s3.js';
import { createStsService, type StsState } from './sts.js';

export interface EmulatorOptions {
  /** Default us-east-1. */
  region?: string;
  /** Default 123456789012. */
  accountId?: string;
  /** How long CREATING/UPDATING/DELETING last; default 200 ms. */
  transitionDelayMs?: number;
  /** The audience STS expects in OIDC tokens; default sts.amazonaws.com. */
  audience?: string;
  credentialsTtlSeconds?: number;
  /** Token the GitHub API accepts; default ghs_emulatortoken. */
  githubToken?: string;
  /** owner/name; default octo-org/agents. */
  repository?: string;
}

export interface Emulator {
  urls: Record<ServiceName, string>;
  /** Environment for a process that should use the emulator, exactly as a runner + the SDK would see it
   * (no AWS keys: tests add those). */
  env: Record<string, string>;
  /** Every request to every service, in order. */
  requests: RecordedRequest[];
  faults: Record<ServiceName, ServiceFaults>;
  agentcore: AgentCoreState;
  sts: StsState;
  oidc: OidcState;
  github: GitHubState;
  ecr: EcrState;
  s3: S3State;
  close(): Promise<void>;
}

/** The value ACTIONS_ID_TOKEN_REQUEST_TOKEN holds; the OIDC endpoint refuses any other. */
export const OIDC_REQUEST_TOKEN = 'emulator-oidc-request-token';

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '123456789012';
  const repository = options.repository ?? 'octo-org/agents';
  const requests: RecordedRequest[] = [];
  const faults: Record<ServiceName, ServiceFaults> = {
    agentcore: noFaults(),
    dataplane: noFaults(),
    sts: noFaults(),
    github: noFaults(),
    oidc: noFaults(),
    ecr: noFaults(),
    s3: noFaults(),
  };

  const oidc = createOidcService({ requestToken: OIDC_REQUEST_TOKEN, repository }, faults.oidc);
  const sts = createStsService(
    {
      oidc: oidc.state,
      accountId,
      audience: options.audience ?? 'sts.amazonaws.com',
      credentialsTtlSeconds: options.credentialsTtlSeconds,
    },
    faults.sts,
  );
  const github = createGitHubService(
    { token: options.githubToken ?? 'ghs_emulatortoken', repository },
    faults.github,
  );
  const agentcore = createAgentCoreService(
    {
      region,
      accountId,
      transitionDelayMs: options.transitionDelayMs ?? 200,
      lookupAccessKey: (accessKeyId) => sts.state.lookupAccessKey(accessKeyId),
      requests,
    },
    faults.agentcore,
  );
  let ecrUrl = '';
  const ecr = createEcrService({ region, accountId, selfUrl: () => ecrUrl }, faults.ecr);
  const s3 = createS3Service({ accountId }, faults.s3);

  const handlers = {
    agentcore: agentcore.handler,
    dataplane: createDataPlaneHandler(agentcore.state),
    sts: sts.handler,
    github: github.handler,
    oidc: oidc.handler,
    ecr: ecr.handler,
    s3: s3.handler,
  };
  const started = await Promise.allSettled(
    (Object.keys(handlers) as ServiceName[]).map((name) =>
      listen(name, handlers[name], { log: requests, faults: faults[name] }),
    ),
  );
  const running = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    await Promise.all(running.map((s) => s.close()));
    throw (failed as PromiseRejectedResult).reason;
  }
  const [agentcoreServer, dataplaneServer, stsServer, githubServer, oidcServer, ecrServer, s3Server] =
    running as RunningService[];
  const urls = {
    agentcore: agentcoreServer.url,
    dataplane: dataplaneServer.url,
    sts: stsServer.url,
    github: githubServer.url,
    oidc: oidcServer.url,
    ecr: ecrServer.url,
    s3: s3Server.url,
  };
  ecrUrl = urls.ecr;

  return {
    urls,
    env: {
      AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL: urls.agentcore,
      AWS_ENDPOINT_URL_BEDROCK_AGENTCORE: urls.dataplane,
      AWS_ENDPOINT_URL_STS: urls.sts,
      AWS_ENDPOINT_URL_ECR: urls.ecr,
      AWS_ENDPOINT_URL_S3: urls.s3,
      AWS_REGION: region,
      ACTIONS_ID_TOKEN_REQUEST_URL: `${urls.oidc}/_apis/idtoken?api-version=2.0`,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: OIDC_REQUEST_TOKEN,
      GITHUB_API_URL: urls.github,
      GITHUB_REPOSITORY: repository,
    },
    requests,
    faults,
    agentcore: agentcore.state,
    sts: sts.state,
    oidc: oidc.state,
    github: github.state,
    ecr: ecr.state,
    s3: s3.state,
    close: async () => {
      await Promise.all(running.map((s) => s.close()));
    },
  };
}

export type { Invocation } from './agentcore/data-plane.js';
export type {
  AgentCoreState,
  InvocationReply,
  InvocationScript,
  Scenario,
  RuntimeSnapshot,
  CreateRejectionName,
} from './agentcore/state.js';
export type { SeedOptions, SeededRuntime } from './agentcore/seed.js';
export type { EcrAction, EcrState, Platform, PushImageOptions } from './ecr.js';
export type { S3Action, S3State } from './s3.js';
export type { RecordedRequest, ServiceFaults, ServiceName } from './http.js';
