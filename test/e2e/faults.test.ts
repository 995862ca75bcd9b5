// Faults on every call the action makes, through the bundled action: AgentCore, STS, the OIDC token
// endpoint and GitHub. A burst of throttles, of 5xx or of dropped connections aimed at each call in turn
// is survived. (A persistent failure: faults-persistent.test.ts; the two files run in parallel.)
import { startEmulator, type Emulator, type ServiceName } from '../../emulator/src/index.js';
import type { RecordedRequest } from '../../emulator/src/index.js';
import { callOf, containerInputs, DEPLOY_ROLE, deployWith, oidcEnvOf } from './helpers.js';

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

const oidcEnv = () => oidcEnvOf(emu);

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
