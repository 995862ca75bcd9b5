// The newest model against the one the action was built from, place by place: they must agree
// everywhere except the deltas listed below (models/README.md lists them too). A difference not in the
// list fails the test, and the test prints every difference so a reviewer sees what moved.
import { existsSync, readFileSync } from 'node:fs';
import { BOTOCORE_MODEL, constraintsDelta, placesOf, SMITHY_MODEL } from './constraints-delta.js';
import { generate } from './generate-constraints.js';

const RUNTIME = 'CreateAgentRuntime.input, UpdateAgentRuntime.input, GetAgentRuntime.output';
const RUNTIME_ARN_BEFORE =
  '^arn:(-[^:]+)?:bedrock-agentcore:[a-z0-9-]+:[0-9]{12}:agent/[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}:([0-9]{0,4}[1-9][0-9]{0,4})$';
const RUNTIME_ARN_AFTER =
  '^arn:aws(-[^:]+)?:bedrock-agentcore:[a-z0-9-]+:[0-9]{12}:runtime/[a-zA-Z][a-zA-Z0-9_]{0,47}-[a-zA-Z0-9]{10}$';
const ENDPOINT_ARN_BEFORE =
  '^arn:(-[^:]+)?:bedrock-agentcore:[a-z0-9-]+:[0-9]{12}:agentEndpoint/[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}$';
const ENDPOINT_ARN_AFTER =
  '^arn:aws(-[^:]+)?:bedrock-agentcore:[a-z0-9-]+:[0-9]{12}:runtime/[a-zA-Z][a-zA-Z0-9_]{0,47}-[a-zA-Z0-9]{10}/runtime-endpoint/[a-zA-Z][a-zA-Z0-9_]{0,47}$';
const pattern = (before: string, after: string) =>
  `pattern ${JSON.stringify(before)} -> ${JSON.stringify(after)}`;

/** Every expected difference, and why. */
const EXPECTED_DELTAS = [
  // The service allows 14 days for both lifecycle settings.
  `~ lifecycleConfiguration.idleRuntimeSessionTimeout: range {"min":60,"max":28800} -> {"min":60,"max":1209600} (${RUNTIME})`,
  `~ lifecycleConfiguration.maxLifetime: range {"min":60,"max":28800} -> {"min":60,"max":1209600} (${RUNTIME})`,
  // The ARN was our hand-written addition (required, at most 2048 characters); the model now has the
  // member, with the same pattern but neither bound.
  `~ capacityProviderConfiguration.capacityProviderArn: required true -> (none) (${RUNTIME})`,
  `~ capacityProviderConfiguration.capacityProviderArn: length {"max":2048} -> (none) (${RUNTIME})`,
  // Output-only ARNs: the old model's patterns described an ARN format the service never used.
  `~ agentRuntimeArn: ${pattern(RUNTIME_ARN_BEFORE, RUNTIME_ARN_AFTER)} (CreateAgentRuntime.output, UpdateAgentRuntime.output, GetAgentRuntime.output, CreateAgentRuntimeEndpoint.output, UpdateAgentRuntimeEndpoint.output, GetAgentRuntimeEndpoint.output)`,
  `~ agentRuntimes[].agentRuntimeArn: ${pattern(RUNTIME_ARN_BEFORE, RUNTIME_ARN_AFTER)} (ListAgentRuntimes.output, ListAgentRuntimeVersions.output)`,
  `~ agentRuntimeEndpointArn: ${pattern(ENDPOINT_ARN_BEFORE, ENDPOINT_ARN_AFTER)} (CreateAgentRuntimeEndpoint.output, UpdateAgentRuntimeEndpoint.output, GetAgentRuntimeEndpoint.output)`,
  `~ runtimeEndpoints[].agentRuntimeEndpointArn: ${pattern(ENDPOINT_ARN_BEFORE, ENDPOINT_ARN_AFTER)} (ListAgentRuntimeEndpoints.output)`,
  `~ runtimeEndpoints[].agentRuntimeArn: ${pattern(RUNTIME_ARN_BEFORE, RUNTIME_ARN_AFTER)} (ListAgentRuntimeEndpoints.output)`,
  // The fourth kind of filesystem.
  `+ filesystemConfigurations[].capacityProviderVolume {"type":"structure"} (${RUNTIME})`,
  `+ filesystemConfigurations[].capacityProviderVolume.volumeName {"type":"string","required":true,"length":{"min":1,"max":48},"pattern":"^[a-zA-Z][a-zA-Z0-9_-]{0,47}$"} (${RUNTIME})`,
  `+ filesystemConfigurations[].capacityProviderVolume.mountPath {"type":"string","required":true,"length":{"min":6,"max":200},"pattern":"^/mnt/[a-zA-Z0-9._-]+/?$"} (${RUNTIME})`,
  // networkConfiguration is optional in both: the old constraints already made it so for the SDK.
];

const haveModels = existsSync(SMITHY_MODEL) && existsSync(BOTOCORE_MODEL);
const read = (path: string) => generate(JSON.parse(readFileSync(path, 'utf8')));

(haveModels ? test : test.skip)('the newest model differs from the old one only by the listed deltas', () => {
  const delta = constraintsDelta(read(SMITHY_MODEL), read(BOTOCORE_MODEL));
  console.log(
    `constraints: old Smithy model -> newest botocore model, ${delta.length} differences\n${delta.join('\n')}`,
  );
  expect(delta).toEqual(EXPECTED_DELTAS);
});

test('the comparison sees a change anywhere in a request, and tells it once for all operations', () => {
  const before = JSON.parse(readFileSync(new URL('../src/model/constraints.json', import.meta.url), 'utf8'));
  const after = structuredClone(before);
  after.shapes.AgentRuntimeName.pattern = '^x$';
  after.shapes.CreateAgentRuntimeRequest.members.description.required = true;
  delete after.shapes.VpcConfig.members.securityGroups;
  const delta = constraintsDelta(before, after);
  expect(delta).toContainEqual(
    '~ agentRuntimeName: pattern "^[a-zA-Z][a-zA-Z0-9_]{0,47}$" -> "^x$" (CreateAgentRuntime.input, GetAgentRuntime.output)',
  );
  expect(delta).toContainEqual('~ description: required (none) -> true (CreateAgentRuntime.input)');
  expect(delta.some((l) => l.startsWith('- networkConfiguration.networkModeConfig.securityGroups '))).toBe(
    true,
  );
  expect(constraintsDelta(before, before)).toEqual([]);
  expect(placesOf(before).get('CreateAgentRuntime.input.agentRuntimeName')).toMatchObject({ type: 'string' });
});
