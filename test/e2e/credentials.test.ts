// Credentials end to end: GitHub OIDC -> STS AssumeRoleWithWebIdentity -> signed AgentCore calls.
import { startEmulator, type Emulator } from '../../emulator/src/index.js';
import { awsRequests, containerInputs, DEPLOY_ROLE, deployWith, oidcEnvOf, visibleText } from './helpers.js';

let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator({ transitionDelayMs: 300 });
});
afterAll(() => emu.close());

const oidcEnv = () => oidcEnvOf(emu);

test('assumes the role with a GitHub OIDC token and signs every AgentCore call with the session', async () => {
  const assumedBefore = emu.sts.assumed.length;
  const run = await deployWith(emu, {
    inputs: containerInputs('oidc_agent', { 'role-to-assume': DEPLOY_ROLE }),
    env: oidcEnv(),
  });
  expect(run.code).toBe(0);
  const assumed = emu.sts.assumed.slice(assumedBefore);
  expect(assumed[0]).toMatchObject({
    roleArn: DEPLOY_ROLE,
    roleSessionName: 'GitHubActions',
    durationSeconds: 3600,
  });
  const sessionKeys = new Set(assumed.map((a) => a.accessKeyId));
  const signedWith = run.requests
    .filter((r) => r.service === 'agentcore')
    .map((r) => /Credential=([^/]+)/.exec(String(r.headers.authorization))?.[1]);
  expect(signedWith.length).toBeGreaterThan(0);
  for (const key of signedWith) expect(sessionKeys.has(key!)).toBe(true);
  const oidcCalls = run.requests.filter((r) => r.service === 'oidc');
  expect(oidcCalls[0].query.audience).toEqual(['sts.amazonaws.com']);
  // The token and the session's secrets never reach the log.
  const text = visibleText(run);
  for (const issued of emu.oidc.issued) expect(text).not.toContain(issued.token);
});

test('a wait that outlives the role session re-assumes it with a fresh OIDC token', async () => {
  emu.sts.credentialsTtlSeconds = 1;
  emu.agentcore.transitionDelayMs = 3500;
  try {
    const oidcBefore = emu.oidc.issued.length;
    const assumedBefore = emu.sts.assumed.length;
    const run = await deployWith(emu, {
      inputs: containerInputs('long_wait_agent', { 'role-to-assume': DEPLOY_ROLE }),
      env: oidcEnv(),
    });
    expect(run.code).toBe(0);
    expect(run.outputs.status).toBe('READY');
    expect(emu.sts.assumed.length - assumedBefore).toBeGreaterThan(1);
    expect(emu.oidc.issued.length - oidcBefore).toBe(emu.sts.assumed.length - assumedBefore);
    expect(run.requests.filter((r) => r.status === 403)).toEqual([]);
  } finally {
    emu.sts.credentialsTtlSeconds = undefined;
    emu.agentcore.transitionDelayMs = 300;
  }
});

test('without the id-token permission it says what to add, before any AWS call', async () => {
  const run = await deployWith(emu, {
    inputs: containerInputs('no_oidc_agent', { 'role-to-assume': DEPLOY_ROLE }),
    env: { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined },
  });
  expect(run.code).toBe(1);
  expect(run.stdout).toContain('permissions: id-token: write');
  expect(awsRequests(run.requests)).toEqual([]);
});

test.each([503, 500])('an OIDC endpoint that answers %d three times in a row is retried', async (status) => {
  emu.oidc.failNext = 3;
  emu.oidc.failStatus = status;
  const run = await deployWith(emu, {
    inputs: containerInputs(`oidc_retry_${status}`, { 'role-to-assume': DEPLOY_ROLE }),
    env: oidcEnv(),
  });
  expect(run.code).toBe(0);
  expect(emu.oidc.failNext).toBe(0);
});

