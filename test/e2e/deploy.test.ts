// The deploy path end to end: the bundled dist/index.js, run as a runner runs it, against the emulator.
import { MARKER_TAG_KEY } from '../../src/plan/marker-tag.js';
import {
  BedrockAgentCoreControlClient,
  DeleteAgentRuntimeCommand,
  GetAgentRuntimeCommand,
  type GetAgentRuntimeResponse,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { startEmulator, type Emulator } from '../../emulator/src/index.js';
import { nodeBinaries } from '../../scripts/run-action.js';
import {
  containerInputs,
  deployWith,
  IMAGE,
  mutatingRequests,
  operationOf,
  pinnedImage,
  ROLE_ARN,
  emulatorClient,
  visibleText,
} from './helpers.js';

let emu: Emulator;
let client: BedrockAgentCoreControlClient;

beforeAll(async () => {
  emu = await startEmulator({ transitionDelayMs: 300 });
  client = emulatorClient(emu);
});
afterAll(() => emu.close());

const getRuntime = (id: string): Promise<GetAgentRuntimeResponse> =>
  client.send(new GetAgentRuntimeCommand({ agentRuntimeId: id }));

describe.each(nodeBinaries())('on $name', ({ name: nodeName, path: node }) => {
  const runtimeName = `container_${nodeName.replace(/[^a-z0-9]/gi, '_')}`;

  test('creates a container runtime on a public network, then a re-run changes nothing', async () => {
    const first = await deployWith(emu, {
      node,
      inputs: containerInputs(runtimeName, { tags: 'team=support' }),
    });
    expect(first.code).toBe(0);
    expect(first.outputs).toMatchObject({
      operation: 'create',
      changed: 'true',
      status: 'READY',
      'agent-runtime-version': '1',
    });
    expect(first.outputs['agent-runtime-id']).toMatch(new RegExp(`^${runtimeName}-[a-zA-Z0-9]{10}$`));
    expect(first.outputs['agent-runtime-arn']).toBe(
      `arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/${first.outputs['agent-runtime-id']}`,
    );
    expect(first.outputs['workload-identity-arn']).toContain('workload-identity');
    expect(first.outputs['failure-reason'] ?? '').toBe('');
    expect(first.summary).toContain(runtimeName);
    const runtime = await getRuntime(first.outputs['agent-runtime-id']);
    expect(runtime.networkConfiguration?.networkMode).toBe('PUBLIC');
    // Deployed pinned to the digest the tag names (pin-image-digest defaults to true).
    expect(runtime.agentRuntimeArtifact?.containerConfiguration?.containerUri).toBe(pinnedImage(emu, IMAGE));

    const second = await deployWith(emu, {
      node,
      inputs: containerInputs(runtimeName, { tags: 'team=support' }),
    });
    expect(second.code).toBe(0);
    expect(second.outputs).toMatchObject({
      operation: 'none',
      changed: 'false',
      'agent-runtime-version': '1',
    });
    expect(mutatingRequests(second.requests)).toEqual([]);
  });
});

test('creates from S3 code with an entry point and a managed runtime', async () => {
  const run = await deployWith(emu, {
    inputs: {
      mode: 'deploy',
      'agent-runtime-name': 'code_agent',
      'role-arn': ROLE_ARN,
      'code-s3-bucket': 'my-agent-artifacts',
      'code-s3-prefix': 'code_agent/abc123.zip',
      'code-entry-point': 'main.py',
      'code-runtime': 'PYTHON_3_13',
    },
  });
  expect(run.code).toBe(0);
  const runtime = await getRuntime(run.outputs['agent-runtime-id']);
  expect(runtime.agentRuntimeArtifact?.codeConfiguration).toEqual({
    code: { s3: { bucket: 'my-agent-artifacts', prefix: 'code_agent/abc123.zip' } },
    entryPoint: ['main.py'],
    runtime: 'PYTHON_3_13',
  });
});

test('creates a VPC runtime', async () => {
  const run = await deployWith(emu, {
    inputs: containerInputs('vpc_agent', {
      'network-mode': 'VPC',
      subnets: 'subnet-0a1b2c3d4e5f67890, subnet-0f1e2d3c4b5a69788',
      'security-groups': 'sg-0123456789abcdef0',
    }),
  });
  expect(run.code).toBe(0);
  const runtime = await getRuntime(run.outputs['agent-runtime-id']);
  expect(runtime.networkConfiguration).toEqual({
    networkMode: 'VPC',
    networkModeConfig: {
      subnets: ['subnet-0a1b2c3d4e5f67890', 'subnet-0f1e2d3c4b5a69788'],
      securityGroups: ['sg-0123456789abcdef0'],
    },
  });
});

test('creates an MCP server behind a JWT authorizer, with env vars and a header allowlist', async () => {
  const run = await deployWith(emu, {
    inputs: containerInputs('mcp_agent', {
      'server-protocol': 'MCP',
      'jwt-discovery-url': 'https://idp.example.com/.well-known/openid-configuration',
      'jwt-allowed-clients': 'client-a\nclient-b',
      'jwt-allowed-audience': 'api://tools',
      'environment-variables': 'API_KEY=sk-live-0123456789abcdef\nLOG_LEVEL=debug',
      'request-header-allowlist': 'X-Amzn-Bedrock-AgentCore-Runtime-Custom-Tenant',
      'idle-runtime-session-timeout': '600',
      'max-lifetime': '3600',
    }),
  });
  expect(run.code).toBe(0);
  const runtime = await getRuntime(run.outputs['agent-runtime-id']);
  expect(runtime.protocolConfiguration).toEqual({ serverProtocol: 'MCP' });
  expect(runtime.authorizerConfiguration).toEqual({
    customJWTAuthorizer: {
      discoveryUrl: 'https://idp.example.com/.well-known/openid-configuration',
      allowedClients: ['client-a', 'client-b'],
      allowedAudience: ['api://tools'],
    },
  });
  expect(runtime.environmentVariables).toEqual({ API_KEY: 'sk-live-0123456789abcdef', LOG_LEVEL: 'debug' });
  expect(runtime.lifecycleConfiguration).toEqual({ idleRuntimeSessionTimeout: 600, maxLifetime: 3600 });
  // Not even as a mask command: the value is never written anywhere.
  expect(visibleText(run)).not.toContain('sk-live-0123456789abcdef');
  expect(run.stdout).not.toContain('sk-live-0123456789abcdef');
});

test('an update sends the full configuration: what the spec no longer has is cleared, and DEFAULT moves', async () => {
  const name = 'update_agent';
  const first = await deployWith(emu, {
    inputs: containerInputs(name, { description: 'v1', 'environment-variables': 'A=1\nB=2', tags: 'team=a' }),
  });
  expect(first.code).toBe(0);
  const second = await deployWith(emu, {
    inputs: containerInputs(name, { 'container-uri': IMAGE.replace(':v1', ':v2'), tags: 'team=a' }),
  });
  expect(second.code).toBe(0);
  expect(second.outputs).toMatchObject({
    operation: 'update',
    changed: 'true',
    'agent-runtime-version': '2',
    status: 'READY',
  });
  expect(mutatingRequests(second.requests).map(operationOf)).toEqual(['UpdateAgentRuntime']);
  const runtime = await getRuntime(second.outputs['agent-runtime-id']);
  expect(runtime.description).toBeUndefined();
  expect(runtime.environmentVariables ?? {}).toEqual({});
  const snapshot = emu.agentcore.runtimes().find((r) => r.agentRuntimeName === name)!;
  expect(snapshot.endpoints.find((e) => e.name === 'DEFAULT')?.liveVersion).toBe(2);
  expect(second.outputs['plan-json']).toContain('description');
});

test('a tag-only change tags and untags without a new version', async () => {
  const name = 'tag_agent';
  expect((await deployWith(emu, { inputs: containerInputs(name, { tags: 'team=a\nold=x' }) })).code).toBe(0);
  const run = await deployWith(emu, { inputs: containerInputs(name, { tags: 'team=b\nnew=y' }) });
  expect(run.code).toBe(0);
  expect(run.outputs).toMatchObject({ operation: 'update', changed: 'true', 'agent-runtime-version': '1' });
  expect(mutatingRequests(run.requests).map(operationOf).sort()).toEqual(['TagResource', 'UntagResource']);
  // No new version, so nothing to wait for: the one GetAgentRuntime is the plan's read.
  expect(run.requests.map(operationOf).filter((op) => op.startsWith('Get'))).toEqual(['GetAgentRuntime']);
  expect(emu.agentcore.runtimes().find((r) => r.agentRuntimeName === name)?.tags).toEqual({
    team: 'b',
    new: 'y',
    [MARKER_TAG_KEY]: 'true', // never removed by the reconciliation
  });

  // No tags anywhere: existing tags are left alone.
  const untouched = await deployWith(emu, { inputs: containerInputs(name) });
  expect(untouched.outputs).toMatchObject({ operation: 'none', changed: 'false' });
  expect(mutatingRequests(untouched.requests)).toEqual([]);
});

test('finds its runtime past 250 others, on the last page', async () => {
  emu.agentcore.seed({ count: 260, namePrefix: 'filler' });
  const name = 'paged_agent';
  emu.agentcore.seed({
    name,
    spec: {
      agentRuntimeArtifact: { containerConfiguration: { containerUri: pinnedImage(emu, IMAGE) } },
      roleArn: ROLE_ARN,
    },
  });
  const run = await deployWith(emu, { inputs: containerInputs(name) });
  expect(run.code).toBe(0);
  expect(run.outputs.operation).toBe('none');
  const lists = run.requests.filter((r) => operationOf(r) === 'ListAgentRuntimes');
  expect(lists.length).toBeGreaterThanOrEqual(3);
  expect(mutatingRequests(run.requests)).toEqual([]);
});

test('CREATE_FAILED fails the step with the service’s reason, and still sets the outputs', async () => {
  emu.agentcore.failNextCreate('Image pull failed: manifest for support-agent:v1 not found (arm64)');
  const run = await deployWith(emu, { inputs: containerInputs('failing_agent') });
  expect(run.code).toBe(1);
  expect(run.stdout).toContain('CREATE_FAILED');
  expect(run.stdout).toContain('Image pull failed: manifest for support-agent:v1 not found (arm64)');
  expect(run.outputs['agent-runtime-id']).toMatch(/^failing_agent-/);
  expect(run.outputs.status).toBe('CREATE_FAILED');
  expect(run.outputs['failure-reason']).toBe('runtime-failed');
});

test('UPDATE_FAILED fails the step with the service’s reason', async () => {
  const name = 'update_failing';
  expect((await deployWith(emu, { inputs: containerInputs(name) })).code).toBe(0);
  emu.agentcore.failNextUpdate('Health check failed on port 8080');
  const run = await deployWith(emu, { inputs: containerInputs(name, { description: 'new' }) });
  expect(run.code).toBe(1);
  expect(run.stdout).toContain('UPDATE_FAILED');
  expect(run.stdout).toContain('Health check failed on port 8080');
  expect(run.outputs['failure-reason']).toBe('runtime-failed');
});

test('a wait that runs out fails with where the runtime stood', async () => {
  emu.agentcore.transitionDelayMs = 20_000;
  try {
    const run = await deployWith(emu, { inputs: containerInputs('slow_agent', { 'wait-timeout': '2s' }) });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /Timed out after 2s waiting for READY: the runtime is still CREATING \(version 1\)/,
    );
    expect(run.outputs.operation).toBe('create');
    expect(run.outputs['failure-reason']).toBe('timeout');
  } finally {
    emu.agentcore.transitionDelayMs = 300;
  }
});

