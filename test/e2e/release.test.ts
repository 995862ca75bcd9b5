// Release stages end to end (the bundle on Node 24, against the emulator): named endpoints created,
// moved, pinned and rolled back; promotion gated on a smoke invocation of the new version.
import { startEmulator, type Emulator } from '../../emulator/src/index.js';
import { NODE24 } from '../../scripts/run-action.js';
import {
  containerInputs,
  deployWith,
  emulatorClient,
  IMAGE,
  mutatingRequests,
  operationOf,
  pinnedImage,
  ROLE_ARN,
  visibleText,
} from './helpers.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ transitionDelayMs: 300 });
});
afterAll(() => emu.close());

const node = NODE24;
const endpointOf = (name: string, endpoint: string) =>
  emu.agentcore
    .runtimes()
    .find((r) => r.agentRuntimeName === name)
    ?.endpoints.find((e) => e.name === endpoint);
const IMAGE_V2 = IMAGE.replace(':v1', ':v2');
const IMAGE_V3 = IMAGE.replace(':v1', ':v3');
const SPEC = { agentRuntimeArtifact: { containerConfiguration: { containerUri: IMAGE } }, roleArn: ROLE_ARN };
const runtimeCalls = (requests: Parameters<typeof mutatingRequests>[0]) =>
  mutatingRequests(requests)
    .map(operationOf)
    .filter((op) => /AgentRuntime$/.test(op));

test('creates a named endpoint on the new version, then moves it on the next deploy (rolled forward from 1)', async () => {
  const name = 'release_create';
  const first = await deployWith(emu, {
    node,
    inputs: containerInputs(name, { 'endpoint-name': 'production' }),
  });
  expect(first.stderr).toBe('');
  expect(first.code).toBe(0);
  expect(first.outputs).toMatchObject({ 'agent-runtime-version': '1', 'endpoint-version': '1' });
  expect(first.outputs['endpoint-arn']).toMatch(/runtime-endpoint\/production$/);
  expect(endpointOf(name, 'production')).toMatchObject({ status: 'READY', liveVersion: 1 });
  const create = first.requests.find((r) => r.method === 'PUT' && r.path.endsWith('/runtime-endpoints/'));
  expect(JSON.parse(create!.body)).toMatchObject({ name: 'production', agentRuntimeVersion: '1' });

  const second = await deployWith(emu, {
    node,
    inputs: containerInputs(name, { 'endpoint-name': 'production', 'container-uri': IMAGE_V2 }),
  });
  expect(second.code).toBe(0);
  expect(second.outputs).toMatchObject({ 'agent-runtime-version': '2', 'endpoint-version': '2' });
  expect(endpointOf(name, 'production')).toMatchObject({ status: 'READY', liveVersion: 2 });
  const move = second.requests.find(
    (r) => r.method === 'PUT' && r.path.endsWith('/runtime-endpoints/production/'),
  );
  expect(JSON.parse(move!.body)).toMatchObject({ agentRuntimeVersion: '2' });
  expect(second.summary).toContain(
    'rolled forward from 1; to roll back: `endpoint-version: 1`'.replace('rolled', 'Rolled'),
  );
});

test('an unchanged runtime: the endpoint moves to the version already deployed', async () => {
  const name = 'release_unchanged';
  // Deployed as the action deploys it: the tag pinned to its digest (pin-image-digest).
  const deployed = {
    ...SPEC,
    agentRuntimeArtifact: { containerConfiguration: { containerUri: pinnedImage(emu, IMAGE) } },
  };
  emu.agentcore.seed({ name, spec: deployed, versions: 3, endpoints: { production: 1 } });
  const run = await deployWith(emu, {
    node,
    inputs: containerInputs(name, { 'endpoint-name': 'production' }),
  });
  expect(run.code).toBe(0);
  expect(run.outputs).toMatchObject({
    operation: 'none',
    'agent-runtime-version': '3',
    'endpoint-version': '3',
  });
  expect(runtimeCalls(run.requests)).toEqual([]);
  expect(endpointOf(name, 'production')).toMatchObject({ liveVersion: 3 });
});

