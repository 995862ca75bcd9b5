import type { GetAgentRuntimeResponse } from '@aws-sdk/client-bedrock-agentcore-control';
import type { AgentRuntimeSpec } from '../spec/types.js';
import { computePlan } from './plan.js';
import { containerSpec, IMAGE, runtimeAsServiceReturns } from './test-fixtures.js';

const REGION = 'us-east-1';
const existing = (
  spec: AgentRuntimeSpec,
  tags: Record<string, string> = {},
  extra: Partial<GetAgentRuntimeResponse> = {},
) => ({
  runtime: runtimeAsServiceReturns(spec, extra),
  tags,
});

describe('computePlan', () => {
  it('creates a missing runtime: every desired field and tag is an add', () => {
    const plan = computePlan({ desired: containerSpec({ tags: { team: 'support' } }), region: REGION });
    expect(plan).toMatchObject({
      operation: 'create',
      changed: true,
      newVersion: false,
      runtimeName: 'support_agent',
    });
    expect(plan.current).toBeUndefined();
    expect(plan.fieldChanges.every((c) => c.action === 'add')).toBe(true);
    expect(plan.fieldChanges.map((c) => c.path)).toEqual([
      'agentRuntimeName',
      'agentRuntimeArtifact.containerConfiguration.containerUri',
      'roleArn',
      'description',
      'environmentVariables.API_KEY',
      'environmentVariables.LOG_LEVEL',
    ]);
    expect(plan.tagChanges).toEqual({ add: { team: 'support' }, change: {}, remove: [], managed: true });
  });

  it('plans nothing for a runtime deployed from the same config (defaults filled in by the service)', () => {
    const desired = containerSpec({ tags: { team: 'support' } });
    const plan = computePlan({ desired, region: REGION, current: existing(desired, { team: 'support' }) });
    expect(plan).toMatchObject({ operation: 'none', changed: false, newVersion: false, fieldChanges: [] });
    expect(plan.current).toEqual({
      arn: 'arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/support_agent-a1B2c3D4e5',
      id: 'support_agent-a1B2c3D4e5',
      version: '3',
      status: 'READY',
    });
  });

  it('updates in place, with a new version, when runtime fields change or are cleared', () => {
    const deployed = containerSpec({ lifecycleConfiguration: { maxLifetime: 3600 } });
    const desired = containerSpec({
      agentRuntimeArtifact: { containerConfiguration: { containerUri: `${IMAGE}:1.5.0` } },
      description: undefined,
    });
    const plan = computePlan({ desired, region: REGION, current: existing(deployed) });
    expect(plan).toMatchObject({
      operation: 'update',
      changed: true,
      newVersion: true,
      replacementReasons: [],
    });
    expect(plan.fieldChanges.map((c) => `${c.action} ${c.path}`)).toEqual([
      'change agentRuntimeArtifact.containerConfiguration.containerUri',
      'clear description',
      'clear lifecycleConfiguration.maxLifetime',
    ]);
  });

  it('updates tags alone without a new version', () => {
    const desired = containerSpec({ tags: { team: 'platform' } });
    const plan = computePlan({
      desired,
      region: REGION,
      current: existing(desired, { team: 'support', old: 'x' }),
    });
    expect(plan).toMatchObject({ operation: 'update', changed: true, newVersion: false, fieldChanges: [] });
    expect(plan.tagChanges).toEqual({
      add: {},
      change: { team: { before: 'support', after: 'platform' } },
      remove: ['old'],
      managed: true,
    });
  });

  it('leaves tags alone when the config has none', () => {
    const desired = containerSpec();
    const plan = computePlan({
      desired,
      region: REGION,
      current: existing(desired, { 'created-by': 'console' }),
    });
    expect(plan.operation).toBe('none');
    expect(plan.tagChanges.managed).toBe(false);
  });

  it('requires replacement when the artifact switches between container and code', () => {
    const desired = containerSpec({
      agentRuntimeArtifact: {
        codeConfiguration: {
          code: { s3: { bucket: 'agent-code', prefix: 'support.zip' } },
          runtime: 'PYTHON_3_13',
          entryPoint: ['main.py'],
        },
      },
    });
    const plan = computePlan({ desired, region: REGION, current: existing(containerSpec()) });
    expect(plan).toMatchObject({ operation: 'replace', changed: true, newVersion: false });
    expect(plan.replacementReasons).toHaveLength(1);
    expect(plan.replacementReasons[0]).toMatch(/Agent artifact type cannot be updated/);
    expect(plan.replacementReasons[0]).toMatch(/delete the runtime `support_agent`/);
    expect(plan.replacementReasons[0]).toMatch(/new `agent-runtime-name`/);
    expect(plan.fieldChanges.map((c) => `${c.action} ${c.path}`)).toContain(
      'clear agentRuntimeArtifact.containerConfiguration.containerUri',
    );
  });

  it('does not ask for replacement when the runtime reports no artifact', () => {
    const desired = containerSpec();
    const plan = computePlan({
      desired,
      region: REGION,
      current: existing(desired, {}, { agentRuntimeArtifact: undefined }),
    });
    expect(plan.operation).toBe('update');
    expect(plan.replacementReasons).toEqual([]);
  });

  it('never puts environment variable values in the plan', () => {
    const plan = computePlan({
      desired: containerSpec({ environmentVariables: { API_KEY: 'rotated-SECRET' } }),
      region: REGION,
      current: existing(containerSpec()),
    });
    expect(JSON.stringify(plan)).not.toMatch(/SECRET/);
    expect(plan.fieldChanges.filter((c) => c.path.startsWith('environmentVariables'))).toEqual([
      { path: 'environmentVariables.API_KEY', action: 'change', sensitive: true },
      { path: 'environmentVariables.LOG_LEVEL', action: 'clear', sensitive: true },
    ]);
  });
});