test('wait-for-ready: false reports the status right after the call', async () => {
  const run = await deployWith(emu, {
    inputs: containerInputs('nowait_agent', { 'wait-for-ready': 'false' }),
  });
  expect(run.code).toBe(0);
  expect(run.outputs).toMatchObject({ operation: 'create', status: 'CREATING' });
  expect(run.requests.filter((r) => operationOf(r) === 'GetAgentRuntime')).toEqual([]);
});

test.each([
  ['throttling', { throttle: 3 }],
  ['5xx answers', { serverErrors: 3 }],
])('survives 3 consecutive %s on every call', async (_kind, fault) => {
  const name = `flaky_${Object.keys(fault)[0]}`;
  Object.assign(emu.faults.agentcore, fault);
  const run = await deployWith(emu, { inputs: containerInputs(name) });
  expect(run.code).toBe(0);
  expect(run.outputs.operation).toBe('create');
  expect(run.requests.filter((r) => r.status === 429 || r.status >= 500)).toHaveLength(3);
});

test('IAM propagation errors on create are retried until the role works', async () => {
  emu.agentcore.rejectNextCreates(1, 'ValidationException', 'Role validation failed for role {roleArn}');
  const run = await deployWith(emu, { inputs: containerInputs('iam_agent') });
  expect(run.code).toBe(0);
  expect(run.requests.filter((r) => operationOf(r) === 'CreateAgentRuntime')).toHaveLength(2);
  expect(run.stdout).toContain('IAM has not propagated yet');
});

