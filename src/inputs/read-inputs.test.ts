import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { BAD_INPUTS, VALID_INPUTS } from './fixtures/bad-inputs.js';
import { GOOD_CONFIGS, inputsOf, makeWorkspace, removeWorkspaces } from './fixtures/workspace.js';
import { loadConfigFile } from './config-file.js';
import { readInputs } from './read-inputs.js';

afterAll(removeWorkspaces);

const read = (inputs: Record<string, string>, files: Record<string, string> = {}) =>
  readInputs(
    inputsOf(inputs),
    { GITHUB_WORKSPACE: makeWorkspace(files), AWS_REGION: 'us-east-1' },
    loadConfigFile,
  );

const goodConfig = (name: string) => readFileSync(join(GOOD_CONFIGS, name), 'utf8');

describe('readInputs from inputs alone', () => {
  it('builds the spec of a container runtime, PUBLIC by default and without tags', () => {
    const { spec, errors } = read(VALID_INPUTS);
    expect(errors).toEqual([]);
    expect(spec).toEqual({
      agentRuntimeName: 'my_agent',
      roleArn: VALID_INPUTS['role-arn'],
      agentRuntimeArtifact: { containerConfiguration: { containerUri: VALID_INPUTS['container-uri'] } },
      networkConfiguration: { networkMode: 'PUBLIC' },
    });
  });

  it('maps every runtime input of the contract', () => {
    const { spec, errors } = read({
      'agent-runtime-name': 'full_agent',
      description: 'All inputs',
      'role-arn': 'arn:aws:iam::123456789012:role/AgentRuntime',
      'code-s3-bucket': 'my-agent-artifacts',
      'code-s3-prefix': 'agents/full.zip',
      'code-s3-version-id': 'abc123',
      'code-entry-point': 'opentelemetry-instrument\nmain.py',
      'code-runtime': 'PYTHON_3_13',
      'network-mode': 'VPC',
      subnets: 'subnet-0123456789abcdef0, subnet-0123456789abcdef1',
      'security-groups': 'sg-0123456789abcdef0',
      'environment-variables': 'LOG_LEVEL=debug\nQUERY=a=b',
      'jwt-discovery-url': 'https://issuer.example.com/.well-known/openid-configuration',
      'jwt-allowed-audience': 'api://agent',
      'jwt-allowed-clients': 'client-a,client-b',
      'idle-runtime-session-timeout': '600',
      'max-lifetime': '3600',
      'server-protocol': 'A2A',
      'request-header-allowlist': 'X-Tenant-Id',
      tags: 'team=agents\nenv=prod',
    });
    expect(errors).toEqual([]);
    expect(spec).toEqual({
      agentRuntimeName: 'full_agent',
      description: 'All inputs',
      roleArn: 'arn:aws:iam::123456789012:role/AgentRuntime',
      agentRuntimeArtifact: {
        codeConfiguration: {
          code: { s3: { bucket: 'my-agent-artifacts', prefix: 'agents/full.zip', versionId: 'abc123' } },
          entryPoint: ['opentelemetry-instrument', 'main.py'],
          runtime: 'PYTHON_3_13',
        },
      },
      networkConfiguration: {
        networkMode: 'VPC',
        networkModeConfig: {
          subnets: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
          securityGroups: ['sg-0123456789abcdef0'],
        },
      },
      environmentVariables: { LOG_LEVEL: 'debug', QUERY: 'a=b' },
      authorizerConfiguration: {
        customJWTAuthorizer: {
          discoveryUrl: 'https://issuer.example.com/.well-known/openid-configuration',
          allowedAudience: ['api://agent'],
          allowedClients: ['client-a', 'client-b'],
        },
      },
      lifecycleConfiguration: { idleRuntimeSessionTimeout: 600, maxLifetime: 3600 },
      protocolConfiguration: { serverProtocol: 'A2A' },
      requestHeaderConfiguration: { requestHeaderAllowlist: ['X-Tenant-Id'] },
      tags: { team: 'agents', env: 'prod' },
    });
  });

  it('reports the three required fields when nothing is given', () => {
    const { spec, errors } = read({});
    expect(spec).toBeUndefined();
    expect(errors.map((e) => e.field)).toEqual(['agent-runtime-name', 'container-uri', 'role-arn']);
  });

  it('returns the settings with the spec', () => {
    const { settings } = read({ ...VALID_INPUTS, mode: 'deploy', 'wait-timeout': '45m' });
    expect(settings).toMatchObject({ mode: 'deploy', waitTimeoutSeconds: 2700 });
  });

  it('keeps a valid spec when only a settings input is wrong', () => {
    const { spec, errors } = read({ ...VALID_INPUTS, mode: 'apply' });
    expect(errors.map((e) => e.field)).toEqual(['mode']);
    expect(spec?.agentRuntimeName).toBe('my_agent');
  });
});

