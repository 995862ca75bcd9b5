import { inputsOf } from './fixtures/workspace.js';
import { mergeSpec } from './merge.js';
import { specFromInputs } from './spec-from-inputs.js';

/** The merged spec of a file document and some inputs. */
function merge(file: Record<string, unknown> | undefined, inputs: Record<string, string>) {
  const { overrides, errors } = specFromInputs(inputsOf(inputs));
  expect(errors).toEqual([]);
  return mergeSpec(file, overrides);
}

const CODE_ARTIFACT = {
  codeConfiguration: {
    code: { s3: { bucket: 'b-b', prefix: 'p' } },
    runtime: 'NODE_22',
    entryPoint: ['main.js'],
  },
};

describe('mergeSpec', () => {
  it('lets scalar inputs override the file', () => {
    const spec = merge(
      { agentRuntimeName: 'from_file', description: 'file' },
      { 'agent-runtime-name': 'from_input' },
    );
    expect(spec).toMatchObject({ agentRuntimeName: 'from_input', description: 'file' });
  });

  it('replaces lists', () => {
    const file = {
      networkConfiguration: {
        networkMode: 'VPC',
        networkModeConfig: { subnets: ['subnet-a', 'subnet-b'], securityGroups: ['sg-a'] },
      },
    };
    const spec = merge(file, { subnets: 'subnet-c' });
    // The file's security groups stay: a partial override merges into the file's structure.
    expect(spec.networkConfiguration).toEqual({
      networkMode: 'VPC',
      networkModeConfig: { subnets: ['subnet-c'], securityGroups: ['sg-a'] },
    });
  });

  it('merges environment variables and tags key by key', () => {
    const file = { environmentVariables: { A: 'file', B: 'file' }, tags: { team: 'x', env: 'dev' } };
    const spec = merge(file, { 'environment-variables': 'B=input\nC=input', tags: 'env=prod' });
    expect(spec.environmentVariables).toEqual({ A: 'file', B: 'input', C: 'input' });
    expect(spec.tags).toEqual({ team: 'x', env: 'prod' });
  });

  it('leaves tags undefined when given nowhere, and keeps an explicit empty map', () => {
    expect(merge({}, {}).tags).toBeUndefined();
    expect(merge({ tags: {} }, {}).tags).toEqual({});
    expect(merge(undefined, { tags: 'team=x' }).tags).toEqual({ team: 'x' });
  });

  it('replaces the whole artifact when an artifact input is set', () => {
    const spec = merge({ agentRuntimeArtifact: CODE_ARTIFACT }, { 'container-uri': 'repo:v1' });
    expect(spec.agentRuntimeArtifact).toEqual({ containerConfiguration: { containerUri: 'repo:v1' } });
  });

  it('builds a code artifact from the code-* inputs', () => {
    const spec = merge(
      { agentRuntimeArtifact: { containerConfiguration: { containerUri: 'repo:v1' } } },
      {
        'code-s3-bucket': 'bucket',
        'code-s3-prefix': 'agent.zip',
        'code-s3-version-id': 'v123',
        'code-entry-point': 'opentelemetry-instrument, main.py',
        'code-runtime': 'PYTHON_3_12',
      },
    );
    expect(spec.agentRuntimeArtifact).toEqual({
      codeConfiguration: {
        code: { s3: { bucket: 'bucket', prefix: 'agent.zip', versionId: 'v123' } },
        entryPoint: ['opentelemetry-instrument', 'main.py'],
        runtime: 'PYTHON_3_12',
      },
    });
  });

  it('merges partial authorizer and lifecycle inputs into the file', () => {
    const file = {
      authorizerConfiguration: {
        customJWTAuthorizer: { discoveryUrl: 'https://i/.well-known/openid-configuration' },
      },
      lifecycleConfiguration: { idleRuntimeSessionTimeout: 600, maxLifetime: 3600 },
    };
    const spec = merge(file, { 'jwt-allowed-clients': 'a\nb', 'max-lifetime': '7200' });
    expect(spec.authorizerConfiguration).toEqual({
      customJWTAuthorizer: {
        discoveryUrl: 'https://i/.well-known/openid-configuration',
        allowedClients: ['a', 'b'],
      },
    });
    expect(spec.lifecycleConfiguration).toEqual({ idleRuntimeSessionTimeout: 600, maxLifetime: 7200 });
  });

  it('falls back to PUBLIC when nothing sets a network mode', () => {
    expect(merge({}, {}).networkConfiguration).toEqual({ networkMode: 'PUBLIC' });
    expect(merge({ networkConfiguration: { networkMode: 'VPC' } }, {}).networkConfiguration).toEqual({
      networkMode: 'VPC',
    });
    expect(merge({}, { 'network-mode': 'VPC' }).networkConfiguration).toEqual({ networkMode: 'VPC' });
  });

  it('drops the file clientToken and does not change the file document', () => {
    const file = { clientToken: 'x'.repeat(40), agentRuntimeName: 'a' };
    const spec = merge(file, { 'agent-runtime-name': 'b' });
    expect(spec).not.toHaveProperty('clientToken');
    expect(file).toEqual({ clientToken: 'x'.repeat(40), agentRuntimeName: 'a' });
  });

  it('drops a top-level $schema, which points editors at the JSON Schema', () => {
    const spec = merge({ $schema: '../schema/agent-runtime.schema.json', agentRuntimeName: 'a' }, {});
    expect(spec).toEqual({ agentRuntimeName: 'a', networkConfiguration: { networkMode: 'PUBLIC' } });
  });
});

describe('specFromInputs', () => {
  it('maps every input of the contract to its API field', () => {
    const { overrides, errors } = specFromInputs(
      inputsOf({
        description: 'd',
        'role-arn': 'r',
        'jwt-discovery-url': 'u',
        'jwt-allowed-audience': 'aud1,aud2',
        'idle-runtime-session-timeout': '120',
        'server-protocol': 'MCP',
        'request-header-allowlist': 'X-A\nX-B',
      }),
    );
    expect(errors).toEqual([]);
    expect(mergeSpec(undefined, overrides)).toEqual({
      description: 'd',
      roleArn: 'r',
      authorizerConfiguration: {
        customJWTAuthorizer: { discoveryUrl: 'u', allowedAudience: ['aud1', 'aud2'] },
      },
      lifecycleConfiguration: { idleRuntimeSessionTimeout: 120 },
      protocolConfiguration: { serverProtocol: 'MCP' },
      requestHeaderConfiguration: { requestHeaderAllowlist: ['X-A', 'X-B'] },
      networkConfiguration: { networkMode: 'PUBLIC' },
    });
  });

  it('reports each missing code input by name', () => {
    const { errors } = specFromInputs(inputsOf({ 'code-entry-point': 'main.py' }));
    expect(errors.map((e) => e.field)).toEqual(['code-s3-bucket', 'code-s3-prefix', 'code-runtime']);
    expect(errors[2].message).toContain('NODE_22');
  });

  it('names both sides when container and code inputs clash, and keeps the container', () => {
    const { errors, overrides } = specFromInputs(
      inputsOf({ 'container-uri': 'c', 'code-runtime': 'NODE_22' }),
    );
    expect(errors).toEqual([
      {
        field: 'container-uri',
        message: expect.stringContaining('container-uri and code-runtime are both set'),
      },
    ]);
    expect(overrides.map((o) => o.input)).toEqual(['container-uri']);
  });
});