test('endpoint-version pins / rolls back without touching the runtime, even when the spec differs', async () => {
  const name = 'release_pin';
  emu.agentcore.seed({ name, spec: SPEC, versions: 3, endpoints: { production: 3 } });
  const run = await deployWith(emu, {
    node,
    inputs: containerInputs(name, {
      'endpoint-name': 'production',
      'endpoint-version': '2',
      'container-uri': IMAGE_V3,
    }),
  });
  expect(run.code).toBe(0);
  expect(runtimeCalls(run.requests)).toEqual([]);
  expect(run.stdout).toContain('the runtime is left untouched');
  expect(run.outputs).toMatchObject({
    'endpoint-version': '2',
    'agent-runtime-version': '3',
    changed: 'false',
  });
  expect(endpointOf(name, 'production')).toMatchObject({ status: 'READY', liveVersion: 2 });

  const missing = await deployWith(emu, {
    node,
    inputs: containerInputs(name, { 'endpoint-name': 'production', 'endpoint-version': '9' }),
  });
  expect(missing.code).toBe(1);
  expect(missing.stdout).toContain('has no version 9');
  expect(missing.outputs['failure-reason']).toBe('invalid-input');
  expect(mutatingRequests(missing.requests)).toEqual([]);
});

test.each([
  ['CREATE_FAILED', undefined, ''],
  ['UPDATE_FAILED', 1, '1'],
])(
  'endpoint %s: exit 1 with the service reason; the outputs say what it still serves',
  async (status, live, output) => {
    const name = `release_${status.toLowerCase()}`;
    emu.agentcore.seed({ name, spec: SPEC, versions: 2, ...(live && { endpoints: { production: live } }) });
    emu.agentcore.failNextEndpoint('Endpoint capacity unavailable');
    const run = await deployWith(emu, {
      node,
      inputs: containerInputs(name, { 'endpoint-name': 'production' }),
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`Endpoint production is ${status}: Endpoint capacity unavailable`);
    expect(run.outputs['endpoint-version']).toBe(output);
    expect(run.outputs['failure-reason']).toBe('endpoint-failed');
    expect(endpointOf(name, 'production')).toMatchObject({ status, liveVersion: live });
  },
);

test('smoke test passes, then the endpoint is promoted; the version is invoked by number, in a fresh session', async () => {
  const name = 'release_smoke_pass';
  emu.agentcore.seed({ name, spec: SPEC, endpoints: { production: 1 } });
  emu.agentcore.scriptInvocations({ [name]: { '2': { reply: '{"answer":"pong"}' } } });
  const run = await deployWith(emu, {
    node,
    inputs: containerInputs(name, {
      'container-uri': IMAGE_V2,
      'endpoint-name': 'production',
      'smoke-test-payload': '@smoke/payload.json',
      'smoke-test-expect': '"answer":\\s*"pong"',
    }),
    files: { 'smoke/payload.json': '{"prompt":"ping"}' },
  });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.outputs).toMatchObject({ 'endpoint-version': '2', 'smoke-test-response': '{"answer":"pong"}' });
  const invoked = emu.agentcore.invoked.filter((i) => i.runtimeName === name);
  expect(invoked).toHaveLength(1);
  expect(invoked[0]).toMatchObject({
    qualifier: '2',
    version: 2,
    auth: 'sigv4',
    payload: '{"prompt":"ping"}',
  });
  expect(invoked[0].sessionId.length).toBeGreaterThanOrEqual(33);
  // The smoke test came before the move.
  const invokeAt = run.requests.findIndex((r) => r.service === 'dataplane');
  const moveAt = run.requests.findIndex((r) => r.method === 'PUT' && r.path.includes('/runtime-endpoints/'));
  expect(invokeAt).toBeGreaterThan(-1);
  expect(moveAt).toBeGreaterThan(invokeAt);
});

