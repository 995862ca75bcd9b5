import type {
  AgentRuntime,
  CreateAgentRuntimeRequest,
  GetAgentRuntimeResponse,
  UpdateAgentRuntimeRequest,
} from '@aws-sdk/client-bedrock-agentcore-control';
import type { RuntimeGateway } from '../aws/runtime-gateway.js';
import type { AgentRuntimeSpec } from '../spec/types.js';
import {
  applyDeploy,
  IAM_PROPAGATION_RETRY_MS,
  ReplacementRequiredError,
  type ApplyContext,
} from './apply.js';

const ARN = 'arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/my_agent-abcdefghij';
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

class ServiceError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/** An in-memory control plane with the service's observable rules, and a journal of every mutating call. */
class FakeGateway implements RuntimeGateway {
  runtime?: GetAgentRuntimeResponse;
  tags: Record<string, string> = {};
  calls: string[] = [];
  createFailures: Error[] = [];
  updateFailures: Error[] = [];
  /** Runs before the first create answers: e.g. another deploy creating the same runtime. */
  beforeCreate?: () => void;

  seed(spec: AgentRuntimeSpec, tags: Record<string, string> = {}, status = 'READY') {
    const { tags: _t, agentRuntimeName, ...rest } = spec;
    this.runtime = {
      ...rest,
      agentRuntimeName,
      agentRuntimeArn: ARN,
      agentRuntimeId: 'my_agent-abcdefghij',
      agentRuntimeVersion: '1',
      status,
      lifecycleConfiguration: { idleRuntimeSessionTimeout: 900, maxLifetime: 28800 },
      createdAt: new Date(),
      lastUpdatedAt: new Date(),
    } as GetAgentRuntimeResponse;
    this.tags = { ...tags };
  }
  async findByName(name: string) {
    return this.runtime?.agentRuntimeName === name ? (this.runtime as AgentRuntime) : undefined;
  }
  /** Settles CREATING/UPDATING on the next read, as if the transition had just finished. */
  readyOnGet = false;
  async get() {
    if (this.readyOnGet) this.runtime = { ...this.runtime!, status: 'READY' };
    return { ...this.runtime! };
  }
  async getEndpoint() {
    return { status: 'READY', liveVersion: this.runtime!.agentRuntimeVersion } as never;
  }
  async listTags() {
    return { ...this.tags };
  }
  async create(request: CreateAgentRuntimeRequest) {
    this.calls.push('create');
    this.lastCreate = request;
    this.beforeCreate?.();
    this.beforeCreate = undefined;
    const failure = this.createFailures.shift();
    if (failure) throw failure;
    this.seed(request as AgentRuntimeSpec, request.tags ?? {}, 'CREATING');
    return { ...this.runtime!, agentRuntimeArn: ARN } as never;
  }
  lastCreate?: CreateAgentRuntimeRequest;
  lastUpdate?: UpdateAgentRuntimeRequest;
  async update(request: UpdateAgentRuntimeRequest) {
    this.calls.push('update');
    this.lastUpdate = request;
    const failure = this.updateFailures.shift();
    if (failure) throw failure;
    const version = String(Number(this.runtime!.agentRuntimeVersion) + 1);
    this.runtime = { ...this.runtime!, agentRuntimeVersion: version, status: 'UPDATING' };
    return { ...this.runtime } as never;
  }
  async tag(_arn: string, tags: Record<string, string>) {
    this.calls.push(`tag ${Object.keys(tags).join(',')}`);
    Object.assign(this.tags, tags);
  }
  async untag(_arn: string, keys: string[]) {
    this.calls.push(`untag ${keys.join(',')}`);
    for (const k of keys) delete this.tags[k];
  }
}

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
  expect(gateway.lastCreate?.tags).toEqual({ team: 'a' });
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
