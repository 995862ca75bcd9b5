// Runtime endpoints through the real SDK client: DEFAULT follows the latest version by itself, named
// endpoints move only when asked, and both serve the old version until a move settles.
import {
  ConflictException,
  CreateAgentRuntimeCommand,
  CreateAgentRuntimeEndpointCommand,
  DeleteAgentRuntimeEndpointCommand,
  GetAgentRuntimeCommand,
  GetAgentRuntimeEndpointCommand,
  ListAgentRuntimeEndpointsCommand,
  ListTagsForResourceCommand,
  ResourceNotFoundException,
  TagResourceCommand,
  UpdateAgentRuntimeCommand,
  UpdateAgentRuntimeEndpointCommand,
  ValidationException,
  type GetAgentRuntimeEndpointResponse,
} from '@aws-sdk/client-bedrock-agentcore-control';
import {
  ACCOUNT,
  containerRuntime,
  failure,
  REGION,
  runtimeUpdate,
  startAgentCore,
  waitUntil,
  type AgentCoreFixture,
} from './agentcore-fixtures.js';

let ac: AgentCoreFixture;
beforeEach(async () => {
  ac = await startAgentCore();
});
afterEach(() => ac.close());

const settled = (s?: string) => !['CREATING', 'UPDATING', 'DELETING'].includes(s!);
const endpoint = (agentRuntimeId: string, endpointName: string) =>
  ac.client.send(new GetAgentRuntimeEndpointCommand({ agentRuntimeId, endpointName }));
const endpointSettled = (id: string, name: string) =>
  waitUntil(
    () => endpoint(id, name),
    (e) => settled(e.status),
  );
const runtimeSettled = (agentRuntimeId: string) =>
  waitUntil(
    () => ac.client.send(new GetAgentRuntimeCommand({ agentRuntimeId })),
    (r) => settled(r.status),
  );
const versions = (e: GetAgentRuntimeEndpointResponse) => [e.status, e.liveVersion, e.targetVersion];

async function readyRuntime(name: string): Promise<string> {
  const { agentRuntimeId } = await ac.client.send(new CreateAgentRuntimeCommand(containerRuntime(name)));
  await runtimeSettled(agentRuntimeId!);
  return agentRuntimeId!;
}
async function newVersion(agentRuntimeId: string, tag: string) {
  const updated = await ac.client.send(new UpdateAgentRuntimeCommand(runtimeUpdate(agentRuntimeId, tag)));
  await runtimeSettled(agentRuntimeId);
  return updated.agentRuntimeVersion!;
}

