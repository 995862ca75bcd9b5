// startEmulator as a whole: the environment a runner would have, OIDC -> STS -> AgentCore with the
// SDK's own credential provider, and expiry of STS-issued keys (a long wait must re-obtain credentials).
import {
  BedrockAgentCoreControlClient,
  CreateAgentRuntimeCommand,
  ListAgentRuntimesCommand,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { fromWebToken } from '@aws-sdk/credential-provider-web-identity';
import { startEmulator, type Emulator } from '../src/index.js';
import { containerRuntime, failure, sleep } from './agentcore-fixtures.js';

const ROLE_ARN = 'arn:aws:iam::123456789012:role/GitHubDeployRole';
let emu: Emulator;
const saved = { ...process.env };

beforeAll(async () => {
  emu = await startEmulator({ transitionDelayMs: 20, region: 'eu-west-1' });
});
afterAll(() => emu.close());
beforeEach(() => Object.assign(process.env, emu.env));
afterEach(() => {
  for (const key of Object.keys(emu.env))
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
});

async function oidcToken(): Promise<string> {
  // As @actions/core's getIDToken asks for it.
  const res = await fetch(`${process.env.ACTIONS_ID_TOKEN_REQUEST_URL}&audience=sts.amazonaws.com`, {
    headers: { authorization: `Bearer ${process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}` },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { value: string }).value;
}

const webIdentity = (token: string) =>
  fromWebToken({
    roleArn: ROLE_ARN,
    webIdentityToken: token,
    roleSessionName: 'agentcore-deploy',
    clientConfig: { region: 'eu-west-1' },
  });

describe('startEmulator', () => {
  it('runs seven services and gives the environment a runner and the SDK would see', () => {
    expect(new Set(Object.values(emu.urls)).size).toBe(7);
    expect(emu.env).toEqual({
      AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL: emu.urls.agentcore,
      AWS_ENDPOINT_URL_BEDROCK_AGENTCORE: emu.urls.dataplane,
      AWS_ENDPOINT_URL_STS: emu.urls.sts,
      AWS_ENDPOINT_URL_ECR: emu.urls.ecr,
      AWS_ENDPOINT_URL_S3: emu.urls.s3,
      AWS_REGION: 'eu-west-1',
      ACTIONS_ID_TOKEN_REQUEST_URL: expect.stringMatching(new RegExp(`^${emu.urls.oidc}/_apis/idtoken\\?`)),
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: expect.any(String),
      GITHUB_API_URL: emu.urls.github,
      GITHUB_REPOSITORY: 'octo-org/agents',
    });
    expect(emu.agentcore.region).toBe('eu-west-1');
    expect(emu.agentcore.transitionDelayMs).toBe(20);
  });

  it('takes an OIDC token through STS to AgentCore, using only the environment for endpoints', async () => {
    const client = new BedrockAgentCoreControlClient({
      region: 'eu-west-1',
      credentials: webIdentity(await oidcToken()),
    });
    try {
      const created = await client.send(new CreateAgentRuntimeCommand(containerRuntime('from_oidc')));
      expect(created.agentRuntimeArn).toContain(':eu-west-1:123456789012:runtime/from_oidc-');
    } finally {
      client.destroy();
    }
    const issued = emu.sts.assumed.at(-1)!;
    expect(issued.roleArn).toBe(ROLE_ARN);
    expect(emu.agentcore.accessKeyIds.at(-1)).toBe(issued.accessKeyId);
    expect(emu.requests.map((r) => r.service)).toEqual(expect.arrayContaining(['oidc', 'sts', 'agentcore']));
    expect(emu.requests.findIndex((r) => r.service === 'sts')).toBeLessThan(
      emu.requests.findIndex((r) => r.service === 'agentcore'),
    );
  });

  it('refuses an expired STS key, while the SDK credential provider re-obtains fresh ones', async () => {
    emu.sts.credentialsTtlSeconds = 1;
    try {
      const token = await oidcToken();
      const frozen = await webIdentity(token)();
      const provider = new BedrockAgentCoreControlClient({
        region: 'eu-west-1',
        credentials: webIdentity(token),
      });
      const fixed = new BedrockAgentCoreControlClient({ region: 'eu-west-1', credentials: frozen });
      try {
        await fixed.send(new ListAgentRuntimesCommand({}));
        // STS rounds the expiration up to a whole second.
        await sleep(frozen.expiration!.getTime() - Date.now() + 50);
        const err = await failure(fixed.send(new ListAgentRuntimesCommand({})));
        expect(err.name).toBe('ExpiredTokenException');
        expect(err.message).toBe('The security token included in the request is expired');

        const assumedBefore = emu.sts.assumed.length;
        await provider.send(new ListAgentRuntimesCommand({}));
        expect(emu.sts.assumed.length).toBeGreaterThan(assumedBefore);
        expect(emu.agentcore.accessKeyIds.at(-1)).not.toBe(frozen.accessKeyId);
      } finally {
        provider.destroy();
        fixed.destroy();
      }
    } finally {
      emu.sts.credentialsTtlSeconds = undefined;
    }
  });

  it('keeps one request log and one fault set per service', async () => {
    emu.faults.agentcore.throttle = 1;
    const client = new BedrockAgentCoreControlClient({
      region: 'eu-west-1',
      maxAttempts: 1,
      credentials: { accessKeyId: 'AKIACOMPOSE000000001', secretAccessKey: 's' },
    });
    try {
      const err = await failure(client.send(new ListAgentRuntimesCommand({})));
      expect(err.name).toBe('ThrottlingException');
    } finally {
      client.destroy();
    }
    expect(emu.requests.at(-1)).toMatchObject({ service: 'agentcore', status: 429 });
    expect(emu.faults.sts.throttle).toBe(0);
  });
});
