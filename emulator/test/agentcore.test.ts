// The emulated AgentCore control plane driven through the real SDK client: runtime lifecycle, versions,
// full-replace updates, the service's own refusals, idempotency, paging and tags.
import {
  ConflictException,
  CreateAgentRuntimeCommand,
  DeleteAgentRuntimeCommand,
  GetAgentRuntimeCommand,
  GetAgentRuntimeEndpointCommand,
  ListAgentRuntimesCommand,
  ListAgentRuntimeVersionsCommand,
  ListTagsForResourceCommand,
  paginateListAgentRuntimes,
  ResourceNotFoundException,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateAgentRuntimeCommand,
  ValidationException,
  type AgentRuntime,
  type GetAgentRuntimeResponse,
} from '@aws-sdk/client-bedrock-agentcore-control';
import {
  ACCOUNT,
  containerRuntime,
  failure,
  REGION,
  runtimeUpdate,
  sleep,
  startAgentCore,
  waitUntil,
  type AgentCoreFixture,
} from './agentcore-fixtures.js';

let ac: AgentCoreFixture;
beforeEach(async () => {
  ac = await startAgentCore();
});
afterEach(() => ac.close());

const get = (agentRuntimeId: string, agentRuntimeVersion?: string) =>
  ac.client.send(new GetAgentRuntimeCommand({ agentRuntimeId, agentRuntimeVersion }));
const untilSettled = (id: string) =>
  waitUntil(
    () => get(id),
    (r) => !['CREATING', 'UPDATING', 'DELETING'].includes(r.status!),
  );
async function createReady(name: string, extra: object = {}) {
  const created = await ac.client.send(
    new CreateAgentRuntimeCommand({ ...containerRuntime(name), ...extra }),
  );
  await untilSettled(created.agentRuntimeId!);
  return created;
}
const update = (agentRuntimeId: string, _name: string, tag: string, extra: object = {}) =>
  ac.client.send(new UpdateAgentRuntimeCommand({ ...runtimeUpdate(agentRuntimeId, tag), ...extra }));

