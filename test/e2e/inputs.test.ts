// Inputs and config files through the bundled action: what is deployed when inputs override a file, and
// the whole bad-input corpus rejected before any request leaves the process.
import { MARKER_TAG_KEY } from '../../src/plan/marker-tag.js';
import {
  BedrockAgentCoreControlClient,
  GetAgentRuntimeCommand,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { startEmulator, type Emulator } from '../../emulator/src/index.js';
import { BAD_INPUTS, type BadInputCase } from '../../src/inputs/fixtures/bad-inputs.js';
import { DEPLOY_ROLE, deployWith, digestOf, emulatorClient } from './helpers.js';

let emu: Emulator;
let client: BedrockAgentCoreControlClient;

beforeAll(async () => {
  emu = await startEmulator({ transitionDelayMs: 200 });
  client = emulatorClient(emu);
});
afterAll(() => emu.close());

const ROLE = 'arn:aws:iam::123456789012:role/AgentRuntimeExecution';

test('inputs override a YAML file: scalars replace, maps merge key by key, an artifact input replaces the artifact', async () => {
  const yaml = [
    'agentRuntimeName: yaml_agent',
    `roleArn: ${ROLE}`,
    'description: from the file',
    'agentRuntimeArtifact:',
    '  codeConfiguration:',
    '    code: { s3: { bucket: my-bucket, prefix: agent.zip } }',
    '    runtime: PYTHON_3_12',
    '    entryPoint: [main.py]',
    'environmentVariables: { FROM_FILE: "1", SHARED: file }',
    'lifecycleConfiguration: { idleRuntimeSessionTimeout: 1200, maxLifetime: 7200 }',
    'tags: { team: file, cost-center: "42" }',
  ].join('\n');
  const run = await deployWith(emu, {
    files: { 'agent.yaml': yaml },
    inputs: {
      mode: 'deploy',
      'config-file': 'agent.yaml',
      description: 'from the input',
      'container-uri': '123456789012.dkr.ecr.us-east-1.amazonaws.com/yaml-agent:v7',
      'environment-variables': 'SHARED=input\nFROM_INPUT=2',
      'max-lifetime': '3600',
      tags: 'team=input',
    },
  });
  expect(run.code).toBe(0);
  const id = run.outputs['agent-runtime-id'];
  const runtime = await client.send(new GetAgentRuntimeCommand({ agentRuntimeId: id }));
  expect(runtime.description).toBe('from the input');
  const image = '123456789012.dkr.ecr.us-east-1.amazonaws.com/yaml-agent:v7';
  expect(runtime.agentRuntimeArtifact).toEqual({
    containerConfiguration: { containerUri: `${image}@${digestOf(emu, image)}` },
  });
  expect(runtime.environmentVariables).toEqual({ FROM_FILE: '1', SHARED: 'input', FROM_INPUT: '2' });
  expect(runtime.lifecycleConfiguration).toEqual({ idleRuntimeSessionTimeout: 1200, maxLifetime: 3600 });
  const { tags } = await client.send(
    new ListTagsForResourceCommand({ resourceArn: runtime.agentRuntimeArn }),
  );
  expect(tags).toEqual({ team: 'input', 'cost-center': '42', [MARKER_TAG_KEY]: 'true' });
});

test('inputs override a JSON file, and the file is read from GITHUB_WORKSPACE', async () => {
  const json = {
    agentRuntimeName: 'json_agent',
    roleArn: ROLE,
    agentRuntimeArtifact: {
      containerConfiguration: { containerUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/json-agent:v1' },
    },
    networkConfiguration: {
      networkMode: 'VPC',
      networkModeConfig: { subnets: ['subnet-0a1b2c3d4e5f67890'], securityGroups: ['sg-0123456789abcdef0'] },
    },
    protocolConfiguration: { serverProtocol: 'A2A' },
  };
  const run = await deployWith(emu, {
    files: { 'runtime.json': JSON.stringify(json, null, 2) },
    inputs: {
      mode: 'deploy',
      'config-file': 'runtime.json',
      subnets: 'subnet-0f1e2d3c4b5a69788\nsubnet-0a1b2c3d4e5f67890',
      'server-protocol': 'AGUI',
    },
  });
  expect(run.code).toBe(0);
  const runtime = await client.send(
    new GetAgentRuntimeCommand({ agentRuntimeId: run.outputs['agent-runtime-id'] }),
  );
  expect(runtime.networkConfiguration).toEqual({
    networkMode: 'VPC',
    networkModeConfig: {
      subnets: ['subnet-0f1e2d3c4b5a69788', 'subnet-0a1b2c3d4e5f67890'],
      securityGroups: ['sg-0123456789abcdef0'],
    },
  });
  expect(runtime.protocolConfiguration).toEqual({ serverProtocol: 'AGUI' });
});

test('requireServiceS3Endpoint copied from GetAgentRuntime is dropped with a warning, never sent', async () => {
  const yaml = [
    'agentRuntimeName: s3_flag_agent',
    `roleArn: ${ROLE}`,
    'agentRuntimeArtifact: { containerConfiguration: { containerUri: 123456789012.dkr.ecr.us-east-1.amazonaws.com/a:v1 } }',
    'networkConfiguration:',
    '  networkMode: VPC',
    '  networkModeConfig: { subnets: [subnet-0a1b2c3d4e5f67890], securityGroups: [sg-0123456789abcdef0], requireServiceS3Endpoint: false }',
  ].join('\n');
  const run = await deployWith(emu, {
    files: { 'rt.yaml': yaml },
    inputs: { mode: 'deploy', 'config-file': 'rt.yaml' },
  });
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/::warning::.*requireServiceS3Endpoint is ignored/);
  const create = run.requests.find((r) => r.method === 'PUT' && r.path === '/runtimes/');
  expect(create?.body).not.toContain('requireServiceS3Endpoint');
});

/** Runs the corpus a few cases at a time: each case is a separate process, as on a runner. */
async function inBatches<T, R>(items: T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size)
    results.push(...(await Promise.all(items.slice(i, i + size).map(work))));
  return results;
}

