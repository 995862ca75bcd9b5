// Where the real service departs from its model, end to end: the bundled dist/index.js on Node 24 (what
// runners use), against the emulator behaving like the service (emulator/README.md, "Beyond the model").
import { existsSync } from 'node:fs';
import { startEmulator, type Emulator } from '../../emulator/src/index.js';
import { NODE24, type RunOptions } from '../../scripts/run-action.js';
import {
  containerInputs,
  deployWith,
  IMAGE,
  mutatingRequests,
  operationOf,
  pinnedImage,
  ROLE_ARN,
} from './helpers.js';

let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator({ transitionDelayMs: 300 });
});
afterAll(() => emu.close());

const onNode24 = (options: RunOptions) => deployWith(emu, { node: NODE24, ...options });

/** A runtime config file in YAML, as a repository would hold it. */
const configFile = (name: string, authorizer: string[]) =>
  [
    `agentRuntimeName: ${name}`,
    `roleArn: ${ROLE_ARN}`,
    `agentRuntimeArtifact: { containerConfiguration: { containerUri: "${IMAGE}" } }`,
    'authorizerConfiguration:',
    '  customJWTAuthorizer:',
    '    discoveryUrl: https://idp.internal.example.com/.well-known/openid-configuration',
    ...authorizer.map((line) => `    ${line}`),
  ].join('\n');

const deployFile = (yaml: string) =>
  onNode24({ files: { 'runtime.yaml': yaml }, inputs: { mode: 'deploy', 'config-file': 'runtime.yaml' } });

test('the Node 24 binary the suite runs the bundle on is there', () => {
  expect(existsSync(NODE24)).toBe(true);
});

test('a runtime with private endpoints deployed twice: the second run is a no-op', async () => {
  const yaml = configFile('private_idp_agent', [
    'allowedClients: [client-a]',
    'privateEndpoint:',
    '  managedVpcResource:',
    '    vpcIdentifier: vpc-0123456789abcdef0',
    '    subnetIds: [subnet-0a1b2c3d4e5f67890]',
    '    endpointIpAddressType: IPV4',
    'privateEndpointOverrides:',
    '  - domain: login.example.com',
    '    privateEndpoint: { selfManagedLatticeResource: { resourceConfigurationIdentifier: rcfg-0123456789abcdef0 } }',
  ]);
  const first = await deployFile(yaml);
  expect(first.code).toBe(0);
  expect(first.outputs).toMatchObject({ operation: 'create', status: 'READY' });
  const create = first.requests.find((r) => operationOf(r) === 'CreateAgentRuntime')!;
  expect(create.body).toContain('privateEndpointOverrides');

  const second = await deployFile(yaml);
  expect(second.code).toBe(0);
  expect(second.outputs).toMatchObject({ operation: 'none', changed: 'false', 'agent-runtime-version': '1' });
  expect(mutatingRequests(second.requests)).toEqual([]);
  expect(second.outputs['plan-markdown']).toContain('assumed unchanged');
  expect(JSON.parse(second.outputs['plan-json']).assumedUnchanged).toEqual([
    'authorizerConfiguration.customJWTAuthorizer.privateEndpoint',
    'authorizerConfiguration.customJWTAuthorizer.privateEndpointOverrides',
  ]);
});

test('custom claims reordered (and the values of a claim): no-op', async () => {
  const claim = (name: string, values: string[]) => [
    `  - inboundTokenClaimName: ${name}`,
    '    inboundTokenClaimValueType: STRING_ARRAY',
    '    authorizingClaimMatchValue:',
    '      claimMatchOperator: CONTAINS_ANY',
    `      claimMatchValue: { matchValueStringList: [${values.join(', ')}] }`,
  ];
  const first = await deployFile(
    configFile('claims_agent', [
      'allowedAudience: [api://tools, api://admin]',
      'customClaims:',
      ...claim('groups', ['admins', 'support']),
      ...claim('tiers', ['gold', 'silver']),
    ]),
  );
  expect(first.code).toBe(0);
  const reordered = await deployFile(
    configFile('claims_agent', [
      'allowedAudience: [api://admin, api://tools]',
      'customClaims:',
      ...claim('tiers', ['silver', 'gold']),
      ...claim('groups', ['support', 'admins']),
    ]),
  );
  expect(reordered.code).toBe(0);
  expect(reordered.outputs).toMatchObject({ operation: 'none', changed: 'false' });
  expect(mutatingRequests(reordered.requests)).toEqual([]);
});

