// Faults on every call the action makes, through the bundled action: AgentCore, STS, the OIDC token
// endpoint and GitHub. A burst of throttles, of 5xx or of dropped connections aimed at each call in turn
// is survived; a persistent failure ends the run with exit 1 (a warning, for the optional PR comment)
// naming the call and its cause.
import { startEmulator, type Emulator, type ServiceName } from '../../emulator/src/index.js';
import type { RecordedRequest } from '../../emulator/src/index.js';
import { containerInputs, deployWith, operationOf } from './helpers.js';

const DEPLOY_ROLE = 'arn:aws:iam::123456789012:role/GitHubDeployAgentCore';
const TOKEN = 'ghs_emulatortoken';
const BURST = 3;
type Fault = 'throttle' | 'serverErrors' | 'dropConnections';
const FAULTS: Fault[] = ['throttle', 'serverErrors', 'dropConnections'];
const SERVICES: ServiceName[] = ['agentcore', 'sts', 'oidc', 'github'];

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ transitionDelayMs: 300 });
});
afterAll(() => emu.close());

const oidcEnv = () => ({
  AWS_ACCESS_KEY_ID: undefined,
  AWS_SECRET_ACCESS_KEY: undefined,
  ACTIONS_ID_TOKEN_REQUEST_URL: emu.env.ACTIONS_ID_TOKEN_REQUEST_URL,
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: emu.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN,
});

/** The call a request makes, across services (GitHub paths without their numbers). */
const callOf = (r: { service: ServiceName; method: string; path: string }): string =>
  r.service === 'agentcore'
    ? operationOf(r as RecordedRequest)
    : r.service === 'github'
      ? `${r.method} ${r.path.replace(/\d+/g, 'N')}`
      : r.service;

/**
 * Aims `fault` at the first BURST requests of every distinct call of every service, for one run. The
 * decision reads the request log (each request is logged before its fault is decided), so it holds
 * however often it is asked.
 */
async function withBurstOnEveryCall<T>(fault: Fault, run: () => Promise<T>): Promise<T> {
  const mark = emu.requests.length;
  for (const service of SERVICES) {
    emu.faults[service][fault] = 1_000_000;
    emu.faults[service].onlyFor = (req) => {
      const call = callOf({ service, ...req });
      const seen = emu.requests.slice(mark).filter((r) => r.service === service && callOf(r) === call);
      return seen.length <= BURST;
    };
  }
  try {
    return await run();
  } finally {
    for (const service of SERVICES) {
      emu.faults[service][fault] = 0;
      emu.faults[service].onlyFor = undefined;
    }
  }
}

const failedStatus: Record<Fault, (status: number) => boolean> = {
  throttle: (s) => s === 429 || s === 400,
  serverErrors: (s) => s >= 500,
  dropConnections: (s) => s === 0,
};

/** Which calls met how many faults, from the requests of one run. */
function faultsMet(requests: RecordedRequest[], fault: Fault): Record<string, number> {
  const met: Record<string, number> = {};
  for (const r of requests)
    if (failedStatus[fault](r.status))
      met[`${r.service} ${callOf(r)}`] = (met[`${r.service} ${callOf(r)}`] ?? 0) + 1;
  return met;
}