describe('CreateAgentRuntime and GetAgentRuntime', () => {
  it('creates version 1 in CREATING, with a generated id and the service ARNs, then becomes READY', async () => {
    const created = await ac.client.send(new CreateAgentRuntimeCommand(containerRuntime('my_agent')));

    expect(created.$metadata.httpStatusCode).toBe(202);
    expect(created.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.agentRuntimeId).toMatch(/^my_agent-[a-zA-Z0-9]{10}$/);
    expect(created.agentRuntimeArn).toBe(
      `arn:aws:bedrock-agentcore:${REGION}:${ACCOUNT}:runtime/${created.agentRuntimeId}`,
    );
    expect(created).toMatchObject({ agentRuntimeVersion: '1', status: 'CREATING' });
    expect(created.createdAt).toBeInstanceOf(Date);
    expect(created.workloadIdentityDetails?.workloadIdentityArn).toBe(
      `arn:aws:bedrock-agentcore:${REGION}:${ACCOUNT}:workload-identity-directory/default/workload-identity/${created.agentRuntimeId}`,
    );
    expect((await get(created.agentRuntimeId!)).status).toBe('CREATING');

    const ready = await untilSettled(created.agentRuntimeId!);
    expect(ready.status).toBe('READY');
    expect(ready.failureReason).toBeUndefined();
    expect(ac.requests.map((r) => `${r.method} ${r.path} ${r.status}`).slice(0, 2)).toEqual([
      'PUT /runtimes/ 202',
      `GET /runtimes/${created.agentRuntimeId}/ 200`,
    ]);
  });

  it('returns the stored configuration with the service defaults filled in', async () => {
    const created = await createReady('defaults_agent', {
      description: 'first',
      environmentVariables: { LOG_LEVEL: 'debug' },
      protocolConfiguration: { serverProtocol: 'MCP' },
      networkConfiguration: undefined,
    });
    const runtime = await get(created.agentRuntimeId!);
    expect(runtime).toMatchObject({
      agentRuntimeName: 'defaults_agent',
      agentRuntimeId: created.agentRuntimeId,
      agentRuntimeVersion: '1',
      description: 'first',
      roleArn: `arn:aws:iam::${ACCOUNT}:role/AgentRuntimeRole`,
      environmentVariables: { LOG_LEVEL: 'debug' },
      protocolConfiguration: { serverProtocol: 'MCP' },
      lifecycleConfiguration: { idleRuntimeSessionTimeout: 900, maxLifetime: 28800 },
      networkConfiguration: { networkMode: 'PUBLIC' },
      workloadIdentityDetails: { workloadIdentityArn: expect.stringContaining('workload-identity/') },
    });
    expect(runtime.lastUpdatedAt).toBeInstanceOf(Date);
  });

  it('refuses a second runtime with the same name', async () => {
    await ac.client.send(new CreateAgentRuntimeCommand(containerRuntime('twin')));
    const err = await failure(ac.client.send(new CreateAgentRuntimeCommand(containerRuntime('twin'))));
    expect(err).toBeInstanceOf(ConflictException);
    expect(err.message).toContain('twin');
    expect((err as unknown as ConflictException).$metadata.httpStatusCode).toBe(409);
    expect(ac.state.runtimes()).toHaveLength(1);
  });

  it('answers invalid fields with FieldValidationFailed and one fieldList entry per field', async () => {
    const err = await failure(
      ac.client.send(
        new CreateAgentRuntimeCommand({ ...containerRuntime('1bad-name'), roleArn: 'not-an-arn' }),
      ),
    );
    expect(err).toBeInstanceOf(ValidationException);
    const v = err as unknown as ValidationException;
    expect(v.$metadata.httpStatusCode).toBe(400);
    expect(v.reason).toBe('FieldValidationFailed');
    expect(v.fieldList?.map((f) => f.name).sort()).toEqual(['agentRuntimeName', 'roleArn']);
    expect(v.fieldList?.find((f) => f.name === 'roleArn')?.message).toContain('pattern');
    expect(v.message).toMatch(/^2 validation errors detected/);
  });

  it('refuses networkModeConfig.requireServiceS3Endpoint on create', async () => {
    const err = await failure(
      ac.client.send(
        new CreateAgentRuntimeCommand({
          ...containerRuntime('vpc_agent'),
          networkConfiguration: {
            networkMode: 'VPC',
            networkModeConfig: {
              securityGroups: ['sg-0123456789abcdef0'],
              subnets: ['subnet-0123456789abcdef0'],
              requireServiceS3Endpoint: true,
            },
          },
        }),
      ),
    );
    expect(err).toBeInstanceOf(ValidationException);
    expect((err as unknown as ValidationException).fieldList?.[0]?.name).toBe(
      'networkConfiguration.networkModeConfig.requireServiceS3Endpoint',
    );
  });

  it('runs a runtime on a capacity provider without a network, and refuses one with both', async () => {
    const capacityProviderConfiguration = {
      capacityProviderArn:
        'arn:aws:bedrock-agentcore:us-east-1:123456789012:capacity-provider/pool-a1b2c3d4e5',
    };
    const both = await failure(
      ac.client.send(
        new CreateAgentRuntimeCommand({
          ...containerRuntime('pooled_with_network'),
          networkConfiguration: { networkMode: 'PUBLIC' },
          capacityProviderConfiguration,
        }),
      ),
    );
    expect(both).toBeInstanceOf(ValidationException);
    expect(both.message).toContain(
      'NetworkConfiguration is not allowed when capacityProviderConfiguration is specified',
    );
    const { networkConfiguration: _none, ...withoutNetwork } = containerRuntime('pooled');
    const created = await ac.client.send(
      new CreateAgentRuntimeCommand({
        ...withoutNetwork,
        capacityProviderConfiguration,
        lifecycleConfiguration: { idleRuntimeSessionTimeout: 86400, maxLifetime: 1209600 },
        filesystemConfigurations: [
          // The SDK sends union members it does not know as given.
          { capacityProviderVolume: { volumeName: 'scratch', mountPath: '/mnt/scratch' } } as never,
        ],
      }),
    );
    const runtime = await get(created.agentRuntimeId!);
    expect(runtime.networkConfiguration).toBeUndefined();
    expect(runtime.platformVersion).toBe('V1'); // what the service reports when none was sent
    expect(runtime.capacityProviderConfiguration).toEqual(capacityProviderConfiguration);
    expect(runtime.lifecycleConfiguration).toEqual({
      idleRuntimeSessionTimeout: 86400,
      maxLifetime: 1209600,
    });
    // The SDK does not know the member, and hands it back as the service wrote it.
    expect(runtime.filesystemConfigurations).toEqual([
      { capacityProviderVolume: { volumeName: 'scratch', mountPath: '/mnt/scratch' } },
    ]);
  });

  it('answers an unknown id with ResourceNotFoundException and a malformed one with ValidationException', async () => {
    expect(await failure(get('ghost-abcdefghij'))).toBeInstanceOf(ResourceNotFoundException);
    const malformed = await failure(get('not valid!'));
    expect(malformed).toBeInstanceOf(ValidationException);
    expect((malformed as unknown as ValidationException).fieldList?.[0]?.name).toBe('agentRuntimeId');
  });

  it('ends in CREATE_FAILED with the failureReason when the scenario says so', async () => {
    ac.state.failNextCreate('Container failed health check');
    const created = await ac.client.send(new CreateAgentRuntimeCommand(containerRuntime('doomed')));
    const failed = await untilSettled(created.agentRuntimeId!);
    expect(failed).toMatchObject({ status: 'CREATE_FAILED', failureReason: 'Container failed health check' });
    const defaultEndpoint = await ac.client.send(
      new GetAgentRuntimeEndpointCommand({ agentRuntimeId: created.agentRuntimeId, endpointName: 'DEFAULT' }),
    );
    expect(defaultEndpoint).toMatchObject({
      status: 'CREATE_FAILED',
      failureReason: 'Container failed health check',
    });
    expect(defaultEndpoint.liveVersion).toBeUndefined();
    // Only the next create fails.
    const next = await createReady('healthy');
    expect((await get(next.agentRuntimeId!)).status).toBe('READY');
  });
});

