// Where the real service departs from its API model, the emulator departs with it (see emulator/README.md,
// "Beyond the model", and /work/shared/reference/service-behaviour.md for the sources).
import {
  CreateAgentRuntimeCommand,
  GetAgentRuntimeCommand,
  UpdateAgentRuntimeCommand,
} from '@aws-sdk/client-bedrock-agentcore-control';
import {
  containerRuntime,
  failure,
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

const get = (agentRuntimeId: string, agentRuntimeVersion?: string) =>
  ac.client.send(new GetAgentRuntimeCommand({ agentRuntimeId, agentRuntimeVersion }));

describe('GetAgentRuntime omits what the service does not report', () => {
  const privateEndpoint = {
    managedVpcResource: {
      vpcIdentifier: 'vpc-0123456789abcdef0',
      subnetIds: ['subnet-0a1b2c3d4e5f67890'],
      endpointIpAddressType: 'IPV4' as const,
    },
  };
  const authorizerConfiguration = {
    customJWTAuthorizer: {
      discoveryUrl: 'https://idp.internal.example.com/.well-known/openid-configuration',
      allowedClients: ['client-a'],
      privateEndpoint,
      privateEndpointOverrides: [{ domain: 'login.example.com', privateEndpoint }],
    },
  };

  it("leaves out a JWT authorizer's privateEndpoint and privateEndpointOverrides, of every version", async () => {
    const created = await ac.client.send(
      new CreateAgentRuntimeCommand({ ...containerRuntime('private_idp'), authorizerConfiguration }),
    );
    const id = created.agentRuntimeId!;
    await waitUntil(
      () => get(id),
      (r) => r.status === 'READY',
    );
    await ac.client.send(
      new UpdateAgentRuntimeCommand({ ...runtimeUpdate(id, 'v2'), authorizerConfiguration }),
    );
    for (const version of [undefined, '1', '2'])
      expect((await get(id, version)).authorizerConfiguration).toEqual({
        customJWTAuthorizer: {
          discoveryUrl: 'https://idp.internal.example.com/.well-known/openid-configuration',
          allowedClients: ['client-a'],
        },
      });
  });
});

describe('reads that lag behind an update', () => {
  async function readyRuntime(name: string) {
    const created = await ac.client.send(new CreateAgentRuntimeCommand(containerRuntime(name)));
    await waitUntil(
      () => get(created.agentRuntimeId!),
      (r) => r.status === 'READY',
    );
    return created.agentRuntimeId!;
  }

  // Updates that stay UPDATING for the whole test, however loaded the machine.
  const slowUpdate = async (id: string, tag: string) => {
    ac.state.transitionDelayMs = 30_000;
    await ac.client.send(new UpdateAgentRuntimeCommand(runtimeUpdate(id, tag)));
  };

  it('serve the runtime as it was before the update once, then the truth', async () => {
    const id = await readyRuntime('stale_ready');
    ac.state.staleReadsAfterNextUpdate();
    await slowUpdate(id, 'v2');
    const stale = await get(id);
    expect(stale).toMatchObject({ status: 'READY', agentRuntimeVersion: '1' });
    expect(stale.agentRuntimeArtifact?.containerConfiguration?.containerUri).toMatch(/:v1$/);
    expect(await get(id)).toMatchObject({ status: 'UPDATING', agentRuntimeVersion: '2' });
  });

  it('can show a stale UPDATE_FAILED for as many reads as asked', async () => {
    const id = await readyRuntime('stale_failed');
    ac.state.applyScenario({
      staleReadsAfterNextUpdate: { status: 'UPDATE_FAILED', failureReason: 'Image pull failed', reads: 2 },
    });
    await slowUpdate(id, 'v2');
    for (let i = 0; i < 2; i++)
      expect(await get(id)).toMatchObject({
        status: 'UPDATE_FAILED',
        agentRuntimeVersion: '1',
        failureReason: 'Image pull failed',
      });
    expect((await get(id)).status).toBe('UPDATING');
  });

  it('can put the new version number on the stale answer; asking for a version is never stale', async () => {
    const id = await readyRuntime('stale_numbered');
    ac.state.staleReadsAfterNextUpdate({ status: 'UPDATE_FAILED', newVersionNumber: true });
    await slowUpdate(id, 'v2');
    expect((await get(id, '2')).status).toBe('UPDATING');
    expect(await get(id)).toMatchObject({ status: 'UPDATE_FAILED', agentRuntimeVersion: '2' });
    expect(await get(id)).toMatchObject({ status: 'UPDATING', agentRuntimeVersion: '2' });
  });

  it('refuses an unknown stale status', () => {
    expect(() =>
      ac.state.applyScenario({ staleReadsAfterNextUpdate: { status: 'DELETING' as 'READY' } }),
    ).toThrow('staleReadsAfterNextUpdate.status must be one of READY, CREATE_FAILED, UPDATE_FAILED');
  });
});

describe('IAM that has not propagated yet', () => {
  it('refuses Create with the service’s ECR text, then lets the retry through', async () => {
    ac.state.applyScenario({ iamNotPropagated: { calls: 1, check: 'ecr' } });
    const request = containerRuntime('ecr_pending');
    const err = await failure(ac.client.send(new CreateAgentRuntimeCommand(request)));
    expect(err.name).toBe('ValidationException');
    expect(err.message).toBe(
      `Access denied while validating ECR URI '${request.agentRuntimeArtifact!.containerConfiguration!.containerUri}'. ` +
        'The execution role requires permissions for ecr:GetAuthorizationToken, ecr:BatchGetImage, and ecr:GetDownloadUrlForLayer operations.',
    );
    expect((await ac.client.send(new CreateAgentRuntimeCommand(request))).status).toBe('CREATING');
  });

  it('refuses Update with "Role validation failed", naming the role', async () => {
    const created = await ac.client.send(new CreateAgentRuntimeCommand(containerRuntime('role_pending')));
    await waitUntil(
      () => get(created.agentRuntimeId!),
      (r) => r.status === 'READY',
    );
    ac.state.iamNotPropagated(1, 'role');
    const update = runtimeUpdate(created.agentRuntimeId!, 'v2');
    const err = await failure(ac.client.send(new UpdateAgentRuntimeCommand(update)));
    expect(err.name).toBe('ValidationException');
    expect(err.message).toMatch(/^Role validation failed/);
    expect(err.message).toContain(update.roleArn);
    expect((await ac.client.send(new UpdateAgentRuntimeCommand(update))).agentRuntimeVersion).toBe('2');
  });
});
