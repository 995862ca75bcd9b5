// The committed constraints file must be exactly what the generator makes of the official model, so the
// validator, the emulator and the JSON Schema never drift from the API.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generate-constraints.js';

const here = dirname(fileURLToPath(import.meta.url));
const modelPath = resolve(here, '../../shared/reference/bedrock-agentcore-control.smithy.json');
const committed = JSON.parse(readFileSync(resolve(here, '../src/model/constraints.json'), 'utf8'));

test('src/model/constraints.json is the generator output for the shared Smithy model (npm run constraints)', () => {
  // The model lives in the workplace's shared/ folder beside the clone; without it, check what we can.
  if (existsSync(modelPath)) expect(committed).toEqual(generate(JSON.parse(readFileSync(modelPath, 'utf8'))));
  expect(Object.keys(committed.operations)).toHaveLength(14);
  expect(committed.shapes.AgentRuntimeName.pattern).toBe('^[a-zA-Z][a-zA-Z0-9_]{0,47}$');
});

test('the SDK-only members are added on top of the model', () => {
  for (const shape of ['CreateAgentRuntimeRequest', 'UpdateAgentRuntimeRequest', 'GetAgentRuntimeResponse']) {
    expect(committed.shapes[shape].members).toHaveProperty('capacityProviderConfiguration');
    expect(committed.shapes[shape].members).toHaveProperty('platformVersion');
    expect(committed.shapes[shape].members.networkConfiguration.required).toBeUndefined();
  }
  expect(committed.shapes.AgentRuntimeStatus.values).toContain('DELETE_FAILED');
});