describe('the DEFAULT endpoint', () => {
  it('is created with the runtime and follows every new version, serving the old one meanwhile', async () => {
    const { agentRuntimeId } = await ac.client.send(
      new CreateAgentRuntimeCommand(containerRuntime('follows')),
    );
    const creating = await endpoint(agentRuntimeId!, 'DEFAULT');
    expect(versions(creating)).toEqual(['CREATING', undefined, '1']);
    expect(creating).toMatchObject({
      name: 'DEFAULT',
      agentRuntimeEndpointArn: `arn:aws:bedrock-agentcore:${REGION}:${ACCOUNT}:runtime/${agentRuntimeId}/runtime-endpoint/DEFAULT`,
      agentRuntimeArn: `arn:aws:bedrock-agentcore:${REGION}:${ACCOUNT}:runtime/${agentRuntimeId}`,
    });
    expect(creating.id).toMatch(/^DEFAULT-[a-zA-Z0-9]{10}$/);
    expect(versions(await endpointSettled(agentRuntimeId!, 'DEFAULT'))).toEqual(['READY', '1', '1']);

    await ac.client.send(new UpdateAgentRuntimeCommand(runtimeUpdate(agentRuntimeId!, 'v2')));
    expect(versions(await endpoint(agentRuntimeId!, 'DEFAULT'))).toEqual(['UPDATING', '1', '2']);
    expect(versions(await endpointSettled(agentRuntimeId!, 'DEFAULT'))).toEqual(['READY', '2', '2']);
  });

  it('keeps serving the old version when the update fails', async () => {
    const id = await readyRuntime('stays');
    ac.state.failNextUpdate('Bad image');
    await newVersion(id, 'v2');
    const after = await endpointSettled(id, 'DEFAULT');
    expect(versions(after)).toEqual(['UPDATE_FAILED', '1', '2']);
    expect(after.failureReason).toBe('Bad image');
  });

  it('cannot be moved, created again or deleted on its own', async () => {
    const id = await readyRuntime('fixed_default');
    const move = await failure(
      ac.client.send(
        new UpdateAgentRuntimeEndpointCommand({
          agentRuntimeId: id,
          endpointName: 'DEFAULT',
          agentRuntimeVersion: '1',
        }),
      ),
    );
    expect(move).toBeInstanceOf(ValidationException);
    expect(
      await failure(
        ac.client.send(new CreateAgentRuntimeEndpointCommand({ agentRuntimeId: id, name: 'DEFAULT' })),
      ),
    ).toBeInstanceOf(ConflictException);
    expect(
      await failure(
        ac.client.send(
          new DeleteAgentRuntimeEndpointCommand({ agentRuntimeId: id, endpointName: 'DEFAULT' }),
        ),
      ),
    ).toBeInstanceOf(ConflictException);
  });
});

