// The words an editor shows for the config file's fields (hover and completion), in our own words: the
// constraints file carries no documentation. Short on purpose: the fields users trip on get a note, the
// rest keep the model's name, type and limits. Keys are `Shape.member` (a property) or `Shape`.

export const ROOT_NOTE =
  'Configuration of one Amazon Bedrock AgentCore Agent Runtime for the agentcore-deploy action: the ' +
  'CreateAgentRuntime request in camelCase (what `aws bedrock-agentcore-control create-agent-runtime ' +
  '--cli-input-json` takes), plus the update-only metadataConfiguration. Action inputs override its fields.';

export const SHAPE_NOTES: Record<string, string> = {
  AgentRuntimeName:
    'A letter, then at most 47 letters, digits and underscores. No hyphens: my_agent, not my-agent.',
  RuntimeContainerUri:
    'Amazon ECR image URI with a tag or digest, e.g. 123456789012.dkr.ecr.us-east-1.amazonaws.com/my-agent:v1 ' +
    'or ...my-agent@sha256:<digest>. The action rejects an untagged URI. AgentCore runs linux/arm64 images.',
  RoleArn: 'ARN of an IAM role, e.g. arn:aws:iam::123456789012:role/AgentRuntimeExecution.',
  SubnetId: 'A subnet ID, e.g. subnet-0123456789abcdef0.',
  SecurityGroupId: 'A security group ID, e.g. sg-0123456789abcdef0.',
  DiscoveryUrl:
    'OpenID Connect discovery URL, ending in /.well-known/openid-configuration, e.g. ' +
    'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_EXAMPLE/.well-known/openid-configuration.',
  HeaderName: 'A header name: a letter, then letters, digits, hyphens and underscores.',
  MountPath: 'A directory directly under /mnt, e.g. /mnt/data.',
  TagKey: 'Letters, digits, spaces and _ . : / = + @ -',
  TagValue: 'Letters, digits, spaces and _ . : / = + @ - (text: quote numbers and booleans in YAML).',
  EnvironmentVariableValue: 'Text: quote numbers and booleans in YAML, e.g. PORT: "8080".',
};