test('a container <-> code switch fails before changing anything, and says what to do', async () => {
  const name = 'switch_agent';
  expect((await deployWith(emu, { inputs: containerInputs(name) })).code).toBe(0);
  const run = await deployWith(emu, {
    inputs: {
      mode: 'deploy',
      'agent-runtime-name': name,
      'role-arn': ROLE_ARN,
      'code-s3-bucket': 'bucket-a',
      'code-s3-prefix': 'a.zip',
      'code-entry-point': 'main.py',
      'code-runtime': 'PYTHON_3_12',
    },
  });
  expect(run.code).toBe(1);
  expect(run.stdout).toMatch(/cannot be updated in place/);
  expect(mutatingRequests(run.requests)).toEqual([]);
  expect(run.outputs['failure-reason']).toBe('invalid-input');
});

test('a runtime that is UPDATING is waited for before it is updated', async () => {
  const name = 'busy_agent';
  // Long enough that the runtime is still UPDATING when the action reads it.
  // Long enough that the deletion is still under way when the action first looks, even on a loaded
  // machine (the run starts a process and resolves the image first).
  emu.agentcore.transitionDelayMs = 15_000;
  emu.agentcore.seed({
    name,
    status: 'UPDATING',
    versions: 2,
    spec: { agentRuntimeArtifact: { containerConfiguration: { containerUri: IMAGE } }, roleArn: ROLE_ARN },
  });
  emu.agentcore.transitionDelayMs = 300;
  const run = await deployWith(emu, {
    inputs: containerInputs(name, { description: 'after the other deploy' }),
  });
  expect(run.code).toBe(0);
  expect(run.outputs).toMatchObject({ operation: 'update', 'agent-runtime-version': '3' });
  expect(run.stdout).toContain('waiting for it to settle');
  expect(run.requests.filter((r) => r.status === 409)).toEqual([]);
});