test('the job summary links the runtime in the AgentCore console', async () => {
  const run = await onNode24({ inputs: containerInputs('console_agent') });
  expect(run.code).toBe(0);
  expect(run.summary).toContain(
    `(https://us-east-1.console.aws.amazon.com/bedrock-agentcore/agents/${run.outputs['agent-runtime-id']})`,
  );
});

const seededSpec = {
  agentRuntimeArtifact: { containerConfiguration: { containerUri: IMAGE } },
  roleArn: ROLE_ARN,
};

test('a stale UPDATE_FAILED read right after an update does not fail the run', async () => {
  const name = 'stale_failed_agent';
  emu.agentcore.seed({
    name,
    spec: seededSpec,
    versions: 2,
    status: 'UPDATE_FAILED',
    failureReason: 'Image pull failed: an earlier deploy',
  });
  // The first read after the update still shows version 2 as it was: UPDATE_FAILED.
  emu.agentcore.staleReadsAfterNextUpdate();
  const run = await onNode24({ inputs: containerInputs(name, { description: 'the fix' }) });
  expect(run.stdout).toContain('status: UPDATE_FAILED');
  expect(run.code).toBe(0);
  expect(run.outputs).toMatchObject({ operation: 'update', status: 'READY', 'agent-runtime-version': '3' });
});

test('nor does a stale UPDATE_FAILED under the new version number, seen before the update shows', async () => {
  const name = 'stale_status_agent';
  expect((await onNode24({ inputs: containerInputs(name) })).code).toBe(0);
  emu.agentcore.staleReadsAfterNextUpdate({
    status: 'UPDATE_FAILED',
    failureReason: 'lagging read',
    newVersionNumber: true,
  });
  const run = await onNode24({ inputs: containerInputs(name, { description: 'v2' }) });
  expect(run.stdout).toContain('status: UPDATE_FAILED');
  expect(run.code).toBe(0);
  expect(run.outputs).toMatchObject({ status: 'READY', 'agent-runtime-version': '2' });
});

test('an execution role whose ECR rights have not propagated yet: the create is retried until they have', async () => {
  emu.agentcore.iamNotPropagated(1, 'ecr');
  const run = await onNode24({ inputs: containerInputs('ecr_propagating_agent') });
  expect(run.code).toBe(0);
  expect(run.stdout).toContain(
    // The image goes out pinned to its tag's digest (pin-image-digest), and the service names it so.
    `IAM has not propagated yet (Access denied while validating ECR URI '${pinnedImage(emu, IMAGE)}'`,
  );
  expect(run.requests.filter((r) => operationOf(r) === 'CreateAgentRuntime').map((r) => r.status)).toEqual([
    400, 202,
  ]);
});

test('a runtime left UPDATE_FAILED by an earlier run is updated again by a re-run of the same config, and ends READY', async () => {
  const name = 'retried_agent';
  expect((await onNode24({ inputs: containerInputs(name) })).code).toBe(0);
  emu.agentcore.failNextUpdate('Image pull failed: support-agent:v2 not found');
  const inputs = containerInputs(name, { 'container-uri': IMAGE.replace(':v1', ':v2') });
  const failed = await onNode24({ inputs });
  expect(failed.code).toBe(1);
  expect(failed.outputs).toMatchObject({ status: 'UPDATE_FAILED', 'agent-runtime-version': '2' });

  // The image has been pushed since: re-running the same job deploys the same configuration again.
  const rerun = await onNode24({ inputs });
  expect(rerun.code).toBe(0);
  expect(rerun.outputs).toMatchObject({
    operation: 'update',
    changed: 'true',
    status: 'READY',
    'agent-runtime-version': '3',
  });
  expect(rerun.outputs['plan-markdown']).toContain('retry of a failed deploy');
  expect(JSON.parse(rerun.outputs['plan-json']).retryOfFailed).toBe(true);
  const updates = mutatingRequests(rerun.requests).filter((r) => operationOf(r) === 'UpdateAgentRuntime');
  expect(updates).toHaveLength(1);
  const failedUpdate = failed.requests.find((r) => operationOf(r) === 'UpdateAgentRuntime')!;
  const token = (body: string) => (JSON.parse(body) as { clientToken: string }).clientToken;
  expect(token(updates[0].body)).not.toBe(token(failedUpdate.body));
});
