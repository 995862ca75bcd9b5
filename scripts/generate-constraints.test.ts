// The committed constraints file must be exactly what the generator makes of the newest public model,
// so the validator, the emulator and the JSON Schema never drift from the API.
import { existsSync, readFileSync } from 'node:fs';
import { BOTOCORE_MODEL } from './constraints-delta.js';
import { anchored, generate } from './generate-constraints.js';

const committed = JSON.parse(readFileSync(new URL('../src/model/constraints.json', import.meta.url), 'utf8'));

test('src/model/constraints.json is the generator output for the botocore model (npm run constraints)', () => {
  // The model lives in the workplace's shared/ folder beside the clone; without it, check what we can.
  if (existsSync(BOTOCORE_MODEL))
    expect(committed).toEqual(generate(JSON.parse(readFileSync(BOTOCORE_MODEL, 'utf8'))));
  expect(committed.source).toMatch(
    /^bedrock-agentcore-control 2023-06-05 botocore service-2\.json \(boto\/botocore [0-9a-f]{40}/,
  );
  expect(Object.keys(committed.operations)).toHaveLength(14);
  expect(committed.shapes.AgentRuntimeName.pattern).toBe('^[a-zA-Z][a-zA-Z0-9_]{0,47}$');
});

test('what the newest model says about runtimes reaches the constraints', () => {
  const lifecycle = committed.shapes.LifecycleConfiguration.members;
  for (const member of ['idleRuntimeSessionTimeout', 'maxLifetime'])
    expect(committed.shapes[lifecycle[member].target].range).toEqual({ min: 60, max: 1209600 });
  const filesystem = committed.shapes.FilesystemConfiguration;
  expect(filesystem.type).toBe('union');
  expect(Object.keys(filesystem.members)).toContain('capacityProviderVolume');
  for (const shape of ['CreateAgentRuntimeRequest', 'UpdateAgentRuntimeRequest', 'GetAgentRuntimeResponse'])
    expect(committed.shapes[shape].members.networkConfiguration.required).toBeUndefined();
  expect(committed.shapes.ServiceQuotaExceededException).toMatchObject({ error: 'client', httpError: 402 });
  expect(committed.shapes.InternalServerException).toMatchObject({ error: 'server', httpError: 500 });
  expect(committed.shapes.ListAgentRuntimesRequest.members.maxResults).toMatchObject({
    location: 'query',
    locationName: 'maxResults',
  });
});

test('the members only the SDK knows are added on top of the model, and only those', () => {
  for (const shape of ['CreateAgentRuntimeRequest', 'UpdateAgentRuntimeRequest', 'GetAgentRuntimeResponse'])
    expect(committed.shapes[shape].members).toHaveProperty('platformVersion');
  expect(committed.shapes.AgentRuntimeStatus.values).toContain('DELETE_FAILED');
  expect(committed.source).toMatch(/PlatformVersion/);
  // The model has these now: they come from it, not from the additions.
  expect(committed.source).not.toMatch(/capacityProviderConfiguration|DeleteAgentRuntimeRequest/);
});

test('botocore patterns, which lose their anchors, are anchored again without changing their meaning', () => {
  expect(anchored('sg-[0-9a-zA-Z]{8,17}')).toBe('^sg-[0-9a-zA-Z]{8,17}$');
  expect(anchored('^already$')).toBe('^already$');
  expect(anchored('((rcfg-[0-9a-z]{17})|(arn:x))')).toBe('^((rcfg-[0-9a-z]{17})|(arn:x))$');
  expect(anchored('a|b')).toBe('^(?:a|b)$');
  expect(anchored('[|(]x\\|y')).toBe('^[|(]x\\|y$');
  const alternation = new RegExp(anchored('a|b'));
  expect(['a', 'b', 'ab'].map((v) => alternation.test(v))).toEqual([true, true, false]);
});