describe('readInputs with a config file', () => {
  it.each(['container.yaml', 'code.json', 'everything.yaml'])('accepts the example %s as written', (name) => {
    const { spec, errors } = read({ 'config-file': name }, { [name]: goodConfig(name) });
    expect(errors).toEqual([]);
    const document = parse(goodConfig(name));
    delete document.clientToken;
    // PUBLIC is the default network, except on a capacity provider (everything.yaml), which has none.
    const network = document.capacityProviderConfiguration
      ? {}
      : { networkConfiguration: { networkMode: 'PUBLIC' } };
    expect(spec).toEqual({ ...network, ...document });
    expect(spec).not.toHaveProperty('clientToken');
  });

  it('keeps the update-only metadataConfiguration in the spec', () => {
    const { spec } = read({ 'config-file': 'e.yaml' }, { 'e.yaml': goodConfig('everything.yaml') });
    expect(spec?.metadataConfiguration).toEqual({ requireMMDSV2: true });
  });

  it('lets inputs override a YAML file', () => {
    const { spec, errors } = read(
      {
        'config-file': 'deploy/agent.yaml',
        'container-uri': '123456789012.dkr.ecr.us-east-1.amazonaws.com/support-agent:v2',
        'security-groups': 'sg-0123456789abcdef9',
        'environment-variables': 'LOG_LEVEL=debug',
        tags: 'env=staging',
        'idle-runtime-session-timeout': '300',
      },
      { 'deploy/agent.yaml': goodConfig('container.yaml') },
    );
    expect(errors).toEqual([]);
    expect(spec).toMatchObject({
      agentRuntimeName: 'support_agent',
      agentRuntimeArtifact: {
        containerConfiguration: {
          containerUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/support-agent:v2',
        },
      },
      networkConfiguration: {
        networkMode: 'VPC',
        networkModeConfig: {
          subnets: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
          securityGroups: ['sg-0123456789abcdef9'],
        },
      },
      environmentVariables: { LOG_LEVEL: 'debug', MODEL_ID: 'anthropic.claude-sonnet' },
      lifecycleConfiguration: { idleRuntimeSessionTimeout: 300, maxLifetime: 28800 },
      tags: { team: 'support', env: 'staging' },
    });
  });

  it('lets inputs override a JSON file, a container replacing its code artifact', () => {
    const { spec, errors } = read(
      {
        'config-file': 'code.json',
        'agent-runtime-name': 'renamed_agent',
        'container-uri': '123456789012.dkr.ecr.us-east-1.amazonaws.com/agent@sha256:abc',
        'jwt-allowed-clients': 'client-z',
      },
      { 'code.json': goodConfig('code.json') },
    );
    expect(errors).toEqual([]);
    expect(spec?.agentRuntimeName).toBe('renamed_agent');
    expect(spec?.agentRuntimeArtifact).toEqual({
      containerConfiguration: {
        containerUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/agent@sha256:abc',
      },
    });
    expect(spec?.authorizerConfiguration?.customJWTAuthorizer).toEqual({
      discoveryUrl:
        'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_EXAMPLE/.well-known/openid-configuration',
      allowedClients: ['client-z'],
    });
  });

  it('lets an input fix a field the file gets wrong', () => {
    const file = goodConfig('container.yaml').replace('support_agent', 'support-agent');
    const { errors } = read(
      { 'config-file': 'a.yaml', 'agent-runtime-name': 'support_agent' },
      { 'a.yaml': file },
    );
    expect(errors).toEqual([]);
  });
});