describe('UpdateAgentRuntime', () => {
  it('makes a new immutable version each time; Get ?version= and ListAgentRuntimeVersions show them', async () => {
    const { agentRuntimeId } = await createReady('versioned');
    const second = await update(agentRuntimeId!, 'versioned', 'v2');
    expect(second).toMatchObject({ agentRuntimeVersion: '2', status: 'UPDATING', agentRuntimeId });
    expect(second.lastUpdatedAt).toBeInstanceOf(Date);
    expect((await get(agentRuntimeId!)).status).toBe('UPDATING');
    await untilSettled(agentRuntimeId!);
    const third = await update(agentRuntimeId!, 'versioned', 'v3');
    expect(third.agentRuntimeVersion).toBe('3');
    await untilSettled(agentRuntimeId!);

    const uri = (r: GetAgentRuntimeResponse) => r.agentRuntimeArtifact?.containerConfiguration?.containerUri;
    expect(uri(await get(agentRuntimeId!))).toMatch(/:v3$/);
    expect(uri(await get(agentRuntimeId!, '1'))).toMatch(/:v1$/);
    expect((await get(agentRuntimeId!, '2')).agentRuntimeVersion).toBe('2');
    expect(ac.requests.some((r) => r.query.version?.[0] === '1')).toBe(true);
    expect(await failure(get(agentRuntimeId!, '9'))).toBeInstanceOf(ResourceNotFoundException);

    const versions = await ac.client.send(new ListAgentRuntimeVersionsCommand({ agentRuntimeId }));
    expect(versions.agentRuntimes?.map((v) => [v.agentRuntimeVersion, v.status])).toEqual([
      ['1', 'READY'],
      ['2', 'READY'],
      ['3', 'READY'],
    ]);
  });

  it('replaces the whole configuration: members left out are cleared, older versions keep theirs', async () => {
    const { agentRuntimeId } = await createReady('replaced', {
      description: 'keep me?',
      environmentVariables: { A: '1' },
      lifecycleConfiguration: { idleRuntimeSessionTimeout: 120, maxLifetime: 3600 },
    });
    await update(agentRuntimeId!, 'replaced', 'v2');
    const latest = await untilSettled(agentRuntimeId!);
    expect(latest.description).toBeUndefined();
    expect(latest.environmentVariables).toBeUndefined();
    expect(latest.lifecycleConfiguration).toEqual({ idleRuntimeSessionTimeout: 900, maxLifetime: 28800 });
    const first = await get(agentRuntimeId!, '1');
    expect(first).toMatchObject({
      description: 'keep me?',
      environmentVariables: { A: '1' },
      lifecycleConfiguration: { idleRuntimeSessionTimeout: 120, maxLifetime: 3600 },
    });
    const [summary] = (await ac.client.send(new ListAgentRuntimesCommand({}))).agentRuntimes!;
    expect(summary).not.toHaveProperty('description');
  });

  it('refuses updates while the runtime is CREATING or UPDATING', async () => {
    const created = await ac.client.send(new CreateAgentRuntimeCommand(containerRuntime('busy')));
    expect(await failure(update(created.agentRuntimeId!, 'busy', 'v2'))).toBeInstanceOf(ConflictException);
    await untilSettled(created.agentRuntimeId!);
    await update(created.agentRuntimeId!, 'busy', 'v2');
    expect(await failure(update(created.agentRuntimeId!, 'busy', 'v3'))).toBeInstanceOf(ConflictException);
    await untilSettled(created.agentRuntimeId!);
    expect((await get(created.agentRuntimeId!)).agentRuntimeVersion).toBe('2');
  });

  it('refuses to switch between a container and a code artifact', async () => {
    const { agentRuntimeId } = await createReady('container_only');
    const err = await failure(
      update(agentRuntimeId!, 'container_only', 'v2', {
        agentRuntimeArtifact: {
          codeConfiguration: {
            code: { s3: { bucket: 'my-bucket', prefix: 'agent.zip' } },
            runtime: 'PYTHON_3_12',
            entryPoint: ['main.py'],
          },
        },
      }),
    );
    expect(err).toBeInstanceOf(ValidationException);
    expect(err.message).toBe('Agent artifact type cannot be updated');
    expect((await get(agentRuntimeId!)).agentRuntimeVersion).toBe('1');
  });

  it('refuses requireServiceS3Endpoint on runtimes created after the rollout, accepts it on older ones', async () => {
    const vpc = (require: boolean) => ({
      networkConfiguration: {
        networkMode: 'VPC' as const,
        networkModeConfig: {
          securityGroups: ['sg-0123456789abcdef0'],
          subnets: ['subnet-0123456789abcdef0'],
          requireServiceS3Endpoint: require,
        },
      },
    });
    const { agentRuntimeId } = await createReady('new_vpc');
    expect(await failure(update(agentRuntimeId!, 'new_vpc', 'v2', vpc(false)))).toBeInstanceOf(
      ValidationException,
    );
    const [legacy] = ac.state.seed({ name: 'old_vpc', legacyNetworking: true });
    const accepted = await update(legacy.agentRuntimeId, 'old_vpc', 'v2', vpc(true));
    expect(accepted.agentRuntimeVersion).toBe('2');
  });

  it('ends in UPDATE_FAILED with the failureReason; the runtime can be updated again', async () => {
    const { agentRuntimeId } = await createReady('flaky');
    ac.state.failNextUpdate('Image pull failed');
    await update(agentRuntimeId!, 'flaky', 'v2');
    expect(await untilSettled(agentRuntimeId!)).toMatchObject({
      status: 'UPDATE_FAILED',
      failureReason: 'Image pull failed',
      agentRuntimeVersion: '2',
    });
    await update(agentRuntimeId!, 'flaky', 'v3');
    expect(await untilSettled(agentRuntimeId!)).toMatchObject({ status: 'READY', agentRuntimeVersion: '3' });
  });

  it('answers an unknown id with ResourceNotFoundException', async () => {
    expect(await failure(update('ghost-abcdefghij', 'ghost', 'v2'))).toBeInstanceOf(
      ResourceNotFoundException,
    );
  });
});