test('STS throttling three times in a row is retried', async () => {
  emu.faults.sts.throttle = 3;
  const run = await deployWith(emu, {
    inputs: containerInputs('sts_throttled_agent', { 'role-to-assume': DEPLOY_ROLE }),
    env: oidcEnv(),
  });
  expect(run.code).toBe(0);
  expect(run.requests.filter((r) => r.service === 'sts' && r.status === 400)).toHaveLength(3);
});

test('without role-to-assume the default credential chain is used (e.g. after configure-aws-credentials)', async () => {
  const run = await deployWith(emu, { inputs: containerInputs('static_agent') });
  expect(run.code).toBe(0);
  expect(run.requests.filter((r) => r.service === 'sts' || r.service === 'oidc')).toEqual([]);
});

test('a trust policy that refuses the token: the claims it matches on beside the role, never the token', async () => {
  // A job with `environment: production` gets this sub; the policy only admits the main branch.
  emu.sts.allowedSubjects = ['repo:octo-org/agents:ref:refs/heads/main'];
  emu.oidc.claims = { sub: 'repo:octo-org/agents:environment:production' };
  try {
    const run = await deployWith(emu, {
      inputs: containerInputs('refused_agent', { 'role-to-assume': DEPLOY_ROLE }),
      env: oidcEnv(),
    });
    expect(run.code).toBe(1);
    const error = run.stdout.split('\n').find((l) => l.startsWith('::error::'))!;
    expect(error).toContain(`STS AssumeRoleWithWebIdentity for ${DEPLOY_ROLE} was refused`);
    expect(error).toContain('AccessDenied');
    expect(error).toContain('sub "repo:octo-org/agents:environment:production"');
    expect(error).toContain('aud "sts.amazonaws.com"');
    expect(error).toContain('repository "octo-org/agents"');
    expect(error).toMatch(/environment:NAME.*pull_request.*case-sensitive/);
    for (const issued of emu.oidc.issued) expect(visibleText(run)).not.toContain(issued.token);
    expect(awsRequests(run.requests).filter((r) => r.service === 'agentcore')).toEqual([]);
  } finally {
    emu.sts.allowedSubjects = undefined;
    emu.oidc.claims = {};
  }
});

test('STS failing on every attempt: exit 1 naming the call and the cause', async () => {
  emu.faults.sts.serverErrors = 1000;
  try {
    const run = await deployWith(emu, {
      inputs: containerInputs('sts_down_agent', { 'role-to-assume': DEPLOY_ROLE }),
      env: oidcEnv(),
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /::error::STS AssumeRoleWithWebIdentity for \S+ failed after retries: InternalFailure \(HTTP 500\)/,
    );
  } finally {
    emu.faults.sts.serverErrors = 0;
  }
});

test('one role session signs every client of a release: control plane, ECR and the data plane', async () => {
  const assumedBefore = emu.sts.assumed.length;
  const oidcBefore = emu.oidc.issued.length;
  const run = await deployWith(emu, {
    inputs: containerInputs('oidc_release_agent', {
      'role-to-assume': DEPLOY_ROLE,
      'endpoint-name': 'production',
      'smoke-test-payload': '{"prompt":"ping"}',
    }),
    env: oidcEnv(),
  });
  expect(run.code).toBe(0);
  expect(run.outputs['endpoint-version']).toBe('1');
  // Each SDK client caches credentials on its own; the action shares one provider so the role is
  // assumed once, with one OIDC token, however many clients a run loads.
  expect(emu.sts.assumed.length - assumedBefore).toBe(1);
  expect(emu.oidc.issued.length - oidcBefore).toBe(1);
  const sessionKey = emu.sts.assumed[assumedBefore].accessKeyId;
  const signed = run.requests.filter((r) => /Credential=/.test(String(r.headers.authorization ?? '')));
  const services = new Set(signed.map((r) => r.service));
  expect(services).toEqual(new Set(['agentcore', 'ecr', 'dataplane']));
  for (const request of signed)
    expect(/Credential=([^/]+)/.exec(String(request.headers.authorization))?.[1]).toBe(sessionKey);
});
