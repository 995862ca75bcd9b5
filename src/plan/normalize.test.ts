import { validateShape } from '../model/validate-shape.js';
import type { AgentRuntimeSpec } from '../spec/types.js';
import { canonicalJson } from './canonical-json.js';
import { MARKER_TAG_KEY } from './marker-tag.js';
import {
  clientTokenFor,
  createRequestOf,
  currentSpecOf,
  normalizeSpec,
  updateRequestOf,
} from './normalize.js';
import { containerSpec, ROLE, runtimeAsServiceReturns } from './test-fixtures.js';

const VPC = {
  networkMode: 'VPC' as const,
  networkModeConfig: { securityGroups: ['sg-0123456789abcdef0'], subnets: ['subnet-0123456789abcdef0'] },
};

describe('currentSpecOf', () => {
  it('keeps the configuration and drops what only describes the runtime', () => {
    const runtime = runtimeAsServiceReturns(containerSpec(), { failureReason: 'old failure' });
    const spec = currentSpecOf(runtime) as Record<string, unknown>;
    for (const outputOnly of [
      'agentRuntimeArn',
      'agentRuntimeId',
      'agentRuntimeVersion',
      'status',
      'createdAt',
      'lastUpdatedAt',
      'failureReason',
      'workloadIdentityDetails',
      '$metadata',
    ])
      expect(spec).not.toHaveProperty(outputOnly);
    expect(spec.agentRuntimeName).toBe('support_agent');
    expect(spec.roleArn).toBe(ROLE);
    expect(spec.environmentVariables).toEqual({ LOG_LEVEL: 'info', API_KEY: 'sk-live-SECRET-value-1234' });
    expect(spec.lifecycleConfiguration).toEqual({ idleRuntimeSessionTimeout: 900, maxLifetime: 28800 });
  });

  it('reads back equal to the spec it was deployed from, once both are normalised', () => {
    const desired = containerSpec({
      tags: { team: 'support' },
      lifecycleConfiguration: { maxLifetime: 3600 },
    });
    const current = currentSpecOf(runtimeAsServiceReturns(desired));
    expect(canonicalJson(normalizeSpec(current))).toBe(canonicalJson(normalizeSpec(desired)));
  });
});

describe('normalizeSpec', () => {
  it('treats the service defaults 900 (idle) and 28800 (max lifetime) as not set', () => {
    expect(
      normalizeSpec(
        containerSpec({ lifecycleConfiguration: { idleRuntimeSessionTimeout: 900, maxLifetime: 28800 } }),
      ),
    ).not.toHaveProperty('lifecycleConfiguration');
    expect(
      normalizeSpec(
        containerSpec({ lifecycleConfiguration: { idleRuntimeSessionTimeout: 900, maxLifetime: 3600 } }),
      ).lifecycleConfiguration,
    ).toEqual({ maxLifetime: 3600 });
    expect(
      normalizeSpec(
        containerSpec({ lifecycleConfiguration: { idleRuntimeSessionTimeout: 1800, maxLifetime: 28800 } }),
      ).lifecycleConfiguration,
    ).toEqual({ idleRuntimeSessionTimeout: 1800 });
  });

  it('treats empty maps and lists like absent ones', () => {
    const withEmpty = normalizeSpec(
      containerSpec({ environmentVariables: {}, filesystemConfigurations: [] }),
    );
    const without = normalizeSpec(containerSpec({ environmentVariables: undefined }));
    expect(withEmpty).not.toHaveProperty('environmentVariables');
    expect(withEmpty).not.toHaveProperty('filesystemConfigurations');
    expect(canonicalJson(withEmpty)).toBe(canonicalJson(without));
  });

  it('treats PUBLIC networking like no network configuration (the default), but keeps VPC', () => {
    expect(
      normalizeSpec(containerSpec({ networkConfiguration: { networkMode: 'PUBLIC' } })),
    ).not.toHaveProperty('networkConfiguration');
    expect(canonicalJson(normalizeSpec(containerSpec({ networkConfiguration: undefined })))).toBe(
      canonicalJson(normalizeSpec(containerSpec({ networkConfiguration: { networkMode: 'PUBLIC' } }))),
    );
    expect(normalizeSpec(containerSpec({ networkConfiguration: VPC })).networkConfiguration).toEqual(VPC);
  });

  it('leaves out the network of a runtime on a capacity provider, whatever Get reports for it', () => {
    const capacityProviderConfiguration = {
      capacityProviderArn: 'arn:aws:bedrock-agentcore:us-east-1:123456789012:capacity-provider/p-a1b2c3d4e5',
    };
    const desired = containerSpec({ networkConfiguration: undefined, capacityProviderConfiguration });
    for (const reported of [undefined, { networkMode: 'PUBLIC' as const }, VPC]) {
      const current = currentSpecOf(runtimeAsServiceReturns({ ...desired, networkConfiguration: reported }));
      expect(canonicalJson(normalizeSpec(current))).toBe(canonicalJson(normalizeSpec(desired)));
    }
    // Without a capacity provider, the network is compared as before.
    expect(normalizeSpec(containerSpec({ networkConfiguration: VPC })).networkConfiguration).toEqual(VPC);
    expect(createRequestOf(desired, '')).not.toHaveProperty('networkConfiguration');
  });

  it('drops requireServiceS3Endpoint, which Get returns but Create and Update reject', () => {
    const returned = {
      ...VPC,
      networkModeConfig: { ...VPC.networkModeConfig, requireServiceS3Endpoint: true },
    };
    expect(normalizeSpec(containerSpec({ networkConfiguration: returned })).networkConfiguration).toEqual(
      VPC,
    );
  });

  it('drops null and undefined members, the idempotency token and the tags', () => {
    const spec = {
      ...containerSpec({ tags: { team: 'a' }, description: undefined }),
      clientToken: 'x'.repeat(40),
      authorizerConfiguration: null,
    } as unknown as AgentRuntimeSpec;
    const normalized = normalizeSpec(spec) as Record<string, unknown>;
    for (const gone of ['tags', 'clientToken', 'description', 'authorizerConfiguration'])
      expect(normalized).not.toHaveProperty(gone);
    expect(normalized.roleArn).toBe(ROLE);
  });

  it('leaves its input as it was', () => {
    const spec = containerSpec({
      lifecycleConfiguration: { idleRuntimeSessionTimeout: 900 },
      networkConfiguration: VPC,
    });
    const before = canonicalJson(spec);
    normalizeSpec(spec);
    expect(canonicalJson(spec)).toBe(before);
  });
});

