// A persistent failure of any call the action makes ends the run with exit 1 (a warning, for the
// optional PR comment) naming the call and its cause, through the bundled action. (Bursts that are
// survived: faults.test.ts.)
import { startEmulator, type Emulator, type ServiceName } from '../../emulator/src/index.js';
import { callOf, containerInputs, DEPLOY_ROLE, deployWith, oidcEnvOf } from './helpers.js';

const TOKEN = 'ghs_emulatortoken';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ transitionDelayMs: 300 });
});
afterAll(() => emu.close());

const oidcEnv = () => oidcEnvOf(emu);

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
