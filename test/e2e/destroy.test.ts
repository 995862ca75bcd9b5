// mode: destroy end to end: the bundled action on Node 24 (what runners use), against the emulator.
// Endpoints go first, then the runtime, and only a runtime the action created (its marker tag) goes.
import {
  CreateAgentRuntimeEndpointCommand,
  GetAgentRuntimeCommand,
  GetAgentRuntimeEndpointCommand,
  ListTagsForResourceCommand,
  type BedrockAgentCoreControlClient,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { startEmulator, type Emulator } from '../../emulator/src/index.js';
import { MARKER_TAG_KEY } from '../../src/plan/marker-tag.js';
import { NODE24 } from '../../scripts/run-action.js';
import { containerInputs, deployWith, emulatorClient, mutatingRequests, operationOf } from './helpers.js';

const TRANSITION_MS = 300;
let emu: Emulator;
let client: BedrockAgentCoreControlClient;

beforeAll(async () => {
  emu = await startEmulator({ transitionDelayMs: TRANSITION_MS });
  client = emulatorClient(emu);
});
afterAll(() => emu.close());

const run = (inputs: Record<string, string>, extra: Parameters<typeof deployWith>[1] = {}) =>
  deployWith(emu, { node: NODE24, ...extra, inputs });

const destroy = (name: string, extra: Record<string, string> = {}) =>
  run({ mode: 'destroy', 'agent-runtime-name': name, ...extra });

async function gone(id: string): Promise<boolean> {
  try {
    await client.send(new GetAgentRuntimeCommand({ agentRuntimeId: id }));
    return false;
  } catch (err) {
    return (err as Error).name === 'ResourceNotFoundException';
  }
}

async function endpointReady(agentRuntimeId: string, endpointName: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const { status } = await client.send(
      new GetAgentRuntimeEndpointCommand({ agentRuntimeId, endpointName }),
    );
    if (status === 'READY') return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`endpoint ${endpointName} never became READY`);
}

test('a created runtime with two named endpoints: endpoints first, then the runtime, waits until gone', async () => {
  const name = 'destroy_me';
  const deployed = await run(containerInputs(name, { tags: 'team=a' }));
  expect(deployed.code).toBe(0);
  const id = deployed.outputs['agent-runtime-id'];
  for (const endpoint of ['staging', 'production']) {
    await client.send(new CreateAgentRuntimeEndpointCommand({ agentRuntimeId: id, name: endpoint }));
    await endpointReady(id, endpoint);
  }

  const destroyed = await destroy(name);
  expect(destroyed.code).toBe(0);
  expect(destroyed.outputs).toMatchObject({
    operation: 'destroy',
    changed: 'true',
    status: 'DELETED',
    'agent-runtime-id': id,
    'agent-runtime-arn': deployed.outputs['agent-runtime-arn'],
  });
  expect(destroyed.outputs['failure-reason'] ?? '').toBe('');
  const deletes = mutatingRequests(destroyed.requests).map(operationOf);
  expect(deletes).toEqual(['DeleteAgentRuntimeEndpoint', 'DeleteAgentRuntimeEndpoint', 'DeleteAgentRuntime']);
  const deletedEndpoints = destroyed.requests
    .filter((r) => operationOf(r) === 'DeleteAgentRuntimeEndpoint')
    .map((r) => r.path);
  expect(deletedEndpoints.sort()).toEqual([
    `/runtimes/${id}/runtime-endpoints/production/`,
    `/runtimes/${id}/runtime-endpoints/staging/`,
  ]);
  // It waited: the last thing it saw of the runtime was a 404.
  const lastGet = destroyed.requests.filter((r) => operationOf(r) === 'GetAgentRuntime').at(-1);
  expect(lastGet?.status).toBe(404);
  expect(await gone(id)).toBe(true);
  for (const text of [destroyed.stdout, destroyed.summary]) {
    expect(text).toContain('staging');
    expect(text).toContain('production');
  }
  expect(destroyed.summary).toContain(id);
});