test.each([
  [
    'an error',
    { error: { message: 'Runtime initialization time exceeded' } },
    {},
    'Runtime initialization time exceeded',
  ],
  [
    'no match',
    { reply: '{"answer":"wrong"}' },
    { 'smoke-test-expect': 'pong' },
    'does not match smoke-test-expect',
  ],
  ['a hang', { hang: true }, { 'smoke-test-timeout': '3s' }, 'no answer within 3s'],
] as const)(
  'smoke test fails (%s): exit 1 and the endpoint stays where it was',
  async (label, reply, extra, message) => {
    const name = `release_smoke_${label.replace(/\W+/g, '_')}`;
    emu.agentcore.seed({ name, spec: SPEC, endpoints: { production: 1 } });
    emu.agentcore.scriptInvocations({ [name]: { '2': reply as never } });
    const started = Date.now();
    const run = await deployWith(emu, {
      node,
      inputs: containerInputs(name, {
        'container-uri': IMAGE_V2,
        'endpoint-name': 'production',
        'smoke-test-payload': '{"prompt":"ping"}',
        ...extra,
      }),
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('The smoke test of version 2 failed');
    expect(run.outputs['failure-reason']).toBe('smoke-failed');
    expect(run.stdout).toContain(message);
    expect(run.requests.filter((r) => r.method === 'PUT' && r.path.includes('/runtime-endpoints/'))).toEqual(
      [],
    );
    expect(endpointOf(name, 'production')).toMatchObject({ liveVersion: 1, targetVersion: 1 });
    expect(run.outputs).toMatchObject({ 'agent-runtime-version': '2', 'endpoint-version': '1' });
    expect(run.summary).toContain('Version 2 exists but was **not promoted**');
    expect(run.summary).toContain('`endpoint-version: 2`');
    expect(run.summary).toContain('`endpoint-version: 1`');
    if (label === 'a hang') expect(Date.now() - started).toBeLessThan(30_000);
  },
);

test('a JWT runtime without smoke-test-bearer-token is refused before any change; with it, the token is sent and never shown', async () => {
  const name = 'release_jwt';
  const jwt = {
    'jwt-discovery-url': 'https://issuer.example.com/.well-known/openid-configuration',
    'jwt-allowed-clients': 'ci',
  };
  const refused = await deployWith(emu, {
    node,
    inputs: containerInputs(name, { ...jwt, 'endpoint-name': 'production', 'smoke-test-payload': '{}' }),
  });
  expect(refused.code).toBe(1);
  expect(refused.stdout).toContain('smoke-test-bearer-token');
  expect(refused.stdout).toContain('smoke-test-payload');
  expect(refused.requests.filter((r) => r.service === 'agentcore')).toEqual([]);
  expect(refused.outputs['failure-reason']).toBe('invalid-input');

  const token = 'eyJhbGciOiJSUzI1NiJ9.secret-bearer-token.sig';
  const run = await deployWith(emu, {
    node,
    inputs: containerInputs(name, {
      ...jwt,
      'endpoint-name': 'production',
      'smoke-test-payload': '{}',
      'smoke-test-bearer-token': token,
    }),
  });
  expect(run.code).toBe(0);
  expect(emu.agentcore.invoked.filter((i) => i.runtimeName === name).map((i) => i.auth)).toEqual(['bearer']);
  expect(run.stdout).toContain(`::add-mask::${token}`);
  expect(visibleText(run)).not.toContain(token);
});

test('an 11th endpoint is refused before any change, listing the existing ones', async () => {
  const name = 'release_quota';
  const endpoints = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`stage_${i + 1}`, 1]));
  emu.agentcore.seed({ name, spec: SPEC, endpoints });
  const run = await deployWith(emu, {
    node,
    inputs: containerInputs(name, { 'endpoint-name': 'production', 'container-uri': IMAGE_V2 }),
  });
  expect(run.code).toBe(1);
  expect(run.stdout).toContain("the service's limit is 10");
  expect(run.stdout).toContain('stage_9 (version 1)');
  expect(run.outputs['failure-reason']).toBe('endpoint-failed');
  expect(mutatingRequests(run.requests)).toEqual([]);
});