describe('clientToken idempotency', () => {
  const token = 'a'.repeat(40);

  it('answers a repeated create with the first answer and makes nothing new', async () => {
    const first = await ac.client.send(
      new CreateAgentRuntimeCommand({ ...containerRuntime('once'), clientToken: token }),
    );
    const again = await ac.client.send(
      new CreateAgentRuntimeCommand({ ...containerRuntime('once'), clientToken: token }),
    );
    expect(again.agentRuntimeId).toBe(first.agentRuntimeId);
    expect(again.createdAt).toEqual(first.createdAt);
    expect(ac.state.runtimes()).toHaveLength(1);
  });

  it('answers a repeated update without a new version, and refuses the token with other parameters', async () => {
    const { agentRuntimeId } = await createReady('once_more');
    const first = await update(agentRuntimeId!, 'once_more', 'v2', { clientToken: token });
    const again = await update(agentRuntimeId!, 'once_more', 'v2', { clientToken: token });
    expect(again.agentRuntimeVersion).toBe(first.agentRuntimeVersion);
    expect(ac.state.runtimes()[0].versions).toEqual([1, 2]);

    const err = await failure(update(agentRuntimeId!, 'once_more', 'v3', { clientToken: token }));
    expect(err).toBeInstanceOf(ValidationException);
    expect((err as unknown as ValidationException).reason).toBe('IdempotentParameterMismatchException');
  });

  it('forgets the token after the idempotency window', async () => {
    await ac.close();
    ac = await startAgentCore({ idempotencyWindowMs: 20 });
    await ac.client.send(
      new CreateAgentRuntimeCommand({ ...containerRuntime('window'), clientToken: token }),
    );
    await sleep(30);
    const err = await failure(
      ac.client.send(new CreateAgentRuntimeCommand({ ...containerRuntime('window'), clientToken: token })),
    );
    expect(err).toBeInstanceOf(ConflictException);
  });
});