describe('named endpoints', () => {
  it('stay on their version until UpdateAgentRuntimeEndpoint moves them', async () => {
    const id = await readyRuntime('pinned');
    const created = await ac.client.send(
      new CreateAgentRuntimeEndpointCommand({
        agentRuntimeId: id,
        name: 'prod',
        description: 'production',
        tags: { tier: 'gold' },
      }),
    );
    expect(created).toMatchObject({
      status: 'CREATING',
      targetVersion: '1',
      endpointName: 'prod',
      agentRuntimeId: id,
    });
    expect(created.$metadata.httpStatusCode).toBe(202);
    expect(versions(await endpointSettled(id, 'prod'))).toEqual(['READY', '1', '1']);
    expect(
      (await ac.client.send(new ListTagsForResourceCommand({ resourceArn: created.agentRuntimeEndpointArn })))
        .tags,
    ).toEqual({ tier: 'gold' });

    expect(await newVersion(id, 'v2')).toBe('2');
    expect(versions(await endpointSettled(id, 'prod'))).toEqual(['READY', '1', '1']);

    const moving = await ac.client.send(
      new UpdateAgentRuntimeEndpointCommand({
        agentRuntimeId: id,
        endpointName: 'prod',
        agentRuntimeVersion: '2',
      }),
    );
    expect(moving).toMatchObject({ status: 'UPDATING', liveVersion: '1', targetVersion: '2' });
    expect(
      await failure(
        ac.client.send(
          new UpdateAgentRuntimeEndpointCommand({
            agentRuntimeId: id,
            endpointName: 'prod',
            agentRuntimeVersion: '1',
          }),
        ),
      ),
    ).toBeInstanceOf(ConflictException);
    const moved = await endpointSettled(id, 'prod');
    expect(versions(moved)).toEqual(['READY', '2', '2']);
    expect(moved.description).toBe('production');
  });

  it('are listed with DEFAULT, and the list of an unknown runtime is empty', async () => {
    const id = await readyRuntime('listed');
    await ac.client.send(new CreateAgentRuntimeEndpointCommand({ agentRuntimeId: id, name: 'canary' }));
    const listed = await ac.client.send(new ListAgentRuntimeEndpointsCommand({ agentRuntimeId: id }));
    expect(listed.runtimeEndpoints?.map((e) => [e.name, e.status])).toEqual([
      ['DEFAULT', 'READY'],
      ['canary', 'CREATING'],
    ]);
    expect(listed.runtimeEndpoints?.[1].createdAt).toBeInstanceOf(Date);
    const paged = await ac.client.send(
      new ListAgentRuntimeEndpointsCommand({ agentRuntimeId: id, maxResults: 1 }),
    );
    expect(paged.runtimeEndpoints).toHaveLength(1);
    expect(paged.nextToken).toBeDefined();
    const none = await ac.client.send(
      new ListAgentRuntimeEndpointsCommand({ agentRuntimeId: 'ghost-abcdefghij' }),
    );
    expect(none.runtimeEndpoints).toEqual([]);
  });

  it('refuses duplicates, unknown versions, unknown endpoints and runtimes', async () => {
    const id = await readyRuntime('strict');
    // prod stays CREATING for the whole test, however loaded the machine: the last case needs it so.
    ac.state.transitionDelayMs = 60_000;
    try {
      await ac.client.send(new CreateAgentRuntimeEndpointCommand({ agentRuntimeId: id, name: 'prod' }));
    } finally {
      ac.state.transitionDelayMs = 250;
    }
    const cases: [() => Promise<unknown>, unknown][] = [
      [
        () => ac.client.send(new CreateAgentRuntimeEndpointCommand({ agentRuntimeId: id, name: 'prod' })),
        ConflictException,
      ],
      [
        () =>
          ac.client.send(
            new CreateAgentRuntimeEndpointCommand({
              agentRuntimeId: id,
              name: 'beta',
              agentRuntimeVersion: '7',
            }),
          ),
        ResourceNotFoundException,
      ],
      [
        () =>
          ac.client.send(new CreateAgentRuntimeEndpointCommand({ agentRuntimeId: id, name: 'no spaces' })),
        ValidationException,
      ],
      [() => endpoint(id, 'missing'), ResourceNotFoundException],
      [() => endpoint('ghost-abcdefghij', 'prod'), ResourceNotFoundException],
      [
        () =>
          ac.client.send(
            new CreateAgentRuntimeEndpointCommand({ agentRuntimeId: 'ghost-abcdefghij', name: 'prod' }),
          ),
        ResourceNotFoundException,
      ],
      [
        () =>
          ac.client.send(
            new DeleteAgentRuntimeEndpointCommand({ agentRuntimeId: id, endpointName: 'missing' }),
          ),
        ResourceNotFoundException,
      ],
      // Still CREATING.
      [
        () =>
          ac.client.send(new DeleteAgentRuntimeEndpointCommand({ agentRuntimeId: id, endpointName: 'prod' })),
        ConflictException,
      ],
    ];
    for (const [call, errorClass] of cases) expect(await failure(call())).toBeInstanceOf(errorClass as never);
  });

  it('are deleted through DELETING, with their tags', async () => {
    const id = await readyRuntime('cleanup');
    const { agentRuntimeEndpointArn } = await ac.client.send(
      new CreateAgentRuntimeEndpointCommand({ agentRuntimeId: id, name: 'old' }),
    );
    await endpointSettled(id, 'old');
    await ac.client.send(new TagResourceCommand({ resourceArn: agentRuntimeEndpointArn, tags: { a: 'b' } }));
    const deleted = await ac.client.send(
      new DeleteAgentRuntimeEndpointCommand({ agentRuntimeId: id, endpointName: 'old' }),
    );
    expect(deleted).toMatchObject({ status: 'DELETING', agentRuntimeId: id, endpointName: 'old' });
    expect((await endpoint(id, 'old')).status).toBe('DELETING');
    const gone = await waitUntil(
      () =>
        endpoint(id, 'old').then(
          () => undefined,
          (e: unknown) => e,
        ),
      (e) => e !== undefined,
    );
    expect(gone).toBeInstanceOf(ResourceNotFoundException);
    expect(
      await failure(ac.client.send(new ListTagsForResourceCommand({ resourceArn: agentRuntimeEndpointArn }))),
    ).toBeInstanceOf(ResourceNotFoundException);
  });
});