export const MEMBER_NOTES: Record<string, string> = {
  // The request's top level.
  'CreateAgentRuntimeRequest.agentRuntimeName':
    'Name of the runtime, unique in the account and region; the action updates the runtime of this name ' +
    'or creates it. A letter, then at most 47 letters, digits and underscores. No hyphens: my_agent, not ' +
    'my-agent. Input: agent-runtime-name.',
  'CreateAgentRuntimeRequest.agentRuntimeArtifact':
    'What the runtime runs: a container image (containerConfiguration) or zipped code in S3 ' +
    '(codeConfiguration), exactly one. The container-uri and code-* inputs replace it.',
  'CreateAgentRuntimeRequest.roleArn':
    'Execution role the runtime assumes (pulls the image, writes logs, calls models). Not the role the ' +
    'workflow deploys with: that is the role-to-assume input.',
  'CreateAgentRuntimeRequest.networkConfiguration':
    'PUBLIC (the default when left out) or VPC with subnets and security groups. Not with ' +
    "capacityProviderConfiguration: such a runtime uses the capacity provider's network.",
  'CreateAgentRuntimeRequest.clientToken':
    'Ignored: the action makes its own idempotency token from the request, so a re-run is a safe retry. ' +
    'Allowed so that a file written for the AWS CLI works unchanged.',
  'CreateAgentRuntimeRequest.description': 'Free text, 1 to 4096 characters.',
  'CreateAgentRuntimeRequest.authorizerConfiguration':
    'Inbound authorization with JWTs (customJWTAuthorizer). Without it, callers sign requests with IAM (SigV4).',
  'CreateAgentRuntimeRequest.requestHeaderConfiguration':
    'Request headers passed through to the runtime (requestHeaderAllowlist).',
  'CreateAgentRuntimeRequest.protocolConfiguration': 'Protocol the runtime serves: HTTP, MCP, A2A or AGUI.',
  'CreateAgentRuntimeRequest.lifecycleConfiguration':
    'Session timeouts in seconds, 60 (1 minute) to 1209600 (14 days). idleRuntimeSessionTimeout must not ' +
    'be longer than maxLifetime (the action checks this; JSON Schema cannot compare two fields).',
  'CreateAgentRuntimeRequest.environmentVariables':
    'Up to 50 variables. Values are text: quote numbers and booleans in YAML (PORT: "8080"). The action ' +
    'never prints them; still, keep secrets out of the repository: pass them with the ' +
    'environment-variables input from GitHub secrets (it merges key by key over this map).',
  'CreateAgentRuntimeRequest.filesystemConfigurations':
    'Up to 5 mounts under /mnt: per-session storage, an S3 Files access point, an EFS access point or a ' +
    'volume of the capacity provider the runtime runs on.',
  'CreateAgentRuntimeRequest.tags':
    'Up to 50 tags. When set, the runtime gets exactly these (tags removed here are removed from it); ' +
    'when left out, its tags are left alone.',
  'CreateAgentRuntimeRequest.capacityProviderConfiguration':
    'Runs the runtime on an AgentCore capacity provider (capacityProviderArn), in its network: leave ' +
    'networkConfiguration (and the network-mode, subnets and security-groups inputs) out.',
  'CreateAgentRuntimeRequest.platformVersion':
    'Version of the runtime platform: V1 or V2 (the service reports V1 when none was sent). The API model ' +
    'does not list the values, so the action leaves them to the service.',
  'UpdateAgentRuntimeRequest.metadataConfiguration':
    'Update-only: UpdateAgentRuntime accepts it, CreateAgentRuntime does not.',
  // Nested fields users trip on.
  'CodeConfiguration.entryPoint':
    '1 or 2 items: the file to run (main.py), optionally after a launcher: [opentelemetry-instrument, main.py].',
  'CodeConfiguration.runtime': 'Managed language runtime that runs the code.',
  'S3Location.bucket':
    'S3 bucket holding the zipped code: 3 to 63 lowercase letters, digits, dots and hyphens.',
  'S3Location.prefix': 'Object key of the zip file in the bucket, e.g. agents/my_agent.zip.',
  'S3Location.versionId': 'Version of the object, for a versioned bucket.',
  'NetworkConfiguration.networkMode':
    'PUBLIC (the default) or VPC. VPC needs networkModeConfig; PUBLIC does not allow it.',
  'NetworkConfiguration.networkModeConfig':
    'Subnets and security groups, for networkMode VPC only. Leave out requireServiceS3Endpoint (which ' +
    'GetAgentRuntime returns): CreateAgentRuntime rejects it.',
  'VpcConfig.subnets': '1 to 16 subnet IDs, e.g. subnet-0123456789abcdef0.',
  'VpcConfig.securityGroups': '1 to 16 security group IDs, e.g. sg-0123456789abcdef0.',
  'CustomJWTAuthorizerConfiguration.allowedAudience': 'Accepted values of the token\'s "aud" claim.',
  'CustomJWTAuthorizerConfiguration.allowedClients': 'Accepted values of the token\'s "client_id" claim.',
  'CustomJWTAuthorizerConfiguration.allowedScopes': 'Accepted scopes of the token.',
  'CustomJWTAuthorizerConfiguration.customClaims': 'Further checks on claims of the inbound token.',
  'CustomJWTAuthorizerConfiguration.privateEndpoint':
    'Reach the identity provider through a private endpoint rather than the internet.',
  'LifecycleConfiguration.idleRuntimeSessionTimeout':
    'Seconds a session may stay idle before it ends: 60 to 1209600 (14 days); the service default is 900. Must not be ' +
    'longer than maxLifetime.',
  'LifecycleConfiguration.maxLifetime':
    'Seconds a session may live at most: 60 to 1209600 (14 days); the service default is 28800 (8 hours).',
  'RequestHeaderConfiguration.requestHeaderAllowlist':
    '1 to 20 distinct header names passed to the runtime, e.g. X-Tenant-Id. X-Amz-* and X-Amzn-* headers are ' +
    'reserved (except X-Amzn-Bedrock-AgentCore-Runtime-Custom-*); Authorization needs a customJWTAuthorizer.',
  'ProtocolConfiguration.serverProtocol':
    'HTTP (agents), MCP (MCP servers), A2A (agent-to-agent) or AGUI (AG-UI).',
  'FilesystemConfiguration.capacityProviderVolume':
    'A volume of the capacity provider the runtime runs on (capacityProviderConfiguration), mounted under /mnt.',
  'CapacityProviderVolumeConfiguration.volumeName':
    "Name of the volume in the capacity provider: a letter, then at most 47 letters, digits, '_' and '-'.",
  'RuntimeMetadataConfiguration.requireMMDSV2':
    'true: the microVM metadata service answers only token-based (V2) requests.',
};

/** Values editors offer when completing (`examples`); each must satisfy its schema (tested). */
export const EXAMPLES: Record<string, unknown[]> = {
  'CreateAgentRuntimeRequest.agentRuntimeName': ['my_agent'],
  'CreateAgentRuntimeRequest.roleArn': ['arn:aws:iam::123456789012:role/AgentRuntimeExecution'],
  RuntimeContainerUri: ['123456789012.dkr.ecr.us-east-1.amazonaws.com/my-agent:v1'],
  DiscoveryUrl: [
    'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_EXAMPLE/.well-known/openid-configuration',
  ],
  'CodeConfiguration.entryPoint': [['main.py'], ['opentelemetry-instrument', 'main.py']],
  MountPath: ['/mnt/data'],
};