describe('DeleteAgentRuntime', () => {
  it('goes DELETING, then is gone after the delay and its name is free again', async () => {
    const { agentRuntimeId } = await createReady('short_lived');
    const deleted = await ac.client.send(new DeleteAgentRuntimeCommand({ agentRuntimeId }));
    expect(deleted).toMatchObject({ status: 'DELETING', agentRuntimeId });
    expect(deleted.$metadata.httpStatusCode).toBe(202);
    expect((await get(agentRuntimeId!)).status).toBe('DELETING');
    expect(await failure(update(agentRuntimeId!, 'short_lived', 'v2'))).toBeInstanceOf(ConflictException);
    const gone = await waitUntil(
      () =>
        get(agentRuntimeId!).then(
          () => undefined,
          (e: unknown) => e,
        ),
      (e) => e !== undefined,
    );
    expect(gone).toBeInstanceOf(ResourceNotFoundException);
    expect((await ac.client.send(new ListAgentRuntimesCommand({}))).agentRuntimes).toEqual([]);
    await createReady('short_lived');
  });

  it('refuses to delete while CREATING and answers an unknown id with ResourceNotFoundException', async () => {
    const created = await ac.client.send(new CreateAgentRuntimeCommand(containerRuntime('young')));
    const err = await failure(
      ac.client.send(new DeleteAgentRuntimeCommand({ agentRuntimeId: created.agentRuntimeId })),
    );
    expect(err).toBeInstanceOf(ConflictException);
    expect(
      await failure(ac.client.send(new DeleteAgentRuntimeCommand({ agentRuntimeId: 'ghost-abcdefghij' }))),
    ).toBeInstanceOf(ResourceNotFoundException);
  });

  it('deletes one version with ?version=, but not one an endpoint serves', async () => {
    const { agentRuntimeId } = await createReady('pruned');
    await update(agentRuntimeId!, 'pruned', 'v2');
    await untilSettled(agentRuntimeId!);
    const inUse = await failure(
      ac.client.send(new DeleteAgentRuntimeCommand({ agentRuntimeId, agentRuntimeVersion: '2' })),
    );
    expect(inUse).toBeInstanceOf(ConflictException);
    expect(inUse.message).toContain('DEFAULT');

    const deleted = await ac.client.send(
      new DeleteAgentRuntimeCommand({ agentRuntimeId, agentRuntimeVersion: '1' }),
    );
    expect(deleted).toMatchObject({ agentRuntimeVersion: '1', status: 'READY' });
    expect(ac.requests.at(-1)?.query.version).toEqual(['1']);
    expect(await failure(get(agentRuntimeId!, '1'))).toBeInstanceOf(ResourceNotFoundException);
    expect((await get(agentRuntimeId!)).agentRuntimeVersion).toBe('2');
  });
});