describe('the bad-input corpus', () => {
  const SETTINGS = [
    'wait-timeout',
    'wait-for-ready',
    'mode',
    'comment-on-pr',
    'role-duration-seconds',
    'role-to-assume',
  ];

  it.each(BAD_INPUTS.map((c) => [c.name, c] as const))('rejects %s', (_, bad) => {
    const { spec, errors } = read(bad.inputs, bad.file ? { [bad.file.name]: bad.file.text } : {});
    const match = errors.find((e) => e.field === bad.expectField && e.message.includes(bad.expectMessage));
    if (!match)
      throw new Error(
        `no error on ${bad.expectField} containing "${bad.expectMessage}":\n${JSON.stringify(errors, null, 2)}`,
      );
    if (bad.expectLine !== undefined) expect(match.line).toBe(bad.expectLine);
    if (bad.expectColumn !== undefined) expect(match.column).toBe(bad.expectColumn);
    if (bad.file && !bad.expectField.includes('-')) expect(match.file).toBe(bad.file.name);
    if (!SETTINGS.includes(bad.expectField)) expect(spec).toBeUndefined();
  });
});

describe('error reporting', () => {
  it('returns every problem at once: inputs, file and settings', () => {
    const file = [
      'agentRuntimeName: my-agent',
      'rolArn: arn:aws:iam::123456789012:role/R',
      'networkConfiguration:',
      '  networkMode: VPC',
    ].join('\n');
    const { spec, errors } = read(
      {
        'config-file': 'agent.yaml',
        'environment-variables': 'NOPE',
        'max-lifetime': 'long',
        'wait-timeout': 'soon',
        subnets: 'subnet-x',
      },
      { 'agent.yaml': file },
    );
    expect(spec).toBeUndefined();
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'environment-variables' }),
        expect.objectContaining({ field: 'max-lifetime' }),
        expect.objectContaining({ field: 'agentRuntimeName', file: 'agent.yaml', line: 1 }),
        expect.objectContaining({
          field: 'rolArn',
          line: 2,
          message: expect.stringContaining('did you mean roleArn?'),
        }),
        expect.objectContaining({ field: 'role-arn' }),
        expect.objectContaining({ field: 'container-uri' }),
        expect.objectContaining({ field: 'subnets' }),
        expect.objectContaining({ field: 'networkConfiguration.networkModeConfig.securityGroups', line: 3 }),
        expect.objectContaining({ field: 'wait-timeout' }),
      ]),
    );
  });

  it('never echoes an environment-variable value', () => {
    const secret = 'hunter2-S3CR3T';
    const inputs = {
      ...VALID_INPUTS,
      'environment-variables': [`TOKEN${secret}`, `=${secret}`, `LONG=${secret.repeat(400)}`].join('\n'),
    };
    const fileCases: Record<string, string> = {
      'a.yaml': `environmentVariables:\n  TOKEN: ${secret}: oops\n`,
      'b.yaml': `environmentVariables:\n  TOKEN: [${secret}]\n`,
      'c.yaml': `environmentVariables: ${secret}\n`,
      'd.json': `{"environmentVariables": {"TOKEN": ${secret}}}`,
      'e.json': `{"environmentVariables": {"TOKEN": "${secret}" "B": 1}}`,
      'f.cfg': `{"environmentVariables": {"TOKEN": "${secret}",}`,
      'g.yaml': `environmentVariables:\n  TOKEN: | ${secret}\n    x\n`,
    };
    const manyVariables = Array.from({ length: 51 }, (_, i) => `K${i}=${secret}`).join('\n');
    const results = [
      read(inputs),
      read({ ...VALID_INPUTS, 'environment-variables': manyVariables }),
      ...Object.entries(fileCases).map(([name, text]) =>
        read({ ...VALID_INPUTS, 'config-file': name }, { [name]: text }),
      ),
    ];
    for (const { errors } of results) {
      expect(errors.length).toBeGreaterThan(0);
      expect(JSON.stringify(errors)).not.toContain(secret);
    }
  });

  it('reports a file value at the API path, and an input value under the input name', () => {
    const file = 'agentRuntimeName: file-name\n';
    const fromFile = read(
      { ...VALID_INPUTS, 'agent-runtime-name': '', 'config-file': 'a.yaml' },
      { 'a.yaml': file },
    );
    expect(fromFile.errors).toEqual([
      expect.objectContaining({ field: 'agentRuntimeName', file: 'a.yaml', line: 1, column: 19 }),
    ]);
    const fromInput = read(
      { ...VALID_INPUTS, 'agent-runtime-name': 'input-name', 'config-file': 'a.yaml' },
      { 'a.yaml': file },
    );
    expect(fromInput.errors).toEqual([
      { field: 'agent-runtime-name', message: expect.stringContaining('input_name') },
    ]);
  });
});

