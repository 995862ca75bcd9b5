// Where the real service departs from its API model, the emulator departs with it (see emulator/README.md,
// "Beyond the model", and /work/shared/reference/service-behaviour.md for the sources).
import {
  CreateAgentRuntimeCommand,
  GetAgentRuntimeCommand,
  UpdateAgentRuntimeCommand,
} from '@aws-sdk/client-bedrock-agentcore-control';
import {
  containerRuntime,
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