describe('updateRequestOf', () => {
  const desired = containerSpec({
    tags: { team: 'support' },
    metadataConfiguration: { requireMMDSV2: true },
    networkConfiguration: {
      ...VPC,
      networkModeConfig: { ...VPC.networkModeConfig, requireServiceS3Endpoint: true },
    },
  });

  it('is the full desired configuration: no name, no tags, never requireServiceS3Endpoint', () => {
    const request = updateRequestOf(desired, 'support_agent-a1B2c3D4e5', 'a'.repeat(64));
    expect(request).toEqual({
      agentRuntimeId: 'support_agent-a1B2c3D4e5',
      clientToken: 'a'.repeat(64),
      agentRuntimeArtifact: desired.agentRuntimeArtifact,
      roleArn: ROLE,
      networkConfiguration: VPC,
      protocolConfiguration: { serverProtocol: 'HTTP' },
      description: 'Answers support questions',
      environmentVariables: desired.environmentVariables,
      metadataConfiguration: { requireMMDSV2: true },
    });
    expect(validateShape(request, 'UpdateAgentRuntimeRequest', { rejectUnknownMembers: true })).toEqual([]);
  });

  it('sends the defaults the user wrote (they are only "not set" for comparing)', () => {
    const request = updateRequestOf(
      containerSpec({ lifecycleConfiguration: { idleRuntimeSessionTimeout: 900, maxLifetime: 28800 } }),
      'support_agent-a1B2c3D4e5',
      '',
    );
    expect(request.lifecycleConfiguration).toEqual({ idleRuntimeSessionTimeout: 900, maxLifetime: 28800 });
    expect(request).not.toHaveProperty('clientToken');
  });

  it('does not change the spec it is built from', () => {
    updateRequestOf(desired, 'support_agent-a1B2c3D4e5', '');
    expect(desired.networkConfiguration?.networkModeConfig?.requireServiceS3Endpoint).toBe(true);
  });
});

it('an update carries the private endpoints the service does not report', () => {
  const privateEndpoint = {
    selfManagedLatticeResource: { resourceConfigurationIdentifier: 'rcfg-0123456789abcdef0' },
  };
  const desired = containerSpec({
    authorizerConfiguration: {
      customJWTAuthorizer: {
        discoveryUrl: 'https://idp.example.com/.well-known/openid-configuration',
        privateEndpoint,
        privateEndpointOverrides: [{ domain: 'idp.example.com', privateEndpoint }],
      },
    },
  });
  const request = updateRequestOf(desired, 'support_agent-a1B2c3D4e5', 'token-0123456789abcdef0123456789abc');
  expect(request.authorizerConfiguration).toEqual(desired.authorizerConfiguration);
});

describe('createRequestOf', () => {
  it('carries name and tags, but no metadataConfiguration (Create does not accept it)', () => {
    const desired = containerSpec({
      tags: { team: 'support' },
      metadataConfiguration: { requireMMDSV2: true },
    });
    const request = createRequestOf(desired, clientTokenFor({ create: createRequestOf(desired, '') }));
    expect(request.agentRuntimeName).toBe('support_agent');
    // The given tags, and the marker that tells destroy this action created the runtime.
    expect(request.tags).toEqual({ team: 'support', [MARKER_TAG_KEY]: 'true' });
    expect(request).not.toHaveProperty('metadataConfiguration');
    expect(validateShape(request, 'CreateAgentRuntimeRequest', { rejectUnknownMembers: true })).toEqual([]);
  });
});

describe('clientTokenFor', () => {
  it('is a sha256 hex that fits the ClientToken pattern and length', () => {
    const token = clientTokenFor(createRequestOf(containerSpec(), ''));
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect(token).toMatch(/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,256}$/);
    expect(token.length).toBeGreaterThanOrEqual(33);
  });

  it('is the same for the same request whatever the key order, and differs otherwise', () => {
    const a = { roleArn: ROLE, networkConfiguration: { networkMode: 'PUBLIC', x: 1 } };
    const b = { networkConfiguration: { x: 1, networkMode: 'PUBLIC' }, roleArn: ROLE };
    expect(clientTokenFor(a)).toBe(clientTokenFor(b));
    expect(clientTokenFor({ ...a, roleArn: `${ROLE}2` })).not.toBe(clientTokenFor(a));
    const update = updateRequestOf(containerSpec(), 'support_agent-a1B2c3D4e5', '');
    expect(clientTokenFor({ update, from: '3' })).not.toBe(clientTokenFor({ update, from: '4' }));
  });
});