describe('fields GetAgentRuntime reports but CreateAgentRuntime rejects', () => {
  it('drops requireServiceS3Endpoint from a copied config, with a warning', () => {
    const file = [
      'agentRuntimeName: my_agent',
      'roleArn: arn:aws:iam::123456789012:role/AgentRuntime',
      'agentRuntimeArtifact:',
      '  containerConfiguration:',
      '    containerUri: 123456789012.dkr.ecr.us-east-1.amazonaws.com/my-agent:v1',
      'networkConfiguration:',
      '  networkMode: VPC',
      '  networkModeConfig:',
      '    subnets: [subnet-0123456789abcdef0]',
      '    securityGroups: [sg-0123456789abcdef0]',
      '    requireServiceS3Endpoint: false',
    ].join('\n');
    const { spec, errors, warnings } = read({ 'config-file': 'agent.yaml' }, { 'agent.yaml': file });
    expect(errors).toEqual([]);
    expect(spec?.networkConfiguration?.networkModeConfig).toEqual({
      subnets: ['subnet-0123456789abcdef0'],
      securityGroups: ['sg-0123456789abcdef0'],
    });
    expect(warnings).toEqual([expect.stringContaining('requireServiceS3Endpoint is ignored')]);
  });
});

describe('code-path and the artifact settings', () => {
  const CODE = {
    'agent-runtime-name': 'zipped',
    'role-arn': 'arn:aws:iam::123456789012:role/AgentRuntime',
    'code-path': 'agent',
    'code-s3-bucket': 'artifacts',
    'code-entry-point': 'main.py',
    'code-runtime': 'PYTHON_3_13',
  };
  const fields = (r: ReturnType<typeof read>) => r.errors.map((e) => e.field);

  it('takes a directory, defaults the prefix to the runtime name, and validates a key of the final shape', () => {
    const result = read(CODE, { 'agent/main.py': 'print(1)' });
    expect(result.errors).toEqual([]);
    expect(result.settings.artifact).toMatchObject({
      pinImageDigest: true,
      checkArchitecture: true,
      codePrefix: 'zipped/',
      codePathInput: 'agent',
    });
    expect(result.settings.artifact.codePath).toMatch(/\/agent$/);
    expect(result.spec?.agentRuntimeArtifact?.codeConfiguration?.code?.s3?.prefix).toMatch(
      /^zipped\/0{64}\.zip$/,
    );
  });

  it('code-s3-prefix is a folder with code-path', () => {
    const result = read({ ...CODE, 'code-s3-prefix': 'agents/support' }, { 'agent/main.py': '' });
    expect(result.settings.artifact.codePrefix).toBe('agents/support/');
  });

  it('takes the bucket, entry point and runtime from the config file', () => {
    const result = read(
      { 'code-path': 'agent', 'config-file': 'rt.yaml' },
      {
        'agent/main.py': '',
        'rt.yaml': [
          'agentRuntimeName: from_file',
          'roleArn: arn:aws:iam::123456789012:role/AgentRuntime',
          'agentRuntimeArtifact:',
          '  codeConfiguration: { code: { s3: { bucket: artifacts, prefix: zips } }, entryPoint: [main.py], runtime: PYTHON_3_13 }',
        ].join('\n'),
      },
    );
    expect(result.errors).toEqual([]);
    expect(result.settings.artifact.codePrefix).toBe('zips/');
  });

  it('refuses a missing directory, a file, code-exclude alone, a version id, and a container as well', () => {
    expect(fields(read(CODE))).toEqual(['code-path']);
    expect(read(CODE, { agent: 'a file' }).errors[0].message).toContain('is a file');
    expect(
      fields(read({ ...CODE, 'code-path': '', 'code-exclude': '*.md', 'code-s3-prefix': 'k.zip' })),
    ).toEqual(['code-exclude']);
    expect(fields(read({ ...CODE, 'code-s3-version-id': 'v1234' }, { 'agent/main.py': '' }))).toEqual([
      'code-s3-version-id',
    ]);
    const both = read(
      { ...CODE, 'container-uri': '123456789012.dkr.ecr.us-east-1.amazonaws.com/a:v1' },
      { 'agent/main.py': '' },
    );
    expect(fields(both)).toContain('container-uri');
    expect(both.errors[0].message).toContain('code-path');
  });

  it('asks for what code-path needs when neither inputs nor the file give it', () => {
    const result = read(
      {
        'agent-runtime-name': 'x',
        'role-arn': CODE['role-arn'],
        'code-path': 'agent',
        'code-s3-bucket': 'artifacts',
      },
      { 'agent/main.py': '' },
    );
    expect(fields(result).sort()).toEqual(['code-entry-point', 'code-runtime']);
  });

  it('pin-image-digest and check-architecture are booleans', () => {
    const result = read({ ...VALID_INPUTS, 'pin-image-digest': 'false', 'check-architecture': 'maybe' });
    expect(result.settings.artifact.pinImageDigest).toBe(false);
    expect(fields(result)).toEqual(['check-architecture']);
  });
});