test('plan mode shows the endpoint moves, which endpoints stay, and that a smoke test gates the move', async () => {
  const name = 'release_plan';
  emu.agentcore.seed({ name, spec: SPEC, versions: 3, endpoints: { production: 2, staging: 3 } });
  const run = await deployWith(emu, {
    node,
    inputs: containerInputs(name, {
      mode: 'plan',
      'endpoint-name': 'production',
      'container-uri': IMAGE_V2,
      'smoke-test-payload': '{"prompt":"ping"}',
    }),
  });
  expect(run.code).toBe(0);
  expect(mutatingRequests(run.requests)).toEqual([]);
  const markdown = run.outputs['plan-markdown'];
  expect(markdown).toContain(
    '| `production` | 2 | **4** (moved by this deploy, after the smoke test passes) |',
  );
  expect(markdown).toContain('| `DEFAULT` | 3 | 4 (moved by the service');
  expect(markdown).toContain('| `staging` | 3 | 3 (stays) |');
  expect(markdown).toContain('before `production` moves; if it fails, `production` stays on version 2.');
  expect(run.summary).toContain('| Endpoint | Now | After this deploy |');
  expect(JSON.parse(run.outputs['plan-json']).release).toMatchObject({
    endpointName: 'production',
    version: '4',
    versionIsNew: true,
    smokeTest: true,
  });
});

test('plan mode with endpoint-version: "pin/roll back, runtime untouched"; a missing version is named', async () => {
  const name = 'release_plan_pin';
  emu.agentcore.seed({ name, spec: SPEC, versions: 3, endpoints: { production: 3 } });
  const plan = (version: string) =>
    deployWith(emu, {
      node,
      inputs: containerInputs(name, {
        mode: 'plan',
        'endpoint-name': 'production',
        'endpoint-version': version,
        'container-uri': IMAGE_V3,
      }),
    });
  const run = await plan('2');
  expect(run.code).toBe(0);
  expect(mutatingRequests(run.requests)).toEqual([]);
  const markdown = run.outputs['plan-markdown'];
  expect(markdown).toContain(
    `### 📌 \`${name}\`: pin/roll back \`production\` to version 2, runtime untouched`,
  );
  expect(markdown).toContain('| `production` | 3 | **2** (pinned by this deploy) |');
  expect(markdown).toContain('none of the differences below are deployed by this run');
  expect(run.stdout).toContain('Plan: pin/roll back production to version 2, runtime untouched.');

  const missing = await plan('9');
  expect(missing.code).toBe(0);
  expect(missing.outputs['plan-markdown']).toContain(
    'A deploy would stop before any change:** endpoint-version 9',
  );
  expect(missing.stdout).toContain('has no version 9');
});

test('an endpoint that another deploy is moving is waited for, then moved', async () => {
  const name = 'release_busy';
  emu.agentcore.seed({ name, spec: SPEC, versions: 3, endpoints: { production: 3 } });
  emu.agentcore.transitionDelayMs = 4000;
  try {
    const { UpdateAgentRuntimeEndpointCommand } = await import('@aws-sdk/client-bedrock-agentcore-control');
    const id = emu.agentcore.runtimes().find((r) => r.agentRuntimeName === name)!.agentRuntimeId;
    await emulatorClient(emu).send(
      new UpdateAgentRuntimeEndpointCommand({
        agentRuntimeId: id,
        endpointName: 'production',
        agentRuntimeVersion: '2',
      }),
    );
    expect(endpointOf(name, 'production')).toMatchObject({ status: 'UPDATING' });
    const run = await deployWith(emu, {
      node,
      inputs: containerInputs(name, { 'endpoint-name': 'production', 'endpoint-version': '1' }),
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'Endpoint production is being moved by another deploy; waiting for that move to settle first.',
    );
    expect(run.requests.filter((r) => r.status === 409)).toEqual([]);
    expect(endpointOf(name, 'production')).toMatchObject({ status: 'READY', liveVersion: 1 });
    // It moved from what the other deploy left it on, and says so.
    expect(run.summary).toContain('Moved from 2; to roll back: `endpoint-version: 2`');
  } finally {
    emu.agentcore.transitionDelayMs = 300;
  }
});