test('an absent runtime: success, operation none, nothing deleted', async () => {
  const destroyed = await destroy('never_existed');
  expect(destroyed.code).toBe(0);
  expect(destroyed.outputs).toMatchObject({ operation: 'none', changed: 'false' });
  expect(mutatingRequests(destroyed.requests)).toEqual([]);
  expect(destroyed.summary).toMatch(/Nothing to destroy/);
});

test('a runtime the action did not create is refused, nothing deleted; force-destroy deletes it', async () => {
  const [seeded] = emu.agentcore.seed({ name: 'not_ours', tags: { team: 'other' }, endpoints: { live: 1 } });
  const refused = await destroy('not_ours');
  expect(refused.code).toBe(1);
  expect(refused.outputs['failure-reason']).toBe('not-managed');
  expect(refused.stdout).toMatch(/not created by agentcore-deploy.*force-destroy: true/);
  expect(mutatingRequests(refused.requests)).toEqual([]);
  expect(await gone(seeded.agentRuntimeId)).toBe(false);

  const forced = await destroy('not_ours', { 'force-destroy': 'true' });
  expect(forced.code).toBe(0);
  expect(forced.outputs).toMatchObject({ operation: 'destroy', status: 'DELETED' });
  expect(mutatingRequests(forced.requests).map(operationOf)).toEqual([
    'DeleteAgentRuntimeEndpoint',
    'DeleteAgentRuntime',
  ]);
  expect(forced.stdout).toContain('force-destroy');
  expect(await gone(seeded.agentRuntimeId)).toBe(true);
});

test('only the name is needed, from any event: a closed pull request destroys', async () => {
  const name = 'preview_pr7';
  expect((await run(containerInputs(name))).code).toBe(0);
  const destroyed = await run(
    { mode: 'destroy', 'agent-runtime-name': name },
    { eventName: 'pull_request', event: { action: 'closed', pull_request: { number: 7 } } },
  );
  expect(destroyed.code).toBe(0);
  expect(destroyed.outputs.operation).toBe('destroy');
});

test('the marker survives a tag change, so the runtime can still be destroyed', async () => {
  const name = 'retagged';
  const first = await run(containerInputs(name, { tags: 'team=a\nold=x' }));
  expect(first.code).toBe(0);
  const arn = first.outputs['agent-runtime-arn'];
  const retagged = await run(containerInputs(name, { tags: 'team=b' }));
  expect(retagged.code).toBe(0);
  expect(retagged.outputs.operation).toBe('update');
  const plan = JSON.parse(retagged.outputs['plan-json']);
  expect(plan.tagChanges).toMatchObject({ remove: ['old'], change: { team: { before: 'a', after: 'b' } } });
  expect(retagged.outputs['plan-markdown']).not.toContain(MARKER_TAG_KEY);
  const { tags } = await client.send(new ListTagsForResourceCommand({ resourceArn: arn }));
  expect(tags).toEqual({ team: 'b', [MARKER_TAG_KEY]: 'true' });

  const destroyed = await destroy(name);
  expect(destroyed.code).toBe(0);
  expect(destroyed.outputs.operation).toBe('destroy');
});

test('a runtime stuck DELETING ends with exit 1 and its status, within wait-timeout', async () => {
  const name = 'stuck_deleting';
  expect((await run(containerInputs(name))).code).toBe(0);
  emu.agentcore.transitionDelayMs = 60_000;
  try {
    const started = Date.now();
    const destroyed = await destroy(name, { 'wait-timeout': '3s' });
    expect(destroyed.code).toBe(1);
    expect(destroyed.stdout).toMatch(/waiting for the runtime to be deleted: the runtime is still DELETING/);
    expect(destroyed.outputs).toMatchObject({
      operation: 'destroy',
      status: 'DELETING',
      'failure-reason': 'timeout',
    });
    expect(Date.now() - started).toBeLessThan(30_000);
  } finally {
    emu.agentcore.transitionDelayMs = TRANSITION_MS;
  }
});