describe('ListAgentRuntimes', () => {
  it('pages past 250 seeded runtimes with paginateListAgentRuntimes, 20 per page by default', async () => {
    ac.state.seed({ count: 260 });
    const { agentRuntimeId } = await ac.client.send(
      new CreateAgentRuntimeCommand(containerRuntime('needle')),
    );
    const seen: AgentRuntime[] = [];
    let pages = 0;
    for await (const page of paginateListAgentRuntimes({ client: ac.client }, {})) {
      pages++;
      expect(page.agentRuntimes!.length).toBeLessThanOrEqual(20);
      seen.push(...page.agentRuntimes!);
    }
    expect(pages).toBe(14);
    expect(seen).toHaveLength(261);
    expect(new Set(seen.map((r) => r.agentRuntimeId)).size).toBe(261);
    expect(seen.at(-1)).toMatchObject({
      agentRuntimeName: 'needle',
      agentRuntimeId,
      agentRuntimeVersion: '1',
    });
    expect(seen[0]).toMatchObject({ agentRuntimeName: 'seeded_agent_0001', status: 'READY' });
    expect(seen[0].lastUpdatedAt).toBeInstanceOf(Date);

    let bigPages = 0;
    for await (const page of paginateListAgentRuntimes({ client: ac.client, pageSize: 100 }, {}))
      bigPages += page.agentRuntimes!.length > 0 ? 1 : 0;
    expect(bigPages).toBe(3);
    expect(ac.requests.at(-1)?.query.maxResults).toEqual(['100']);
  });

  it('refuses maxResults above 100 and a nextToken it did not issue', async () => {
    const tooMany = await failure(ac.client.send(new ListAgentRuntimesCommand({ maxResults: 101 })));
    expect(tooMany).toBeInstanceOf(ValidationException);
    expect((tooMany as unknown as ValidationException).fieldList?.[0]?.name).toBe('maxResults');
    const forged = await failure(ac.client.send(new ListAgentRuntimesCommand({ nextToken: 'forged' })));
    expect(forged).toBeInstanceOf(ValidationException);
    expect((forged as unknown as ValidationException).fieldList?.[0]?.name).toBe('nextToken');
  });
});

