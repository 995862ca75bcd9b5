import type { AgentRuntimeEndpoint } from '@aws-sdk/client-bedrock-agentcore-control';
import type { AgentRuntimeSpec } from '../spec/types.js';
import { FakeGateway, ServiceError } from '../deploy/fake-gateway.js';
import { MARKER_TAG_KEY } from '../plan/marker-tag.js';
import { failureReasonOf } from '../report/failure-reason.js';
import { destroyRuntime, type DestroyContext } from './destroy.js';

const spec: AgentRuntimeSpec = {
  agentRuntimeName: 'my_agent',
  roleArn: 'arn:aws:iam::123456789012:role/r',
  agentRuntimeArtifact: {
    containerConfiguration: { containerUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/a:v1' },
  },
};
const MARKED = { team: 'a', [MARKER_TAG_KEY]: 'true' };

function context(gateway: FakeGateway, extra: Partial<DestroyContext> = {}) {
  const logs: string[] = [];
  const warnings: string[] = [];
  const clock = { now: 0 };
  const ctx: DestroyContext = {
    gateway,
    deadline: 60_000,
    forceDestroy: false,
    log: (m) => logs.push(m),
    warn: (m) => warnings.push(m),
    now: () => clock.now,
    sleep: async (ms) => void (clock.now += ms),
    ...extra,
  };
  return { ctx, logs, warnings };
}

test('deletes the named endpoints, never DEFAULT, then the runtime, and waits until it is gone', async () => {
  const gateway = new FakeGateway();
  gateway.seed(spec, MARKED);
  gateway.endpoints = [
    { name: 'staging', status: 'READY', liveVersion: '1' } as AgentRuntimeEndpoint,
    { name: 'production', status: 'READY', liveVersion: '1' } as AgentRuntimeEndpoint,
  ];
  const { ctx } = context(gateway);
  const result = await destroyRuntime('my_agent', ctx);
  expect(gateway.calls).toEqual(['deleteEndpoint staging', 'deleteEndpoint production', 'deleteRuntime']);
  expect(result).toMatchObject({
    operation: 'destroy',
    deletedEndpoints: ['staging', 'production'],
    deletedRuntime: true,
    gone: true,
    forced: false,
  });
  expect(gateway.runtime).toBeUndefined();
  expect(gateway.endpoints).toEqual([]);
});

test('no runtime with that name: nothing to do', async () => {
  const gateway = new FakeGateway();
  const { ctx, logs } = context(gateway);
  const result = await destroyRuntime('my_agent', ctx);
  expect(result).toMatchObject({ operation: 'none', deletedRuntime: false });
  expect(result.runtime).toBeUndefined();
  expect(gateway.calls).toEqual([]);
  expect(logs.join('\n')).toContain('nothing to destroy');
});

test('a runtime without the marker is refused, nothing deleted, not-managed', async () => {
  const gateway = new FakeGateway();
  gateway.seed(spec, { team: 'a' });
  gateway.endpoints = [{ name: 'staging', status: 'READY', liveVersion: '1' } as AgentRuntimeEndpoint];
  const { ctx } = context(gateway);
  const refused = destroyRuntime('my_agent', ctx);
  await expect(refused).rejects.toThrow(/not created by agentcore-deploy.*force-destroy: true/s);
  expect(failureReasonOf(await refused.catch((e: unknown) => e))).toBe('not-managed');
  expect(gateway.calls).toEqual([]);
});

test('a marker with another value is not the marker', async () => {
  const gateway = new FakeGateway();
  gateway.seed(spec, { [MARKER_TAG_KEY]: 'false' });
  await expect(destroyRuntime('my_agent', context(gateway).ctx)).rejects.toThrow(/not created/);
  expect(gateway.calls).toEqual([]);
});

test('force-destroy deletes an unmarked runtime, with a warning', async () => {
  const gateway = new FakeGateway();
  gateway.seed(spec, {});
  const { ctx, warnings } = context(gateway, { forceDestroy: true });
  const result = await destroyRuntime('my_agent', ctx);
  expect(result).toMatchObject({ operation: 'destroy', forced: true, gone: true });
  expect(warnings.join('\n')).toContain('did not create');
});

test('a busy runtime or endpoint is deleted once it lets itself be', async () => {
  const gateway = new FakeGateway();
  gateway.seed(spec, MARKED);
  gateway.endpoints = [{ name: 'staging', status: 'READY', liveVersion: '1' } as AgentRuntimeEndpoint];
  gateway.deleteConflicts = 2;
  const result = await destroyRuntime('my_agent', context(gateway).ctx);
  expect(gateway.calls).toEqual([
    'deleteEndpoint staging',
    'deleteEndpoint staging',
    'deleteEndpoint staging',
    'deleteRuntime',
  ]);
  expect(result.gone).toBe(true);
});

test('busy past the deadline: a timeout that says what stayed busy', async () => {
  const gateway = new FakeGateway();
  gateway.seed(spec, MARKED);
  gateway.deleteConflicts = 1000;
  const failure = destroyRuntime('my_agent', context(gateway, { deadline: 10_000 }).ctx);
  await expect(failure).rejects.toThrow(/runtime my_agent stayed busy/);
  expect(failureReasonOf(await failure.catch((e: unknown) => e))).toBe('timeout');
});

test('a runtime already being deleted is waited out and reported as nothing done', async () => {
  const gateway = new FakeGateway();
  gateway.seed(spec, MARKED, 'DELETING');
  const result = await destroyRuntime('my_agent', context(gateway).ctx);
  expect(result).toMatchObject({ operation: 'none', gone: true });
  expect(gateway.calls).toEqual([]);
});

test('a runtime stuck DELETING ends in a timeout with its status', async () => {
  const gateway = new FakeGateway();
  gateway.seed(spec, MARKED);
  gateway.stuckDeleting = true;
  const failure = destroyRuntime('my_agent', context(gateway, { deadline: 1500 }).ctx);
  await expect(failure).rejects.toThrow(
    /waiting for the runtime to be deleted: the runtime is still DELETING/,
  );
  expect(failureReasonOf(await failure.catch((e: unknown) => e))).toBe('timeout');
});

test('other errors are not retried', async () => {
  const gateway = new FakeGateway();
  gateway.seed(spec, MARKED);
  gateway.deleteRuntime = async () => {
    throw new ServiceError('AccessDeniedException', 'not allowed to bedrock-agentcore:DeleteAgentRuntime');
  };
  await expect(destroyRuntime('my_agent', context(gateway).ctx)).rejects.toThrow('not allowed');
});