test('a runtime that is being deleted is waited out, then created again', async () => {
  const name = 'deleting_agent';
  // Long enough that the deletion is still under way when the action first looks, even on a loaded
  // machine (the run starts a process and resolves the image first).
  emu.agentcore.transitionDelayMs = 15_000;
  emu.agentcore.seed({
    name,
    status: 'DELETING',
    spec: { agentRuntimeArtifact: { containerConfiguration: { containerUri: IMAGE } }, roleArn: ROLE_ARN },
  });
  emu.agentcore.transitionDelayMs = 300;
  const run = await deployWith(emu, { inputs: containerInputs(name) });
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('being deleted');
  expect(run.outputs).toMatchObject({ operation: 'create', 'agent-runtime-version': '1', status: 'READY' });
});

test('a failure inside the deploy after the create still reports the runtime it created', async () => {
  // metadataConfiguration is set by an update once the new runtime is READY; this one never gets there.
  emu.agentcore.failNextCreate('Container exited with code 1');
  const run = await deployWith(emu, {
    files: {
      'rt.yaml': [
        'agentRuntimeName: metadata_failing',
        `roleArn: ${ROLE_ARN}`,
        `agentRuntimeArtifact: { containerConfiguration: { containerUri: ${IMAGE} } }`,
        'metadataConfiguration: { requireMMDSV2: true }',
      ].join('\n'),
    },
    inputs: { mode: 'deploy', 'config-file': 'rt.yaml' },
  });
  expect(run.code).toBe(1);
  expect(run.stdout).toContain('Container exited with code 1');
  expect(run.outputs).toMatchObject({ operation: 'create', changed: 'true' });
  expect(run.outputs['agent-runtime-id']).toMatch(/^metadata_failing-/);
});

test('a cancelled job still tells later steps which runtime it created', async () => {
  emu.agentcore.transitionDelayMs = 10_000;
  try {
    const run = await deployWith(emu, {
      inputs: containerInputs('cancelled_agent'),
      cancelWhen: { output: /status: CREATING/, signal: 'SIGINT' },
    });
    expect(run.code).not.toBe(0);
    expect(run.outputs).toMatchObject({ operation: 'create', status: 'CREATING' });
    expect(run.outputs['agent-runtime-id']).toMatch(/^cancelled_agent-/);
    expect(run.outputs['failure-reason']).toBe('timeout');
  } finally {
    emu.agentcore.transitionDelayMs = 300;
  }
});

test('deployed again while being deleted: the create is not mistaken for a repeat of the first one', async () => {
  const name = 'recreated_agent';
  const first = await deployWith(emu, { inputs: containerInputs(name) });
  expect(first.code).toBe(0);
  // The deletion lasts long enough for the next deploy to see the runtime DELETING and wait it out.
  emu.agentcore.transitionDelayMs = 8000;
  await client.send(new DeleteAgentRuntimeCommand({ agentRuntimeId: first.outputs['agent-runtime-id'] }));
  emu.agentcore.transitionDelayMs = 300;
  const again = await deployWith(emu, { inputs: containerInputs(name) });
  expect(again.stdout).toContain('being deleted');
  expect(again.code).toBe(0);
  expect(again.outputs.operation).toBe('create');
  expect(again.outputs['agent-runtime-id']).not.toBe(first.outputs['agent-runtime-id']);
});