describe('Tags', () => {
  it('stores create-time tags, tags and untags by ARN (repeated tagKeys), without making versions', async () => {
    const created = await createReady('tagged', { tags: { team: 'ml', env: 'dev' } });
    const arn = created.agentRuntimeArn!;
    const tags = async () =>
      (await ac.client.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags;
    expect(await tags()).toEqual({ team: 'ml', env: 'dev' });

    const tagged = await ac.client.send(
      new TagResourceCommand({ resourceArn: arn, tags: { owner: 'me', env: 'prod' } }),
    );
    expect(tagged.$metadata.httpStatusCode).toBe(204);
    expect(await tags()).toEqual({ team: 'ml', env: 'prod', owner: 'me' });
    await ac.client.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['team', 'owner'] }));
    expect(await tags()).toEqual({ env: 'prod' });

    const untag = ac.requests.find((r) => r.method === 'DELETE')!;
    expect(untag.query.tagKeys).toEqual(['team', 'owner']);
    expect(untag.path).toBe(`/tags/${arn}`);
    expect((await get(created.agentRuntimeId!)).agentRuntimeVersion).toBe('1');
  });

  it('answers an unknown ARN with ResourceNotFoundException and a malformed one with ValidationException', async () => {
    const unknown = `arn:aws:bedrock-agentcore:${REGION}:${ACCOUNT}:runtime/ghost-abcdefghij`;
    for (const command of [
      new ListTagsForResourceCommand({ resourceArn: unknown }),
      new TagResourceCommand({ resourceArn: unknown, tags: { a: 'b' } }),
      new UntagResourceCommand({ resourceArn: unknown, tagKeys: ['a'] }),
    ])
      expect(await failure(ac.client.send(command as never))).toBeInstanceOf(ResourceNotFoundException);
    const malformed = await failure(
      ac.client.send(new ListTagsForResourceCommand({ resourceArn: 'arn:nope' })),
    );
    expect(malformed).toBeInstanceOf(ValidationException);
  });
});

describe('seeded runtimes', () => {
  it('look deployed: given spec, tags, status, version count and named endpoints', async () => {
    const [failed] = ac.state.seed({
      name: 'legacy_agent',
      spec: { description: 'seeded', environmentVariables: { MODE: 'old' } },
      tags: { owner: 'platform' },
      status: 'UPDATE_FAILED',
      versions: 3,
      failureReason: 'Seeded image is gone',
      endpoints: { prod: 2 },
    });
    expect(failed.agentRuntimeId).toMatch(/^legacy_agent-[a-zA-Z0-9]{10}$/);
    expect(await get(failed.agentRuntimeId)).toMatchObject({
      status: 'UPDATE_FAILED',
      failureReason: 'Seeded image is gone',
      agentRuntimeVersion: '3',
      description: 'seeded',
      environmentVariables: { MODE: 'old' },
      roleArn: expect.stringMatching(/^arn:aws:iam::123456789012:role\//),
    });
    expect((await get(failed.agentRuntimeId, '2')).status).toBe('READY');
    const prod = await ac.client.send(
      new GetAgentRuntimeEndpointCommand({ agentRuntimeId: failed.agentRuntimeId, endpointName: 'prod' }),
    );
    expect(prod).toMatchObject({ status: 'READY', liveVersion: '2' });
    const tags = await ac.client.send(
      new ListTagsForResourceCommand({ resourceArn: failed.agentRuntimeArn }),
    );
    expect(tags.tags).toEqual({ owner: 'platform' });
  });

  it('in progress settle after the transition delay; DELETING ones disappear', async () => {
    const [creating] = ac.state.seed({ name: 'warming', status: 'CREATING' });
    const [deleting] = ac.state.seed({ name: 'leaving', status: 'DELETING' });
    expect((await get(creating.agentRuntimeId)).status).toBe('CREATING');
    expect((await get(deleting.agentRuntimeId)).status).toBe('DELETING');
    expect((await untilSettled(creating.agentRuntimeId)).status).toBe('READY');
    await sleep(40);
    expect(await failure(get(deleting.agentRuntimeId))).toBeInstanceOf(ResourceNotFoundException);
  });

  it('refuses an invalid seed with a message naming the problem', () => {
    expect(() => ac.state.seed({ spec: { roleArn: 'nope' } })).toThrow(/roleArn must match the pattern/);
    expect(() => ac.state.seed({ count: 0 })).toThrow(/count must be a whole number/);
    ac.state.seed({ name: 'taken' });
    expect(() => ac.state.seed({ name: 'taken' })).toThrow(/already exists/);
  });
});