test(
  `the whole bad-input corpus (${BAD_INPUTS.length} cases, at least 60) fails with the field named and no request sent, not even to STS`,
  async () => {
    expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(60);
    expect(BAD_INPUTS.filter((c) => c.file).length).toBeGreaterThanOrEqual(10);
    const mark = emu.requests.length;
    const outcomes = await inBatches(BAD_INPUTS, 4, async (c: BadInputCase) => {
      // With role-to-assume and the id-token permission: not even the OIDC token or STS may be asked.
      const run = await deployWith(emu, {
        inputs: { mode: 'deploy', 'role-to-assume': DEPLOY_ROLE, ...c.inputs },
        files: c.file ? { [c.file.name]: c.file.text } : {},
        env: {
          AWS_ACCESS_KEY_ID: undefined,
          AWS_SECRET_ACCESS_KEY: undefined,
          ACTIONS_ID_TOKEN_REQUEST_URL: emu.env.ACTIONS_ID_TOKEN_REQUEST_URL,
          ACTIONS_ID_TOKEN_REQUEST_TOKEN: emu.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN,
        },
      });
      const errors = run.stdout.split('\n').filter((l) => l.startsWith('::error'));
      const problems: string[] = [];
      if (run.code !== 1) problems.push(`exit code ${run.code}`);
      if (run.outputs['failure-reason'] !== 'invalid-input')
        problems.push(`failure-reason ${run.outputs['failure-reason']}`);
      if (!errors.some((l) => l.includes(c.expectField))) problems.push(`no ::error names ${c.expectField}`);
      if (
        c.expectLine !== undefined &&
        !errors.some((l) => l.includes(`file=${c.file?.name},line=${c.expectLine}`))
      )
        problems.push(`no annotation at ${c.file?.name}:${c.expectLine}`);
      return problems.length ? `${c.name}: ${problems.join('; ')}\n${run.stdout}` : undefined;
    });
    expect(outcomes.filter(Boolean)).toEqual([]);
    expect(emu.requests.slice(mark)).toEqual([]);
    // One process per case: the time grows with the corpus (up to 8 s a process on a loaded 2-core machine).
  },
  Math.max(60_000, BAD_INPUTS.length * 5_000),
);