describe('what the service fills in by itself', () => {
  it('is no difference when the configuration leaves it out (platform version, metadata, HTTP protocol)', () => {
    const desired = containerSpec({ protocolConfiguration: undefined });
    const plan = computePlan({
      desired,
      region: REGION,
      current: existing(
        desired,
        {},
        {
          platformVersion: 'V1',
          metadataConfiguration: { requireMMDSV2: false },
          protocolConfiguration: { serverProtocol: 'HTTP' },
        },
      ),
    });
    expect(plan.operation).toBe('none');
  });

  it('is a difference when the configuration asks for something else', () => {
    const desired = containerSpec({
      platformVersion: 'V2',
      protocolConfiguration: { serverProtocol: 'MCP' },
    });
    const plan = computePlan({
      desired,
      region: REGION,
      current: existing(containerSpec({ protocolConfiguration: undefined }), {}, { platformVersion: 'V1' }),
    });
    expect(plan.fieldChanges.map((c) => `${c.action} ${c.path}`).sort()).toEqual([
      'add protocolConfiguration.serverProtocol',
      'change platformVersion',
    ]);
  });
});

it('a removed metadataConfiguration that is not the default is a flagged clear', () => {
  const desired = containerSpec();
  const plan = computePlan({
    desired,
    region: REGION,
    current: existing(desired, {}, { metadataConfiguration: { requireMMDSV2: true } }),
  });
  expect(plan.operation).toBe('update');
  expect(plan.fieldChanges).toEqual([
    expect.objectContaining({ path: 'metadataConfiguration.requireMMDSV2', action: 'clear', before: true }),
  ]);
});

it('a runtime being deleted plans as a create, as the deploy would do', () => {
  const desired = containerSpec();
  const plan = computePlan({
    desired,
    region: REGION,
    current: existing(desired, {}, { status: 'DELETING' }),
  });
  expect(plan).toMatchObject({ operation: 'create', changed: true });
  expect(plan.current).toBeUndefined();
});

describe('fields the service does not report', () => {
  const privateEndpoint = {
    managedVpcResource: {
      vpcIdentifier: 'vpc-0123456789abcdef0',
      subnetIds: ['subnet-0a1b2c3d4e5f67890'],
      endpointIpAddressType: 'IPV4' as const,
    },
  };
  const withPrivateIdp = (
    discoveryUrl = 'https://idp.internal.example.com/.well-known/openid-configuration',
  ) =>
    containerSpec({
      authorizerConfiguration: {
        customJWTAuthorizer: {
          discoveryUrl,
          allowedClients: ['client-a'],
          privateEndpoint,
          privateEndpointOverrides: [{ domain: 'login.example.com', privateEndpoint }],
        },
      },
    });

  it('are assumed unchanged: a runtime deployed with private endpoints plans nothing', () => {
    const desired = withPrivateIdp();
    const plan = computePlan({ desired, region: REGION, current: existing(desired) });
    expect(plan).toMatchObject({ operation: 'none', changed: false, fieldChanges: [] });
    expect(plan.assumedUnchanged).toEqual([
      'authorizerConfiguration.customJWTAuthorizer.privateEndpoint',
      'authorizerConfiguration.customJWTAuthorizer.privateEndpointOverrides',
    ]);
  });

  it('do not hide a real change next to them', () => {
    const plan = computePlan({
      desired: withPrivateIdp('https://idp2.internal.example.com/.well-known/openid-configuration'),
      region: REGION,
      current: existing(withPrivateIdp()),
    });
    expect(plan.operation).toBe('update');
    expect(plan.fieldChanges.map((c) => c.path)).toEqual([
      'authorizerConfiguration.customJWTAuthorizer.discoveryUrl',
    ]);
  });

  it('are not listed when the configuration does not set them, nor for a create', () => {
    expect(
      computePlan({ desired: containerSpec(), region: REGION, current: existing(containerSpec()) })
        .assumedUnchanged,
    ).toEqual([]);
    expect(computePlan({ desired: withPrivateIdp(), region: REGION }).assumedUnchanged).toEqual([]);
  });
});

describe('a runtime whose last deploy failed', () => {
  it.each(['CREATE_FAILED', 'UPDATE_FAILED'] as const)(
    'is deployed again when %s and the configuration already matches: a retry, with a new version',
    (status) => {
      const desired = containerSpec();
      const plan = computePlan({ desired, region: REGION, current: existing(desired, {}, { status }) });
      expect(plan).toMatchObject({
        operation: 'update',
        changed: true,
        newVersion: true,
        retryOfFailed: true,
        fieldChanges: [],
      });
    },
  );

  it('is an ordinary update when the configuration changed too', () => {
    const plan = computePlan({
      desired: containerSpec({ description: 'fixed' }),
      region: REGION,
      current: existing(containerSpec(), {}, { status: 'UPDATE_FAILED' }),
    });
    expect(plan).toMatchObject({ operation: 'update', newVersion: true, retryOfFailed: false });
  });

  it('is no retry when READY', () => {
    const desired = containerSpec();
    expect(computePlan({ desired, region: REGION, current: existing(desired) })).toMatchObject({
      operation: 'none',
      retryOfFailed: false,
    });
  });
});
