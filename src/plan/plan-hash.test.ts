import { MARKER_TAG_KEY } from './marker-tag.js';
import { computePlan } from './plan.js';
import { computePlanHash } from './plan-hash.js';
import { containerSpec, IMAGE, runtimeAsServiceReturns } from './test-fixtures.js';
import type { AgentRuntimeSpec } from '../spec/types.js';

const REGION = 'us-east-1';
const deployed = containerSpec({
  networkConfiguration: {
    networkMode: 'VPC',
    networkModeConfig: { subnets: ['subnet-a', 'subnet-b'], securityGroups: ['sg-1'] },
  },
  tags: { team: 'support', env: 'prod' },
});

function hashOf(
  desired: AgentRuntimeSpec,
  current: { spec?: AgentRuntimeSpec; tags?: Record<string, string>; version?: string; status?: string } = {},
): string {
  const spec = current.spec ?? deployed;
  return computePlan({
    desired,
    region: REGION,
    current: {
      runtime: runtimeAsServiceReturns(spec, {
        ...(current.version && { agentRuntimeVersion: current.version }),
        ...(current.status && { status: current.status as 'READY' }),
      }),
      tags: current.tags ?? { team: 'support', env: 'prod', [MARKER_TAG_KEY]: 'true' },
    },
  }).hash;
}

const desired = containerSpec({
  ...deployed,
  agentRuntimeArtifact: { containerConfiguration: { containerUri: `${IMAGE}:1.5.0` } },
});
const base = hashOf(desired);

describe('the plan hash does not change for what does not change the deploy', () => {
  test('a sha256', () => expect(base).toMatch(/^[0-9a-f]{64}$/));

  test('the order of map keys, of tag lines and of set-like lists', () => {
    const reordered: AgentRuntimeSpec = {
      tags: { env: 'prod', team: 'support' },
      environmentVariables: { API_KEY: 'sk-live-SECRET-value-1234', LOG_LEVEL: 'info' },
      networkConfiguration: {
        networkModeConfig: { securityGroups: ['sg-1'], subnets: ['subnet-b', 'subnet-a'] },
        networkMode: 'VPC',
      },
      description: desired.description,
      roleArn: desired.roleArn,
      agentRuntimeArtifact: desired.agentRuntimeArtifact,
      protocolConfiguration: desired.protocolConfiguration,
      agentRuntimeName: desired.agentRuntimeName,
    };
    expect(hashOf(reordered)).toBe(base);
    expect(hashOf(desired, { tags: { [MARKER_TAG_KEY]: 'true', env: 'prod', team: 'support' } })).toBe(base);
  });

  test('the runtime’s status, and the service defaults written out or not', () => {
    expect(hashOf(desired, { status: 'UPDATING' })).toBe(base);
    expect(hashOf({ ...desired, lifecycleConfiguration: { idleRuntimeSessionTimeout: 900 } })).toBe(base);
  });

  test('the marker tag, which the deploy never touches', () => {
    expect(hashOf(desired, { tags: { team: 'support', env: 'prod' } })).toBe(base);
  });
});

describe('the plan hash changes for anything that changes what is sent or which operation runs', () => {
  test.each<[string, () => string]>([
    ['another image', () => hashOf({ ...desired, agentRuntimeArtifact: deployed.agentRuntimeArtifact })],
    ['another description', () => hashOf({ ...desired, description: 'new' })],
    [
      'another environment-variable value (never shown in a plan)',
      () => hashOf({ ...desired, environmentVariables: { LOG_LEVEL: 'info', API_KEY: 'sk-live-OTHER' } }),
    ],
    ['tags given vs. left alone', () => hashOf({ ...desired, tags: undefined })],
    ['another tag value', () => hashOf({ ...desired, tags: { team: 'support', env: 'dev' } })],
    ['the live runtime updated by someone else (a new version)', () => hashOf(desired, { version: '4' })],
    [
      'the live runtime’s configuration changed by someone else',
      () => hashOf(desired, { spec: { ...deployed, description: 'edited in the console' } }),
    ],
    ['a live tag changed by someone else', () => hashOf(desired, { tags: { team: 'x', env: 'prod' } })],
    [
      'another operation: the runtime is gone, so it would be created',
      () => computePlan({ desired, region: REGION }).hash,
    ],
    [
      'another region',
      () =>
        computePlanHash({ runtimeName: 'support_agent', region: 'eu-west-1', operation: 'update', desired }),
    ],
  ])('%s', (_what, hash) => expect(hash()).not.toBe(base));
});

test('an environment-variable value cannot be read back from what is hashed', () => {
  // Two values that differ only in the secret give unrelated hashes, and the secret is not in the plan.
  const plan = computePlan({ desired, region: REGION });
  expect(JSON.stringify(plan)).not.toContain('sk-live-SECRET-value-1234');
});
