import type { AgentRuntimeSpec } from '../spec/types.js';
import {
  applyDeploy,
  IAM_PROPAGATION_RETRY_MS,
  ReplacementRequiredError,
  type ApplyContext,
} from './apply.js';
import { FakeGateway, ServiceError } from './fake-gateway.js';
import { MARKER_TAG_KEY } from '../plan/marker-tag.js';
import { clientTokenFor, createRequestOf } from '../plan/normalize.js';

const desired: AgentRuntimeSpec = {
  agentRuntimeName: 'my_agent',
  roleArn: 'arn:aws:iam::123456789012:role/r',
  agentRuntimeArtifact: {
    containerConfiguration: { containerUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/a:v1' },
  },
  networkConfiguration: { networkMode: 'PUBLIC' },
  environmentVariables: { API_KEY: 'secret-value' },
  tags: { team: 'a' },
};

function context(gateway: FakeGateway, clock = { now: 0 }): ApplyContext & { logs: string[] } {
  const logs: string[] = [];
  return {
    gateway,
    region: 'us-east-1',
    deadline: Number.MAX_SAFE_INTEGER,
    log: (m) => logs.push(m),
    logs,
    now: () => clock.now,
    sleep: async (ms) => {
      clock.now += ms;
    },
  };
}

test('creates an absent runtime in one call, tags included, with a stable client token', async () => {
  const gateway = new FakeGateway();
  const result = await applyDeploy(desired, context(gateway));
  expect(result.operation).toBe('create');
  expect(result.changed).toBe(true);
  expect(gateway.calls).toEqual(['create']);
  expect(gateway.lastCreate?.tags).toEqual({ team: 'a', [MARKER_TAG_KEY]: 'true' });
  const token = gateway.lastCreate?.clientToken;
  expect(token).toMatch(/^[a-zA-Z0-9](-*[a-zA-Z0-9]){32,256}$/);

  const again = new FakeGateway();
  await applyDeploy(desired, context(again));
  expect(again.lastCreate?.clientToken).toBe(token);
});

test('does nothing when the runtime already matches (service defaults are not differences)', async () => {
  const gateway = new FakeGateway();
  gateway.seed(desired, { team: 'a' });
  const result = await applyDeploy(desired, context(gateway));
  expect(result).toMatchObject({ operation: 'none', changed: false });
  expect(gateway.calls).toEqual([]);
});

test('a tag-only change tags and untags without a new version', async () => {
  const gateway = new FakeGateway();
  gateway.seed(desired, { team: 'b', old: 'x' });
  const result = await applyDeploy(desired, context(gateway));
  expect(result).toMatchObject({ operation: 'update', changed: true });
  expect(gateway.calls).toEqual(['tag team', 'untag old']);
  expect(gateway.runtime?.agentRuntimeVersion).toBe('1');
});

test('an update sends the whole desired configuration (it is a full replace)', async () => {
  const gateway = new FakeGateway();
  gateway.seed({ ...desired, description: 'old', environmentVariables: { API_KEY: 'other' } }, { team: 'a' });
  const result = await applyDeploy(desired, context(gateway));
  expect(result.operation).toBe('update');
  expect(result.runtime.version).toBe('2');
  expect(gateway.calls).toEqual(['update']);
  expect(gateway.lastUpdate).toMatchObject({
    agentRuntimeId: 'my_agent-abcdefghij',
    roleArn: desired.roleArn,
    agentRuntimeArtifact: desired.agentRuntimeArtifact,
    environmentVariables: { API_KEY: 'secret-value' },
  });
  expect(gateway.lastUpdate).not.toHaveProperty('description');
  expect(gateway.lastUpdate).not.toHaveProperty('tags');
});

test('a create that races another create becomes an update', async () => {
  const gateway = new FakeGateway();
  gateway.createFailures.push(
    new ServiceError('ConflictException', 'An agent runtime with name my_agent already exists'),
  );
  gateway.beforeCreate = () => gateway.seed({ ...desired, description: 'theirs' }, { team: 'a' });
  const result = await applyDeploy(desired, context(gateway));
  expect(result.operation).toBe('update');
  expect(gateway.calls).toEqual(['create', 'update']);
});

test('IAM propagation errors on create are retried, then given up after two minutes', async () => {
  const gateway = new FakeGateway();
  gateway.createFailures.push(
    new ServiceError(
      'ValidationException',
      'Role validation failed for role arn:aws:iam::123456789012:role/r',
    ),
    new ServiceError('AccessDeniedException', 'Access denied while validating ECR URI'),
  );
  const ctx = context(gateway);
  expect((await applyDeploy(desired, ctx)).operation).toBe('create');
  expect(gateway.calls).toEqual(['create', 'create', 'create']);

  const stubborn = new FakeGateway();
  stubborn.createFailures = Array.from(
    { length: 100 },
    () => new ServiceError('ValidationException', 'Role validation failed'),
  );
  const clock = { now: 0 };
  await expect(applyDeploy(desired, context(stubborn, clock))).rejects.toThrow('Role validation failed');
  expect(clock.now).toBeLessThanOrEqual(IAM_PROPAGATION_RETRY_MS);
  expect(clock.now).toBeGreaterThan(IAM_PROPAGATION_RETRY_MS / 2);
});

test('other validation errors are not retried', async () => {
  const gateway = new FakeGateway();
  gateway.createFailures.push(new ServiceError('ValidationException', 'Architecture incompatible for uri'));
  await expect(applyDeploy(desired, context(gateway))).rejects.toThrow('Architecture incompatible');
  expect(gateway.calls).toEqual(['create']);
});

test('a container <-> code switch fails before any change', async () => {
  const gateway = new FakeGateway();
  gateway.seed(
    {
      ...desired,
      agentRuntimeArtifact: {
        codeConfiguration: {
          code: { s3: { bucket: 'bucket', prefix: 'a.zip' } },
          runtime: 'PYTHON_3_12',
          entryPoint: ['main.py'],
        },
      },
    },
    { team: 'a' },
  );
  await expect(applyDeploy(desired, context(gateway))).rejects.toThrow(ReplacementRequiredError);
  expect(gateway.calls).toEqual([]);
});

test('a ConflictException on update (a concurrent deploy) is retried after planning again', async () => {
  const gateway = new FakeGateway();
  gateway.seed({ ...desired, description: 'old' }, { team: 'a' });
  gateway.updateFailures.push(new ServiceError('ConflictException', 'Agent runtime is being updated'));
  const result = await applyDeploy(desired, context(gateway));
  expect(result.operation).toBe('update');
  expect(gateway.calls).toEqual(['update', 'update']);
});

test('metadataConfiguration, which only UpdateAgentRuntime takes, is set by an update right after the create', async () => {
  const gateway = new FakeGateway();
  gateway.readyOnGet = true;
  const withMetadata = { ...desired, metadataConfiguration: { requireMMDSV2: true } };
  const result = await applyDeploy(withMetadata, context(gateway));
  expect(result.operation).toBe('create');
  expect(gateway.calls).toEqual(['create', 'update']);
  expect(gateway.lastCreate).not.toHaveProperty('metadataConfiguration');
  expect(gateway.lastUpdate?.metadataConfiguration).toEqual({ requireMMDSV2: true });
  expect(result.runtime.version).toBe('2');
});

test('a replayed answer naming a runtime since deleted is followed by a fresh create', async () => {
  const gateway = new FakeGateway();
  gateway.replayedCreates.push({
    agentRuntimeId: 'my_agent-deleted000',
    agentRuntimeArn: 'arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/my_agent-deleted000',
    agentRuntimeVersion: '1',
    status: 'CREATING',
    createdAt: new Date(Date.now() - 10 * 60_000),
  });
  const clock = { now: Date.now() };
  const result = await applyDeploy(desired, context(gateway, clock));
  expect(gateway.calls).toEqual(['create', 'create']);
  expect(gateway.reads).toEqual(['get my_agent-deleted000']);
  expect(result.runtime.id).toBe('my_agent-abcdefghij');
  expect(gateway.lastCreate?.clientToken).not.toBe(clientTokenFor({ create: createRequestOf(desired, '') }));
});

test('a fresh answer is trusted without another read', async () => {
  const gateway = new FakeGateway();
  const clock = { now: Date.now() };
  await applyDeploy(desired, context(gateway, clock));
  expect(gateway.calls).toEqual(['create']);
  expect(gateway.reads).toEqual([]);
});

test('a failed runtime that matches the configuration is updated again, with a token its failed deploy never used', async () => {
  const gateway = new FakeGateway();
  gateway.seed(desired, { team: 'a' }, 'UPDATE_FAILED');
  const ctx = context(gateway);
  const result = await applyDeploy(desired, ctx);
  expect(result).toMatchObject({ operation: 'update', changed: true, runtime: { version: '2' } });
  expect(result.plan.retryOfFailed).toBe(true);
  expect(gateway.calls).toEqual(['update']);
  expect(ctx.logs.join('\n')).toContain('is UPDATE_FAILED');
  // Not the token an ordinary update of the same configuration from this version would carry.
  const { clientToken, ...request } = gateway.lastUpdate!;
  expect(clientToken).not.toBe(clientTokenFor({ update: request, from: '1' }));
  expect(clientToken).toMatch(/^[a-zA-Z0-9](-*[a-zA-Z0-9]){32,256}$/);
});

describe('the marker tag', () => {
  test('a runtime created without tags carries the marker alone', async () => {
    const gateway = new FakeGateway();
    const { tags: _none, ...untagged } = desired;
    await applyDeploy(untagged, context(gateway));
    expect(gateway.lastCreate?.tags).toEqual({ [MARKER_TAG_KEY]: 'true' });
  });

  test('survives a tag change: never untagged, and no change when only it is extra', async () => {
    const gateway = new FakeGateway();
    gateway.seed(desired, { team: 'a', old: 'x', [MARKER_TAG_KEY]: 'true' });
    const result = await applyDeploy({ ...desired, tags: { team: 'b' } }, context(gateway));
    expect(gateway.calls).toEqual(['tag team', 'untag old']);
    expect(gateway.tags).toEqual({ team: 'b', [MARKER_TAG_KEY]: 'true' });
    expect(result.plan.tagChanges.remove).toEqual(['old']);

    const again = await applyDeploy({ ...desired, tags: { team: 'b' } }, context(gateway));
    expect(again.operation).toBe('none');
  });

  test('an existing runtime without it does not get it from an update', async () => {
    const gateway = new FakeGateway();
    gateway.seed(desired, { team: 'a' });
    await applyDeploy({ ...desired, tags: { team: 'b' } }, context(gateway));
    expect(gateway.tags).toEqual({ team: 'b' });
  });
});