describe.each(FAULTS)('a burst of %s on every call', (fault) => {
  test('a deploy (OIDC, STS, create, wait, then an update with tag changes) survives it', async () => {
    const name = `faulty_${fault.toLowerCase()}`;
    const first = await withBurstOnEveryCall(fault, () =>
      deployWith(emu, {
        inputs: containerInputs(name, { 'role-to-assume': DEPLOY_ROLE, tags: 'team=a' }),
        env: oidcEnv(),
      }),
    );
    expect(first.stdout).not.toContain('::error');
    expect(first.code).toBe(0);
    expect(first.outputs).toMatchObject({ operation: 'create', status: 'READY' });
    const met = faultsMet(first.requests, fault);
    for (const call of [
      'oidc oidc',
      'sts sts',
      'agentcore ListAgentRuntimes',
      'agentcore CreateAgentRuntime',
      'agentcore GetAgentRuntime',
    ])
      expect([call, met[call]]).toEqual([call, BURST]);

    const second = await withBurstOnEveryCall(fault, () =>
      deployWith(emu, {
        inputs: containerInputs(name, {
          'role-to-assume': DEPLOY_ROLE,
          tags: 'owner=b',
          description: 'updated',
        }),
        env: oidcEnv(),
      }),
    );
    expect(second.stdout).not.toContain('::error');
    expect(second.code).toBe(0);
    expect(second.outputs).toMatchObject({
      operation: 'update',
      status: 'READY',
      'agent-runtime-version': '2',
    });
    const metAgain = faultsMet(second.requests, fault);
    for (const call of [
      'agentcore UpdateAgentRuntime',
      'agentcore TagResource',
      'agentcore UntagResource',
      'agentcore ListTagsForResource',
    ])
      expect([call, metAgain[call]]).toEqual([call, BURST]);
  }, 180_000);

  test('a plan on a pull request (list, GET /user, update the comment) survives it', async () => {
    const pr = 500 + FAULTS.indexOf(fault);
    emu.github.seedPullRequest({ number: pr });
    const name = `faulty_plan_${fault.toLowerCase()}`;
    const planOn = (description: string) =>
      deployWith(emu, {
        eventName: 'pull_request',
        event: { pull_request: { number: pr } },
        githubToken: TOKEN,
        inputs: { ...containerInputs(name, { description }), mode: 'plan' },
      });
    expect((await planOn('first')).code).toBe(0);
    const run = await withBurstOnEveryCall(fault, () => planOn('second'));
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(/::warning::/);
    const met = faultsMet(run.requests, fault);
    for (const call of [
      'github GET /repos/octo-org/agents/issues/N/comments',
      'github GET /user',
      'github PATCH /repos/octo-org/agents/issues/comments/N',
    ])
      expect([call, met[call]]).toEqual([call, BURST]);
    expect(emu.github.comments(pr).filter((c) => c.body.includes('second'))).toHaveLength(1);
  }, 120_000);
});

describe('a persistent failure ends the run naming the call and the cause', () => {
  const persistent = async (service: ServiceName, call: string, run: () => ReturnType<typeof deployWith>) => {
    emu.faults[service].serverErrors = 1_000_000;
    emu.faults[service].onlyFor = (req) => callOf({ service, ...req }) === call;
    try {
      return await run();
    } finally {
      emu.faults[service].serverErrors = 0;
      emu.faults[service].onlyFor = undefined;
    }
  };

  test.each([
    [
      'ListAgentRuntimes',
      /::error::ListAgentRuntimes failed after 6 attempts: InternalServerException \(HTTP 500\)/,
    ],
    [
      'CreateAgentRuntime',
      /::error::CreateAgentRuntime failed after 6 attempts: InternalServerException \(HTTP 500\)/,
    ],
  ])('%s', async (call, message) => {
    const run = await persistent('agentcore', call, () =>
      deployWith(emu, { inputs: containerInputs(`down_${call.toLowerCase()}`) }),
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(message);
  });

  test('the OIDC token endpoint', async () => {
    const run = await persistent('oidc', 'oidc', () =>
      deployWith(emu, {
        inputs: containerInputs('down_oidc', { 'role-to-assume': DEPLOY_ROLE }),
        env: oidcEnv(),
      }),
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/::error::GitHub OIDC token request failed: .*500/);
  });

  test('STS', async () => {
    const run = await persistent('sts', 'sts', () =>
      deployWith(emu, {
        inputs: containerInputs('down_sts', { 'role-to-assume': DEPLOY_ROLE }),
        env: oidcEnv(),
      }),
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /::error::STS AssumeRoleWithWebIdentity for \S+ failed after retries: InternalFailure \(HTTP 500\)/,
    );
  });

  test('GitHub: the comment is optional, so a warning naming the call and its status, and exit 0', async () => {
    emu.github.seedPullRequest({ number: 599 });
    const run = await persistent('github', 'GET /repos/octo-org/agents/issues/N/comments', () =>
      deployWith(emu, {
        eventName: 'pull_request',
        event: { pull_request: { number: 599 } },
        githubToken: TOKEN,
        inputs: { ...containerInputs('down_github'), mode: 'plan' },
      }),
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /::warning::Could not post the plan on the pull request: GET \/repos\/octo-org\/agents\/issues\/599\/comments answered 500/,
    );
  });

  test('GetAgentRuntime inside the wait: tolerated, until 60 s of failed looks without a break', async () => {
    const started = Date.now();
    const run = await persistent('agentcore', 'GetAgentRuntime', () =>
      deployWith(emu, { inputs: containerInputs('down_wait', { 'wait-timeout': '30m' }) }),
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /::error::GetAgentRuntime failed on every look for 6\ds without a break \(InternalServerException \(HTTP 500\): Internal server error\)/,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(60_000);
    expect(Date.now() - started).toBeLessThan(120_000);
  }, 180_000);
});