describe('checkExcludeGlobs', () => {
  it('names a pattern that does not parse', async () => {
    const { checkExcludeGlobs } = await import('./artifact-settings.js');
    expect(await checkExcludeGlobs(['tests/**', '*.md'])).toEqual([]);
    const [error] = await checkExcludeGlobs(['{a,b']);
    expect(error).toMatchObject({ field: 'code-exclude' });
    expect(error.message).toContain('"{a,b" is not a valid glob');
  });
});

describe('mode: destroy', () => {
  it('needs the runtime name only', () => {
    const { spec, errors } = read({ mode: 'destroy', 'agent-runtime-name': 'my_agent_pr7' });
    expect(errors).toEqual([]);
    expect(spec?.agentRuntimeName).toBe('my_agent_pr7');
  });

  it('takes the name from the config file, whatever else the file lacks', () => {
    const { spec, errors } = read(
      { mode: 'destroy', 'config-file': 'agent.yaml' },
      { 'agent.yaml': 'agentRuntimeName: from_file\n' },
    );
    expect(errors).toEqual([]);
    expect(spec?.agentRuntimeName).toBe('from_file');
  });

  it('still rejects a missing or bad name, and settings errors', () => {
    expect(read({ mode: 'destroy' }).errors.map((e) => e.field)).toEqual(['agent-runtime-name']);
    const bad = read({ mode: 'destroy', 'agent-runtime-name': 'my-agent', 'force-destroy': 'maybe' });
    expect(bad.spec).toBeUndefined();
    expect(bad.errors.map((e) => e.field)).toEqual(['agent-runtime-name', 'force-destroy']);
  });
});
