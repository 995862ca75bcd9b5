// The AgentCore emulator's front door and fault injection: SigV4 scope checks, expired STS keys,
// throttling, 5xx and dropped connections retried by the SDK, refused creates (IAM propagation),
// endpoint resolution from the environment, and the CLI's control API.
import {
  AccessDeniedException,
  BedrockAgentCoreControlClient,
  BedrockAgentCoreControlServiceException,
  CreateAgentRuntimeCommand,
  GetAgentRuntimeCommand,
  InternalServerException,
  ListAgentRuntimesCommand,
  ServiceQuotaExceededException,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-bedrock-agentcore-control';
import type { RecordedRequest } from '../src/http.js';
import {
  bodyOf,
  containerRuntime,
  failure,
  REGION,
  STATIC_KEY,
  startAgentCore,
  type AgentCoreFixture,
} from './agentcore-fixtures.js';

let ac: AgentCoreFixture;
const stsKeys = new Map<string, Date>();
beforeEach(async () => {
  stsKeys.clear();
  ac = await startAgentCore({
    transitionDelayMs: 250,
    lookupAccessKey: (k) => (stsKeys.has(k) ? { expiration: stsKeys.get(k)! } : undefined),
  });
});
afterEach(() => ac.close());

const list = (client = ac.client) => client.send(new ListAgentRuntimesCommand({}));
const authorization = (scope: string, key = STATIC_KEY) =>
  `AWS4-HMAC-SHA256 Credential=${key}/20260101/${scope}/aws4_request, SignedHeaders=host;x-amz-date, Signature=0123abcd`;
const raw = (path: string, init: RequestInit & { headers?: Record<string, string> } = {}) =>
  fetch(`${ac.url}${path}`, init);

describe('SigV4 front door', () => {
  it('answers a request without Authorization with 403 MissingAuthenticationTokenException', async () => {
    const res = await raw('/runtimes/', { method: 'POST' });
    expect(res.status).toBe(403);
    expect(res.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
    expect(res.headers.get('x-amzn-requestid')).toBeTruthy();
    expect(await res.json()).toEqual({ message: 'Missing Authentication Token' });
  });

  it('refuses a signature scoped to another region or service, naming what it expected', async () => {
    const wrongRegion = await failure(list(ac.makeClient({ region: 'eu-west-1' })));
    expect(wrongRegion.name).toBe('InvalidSignatureException');
    expect(wrongRegion).toBeInstanceOf(BedrockAgentCoreControlServiceException);
    expect(wrongRegion.message).toContain(`'${REGION}'`);
    expect(wrongRegion.message).toContain(`'eu-west-1'`);

    const res = await raw('/runtimes/', {
      method: 'POST',
      headers: { authorization: authorization(`${REGION}/bedrock-agentcore-control`) },
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('x-amzn-errortype')).toBe('InvalidSignatureException');
    expect((await bodyOf<{ message: string }>(res)).message).toContain(`'bedrock-agentcore'`);
  });

  it('records the access key id of every request and honours an allow-list of static keys', async () => {
    await list();
    expect(ac.state.accessKeyIds).toEqual([STATIC_KEY]);
    ac.state.allowedAccessKeyIds = ['AKIAOTHERKEY00000000'];
    const refused = await failure(list());
    expect(refused.name).toBe('UnrecognizedClientException');
    expect((refused as unknown as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode).toBe(
      403,
    );
    // A key the emulated STS issued is always known.
    stsKeys.set('ASIASTSISSUED0000001', new Date(Date.now() + 60_000));
    const sts = ac.makeClient({
      credentials: { accessKeyId: 'ASIASTSISSUED0000001', secretAccessKey: 's', sessionToken: 't' },
    });
    await list(sts);
    expect(ac.state.accessKeyIds.at(-1)).toBe('ASIASTSISSUED0000001');
  });

  it('answers a key the STS issued, once expired, with ExpiredTokenException', async () => {
    stsKeys.set('ASIAEXPIRED000000001', new Date(Date.now() - 1));
    const client = ac.makeClient({
      credentials: { accessKeyId: 'ASIAEXPIRED000000001', secretAccessKey: 's', sessionToken: 't' },
    });
    const err = await failure(list(client));
    expect(err.name).toBe('ExpiredTokenException');
    expect(err.message).toBe('The security token included in the request is expired');
  });
});

describe('injected faults, retried by the SDK', () => {
  it('succeeds after 3 throttles when the client makes 4 attempts', async () => {
    ac.faults.throttle = 3;
    const listed = await list(ac.makeClient({ maxAttempts: 4 }));
    expect(listed.$metadata.attempts).toBe(4);
    expect(ac.requests.map((r) => r.status)).toEqual([429, 429, 429, 200]);
    expect(ac.faults.throttle).toBe(0);
  }, 20_000);

  it('gives up with ThrottlingException "Rate exceeded" when attempts run out', async () => {
    ac.faults.throttle = 5;
    const err = await failure(list(ac.makeClient({ maxAttempts: 1 })));
    expect(err).toBeInstanceOf(ThrottlingException);
    expect(err.message).toBe('Rate exceeded');
    expect((err as unknown as ThrottlingException).$metadata.httpStatusCode).toBe(429);
  });

  it('retries 5xx answers and reports InternalServerException when they persist', async () => {
    ac.faults.serverErrors = 1;
    expect((await list(ac.makeClient({ maxAttempts: 2 }))).$metadata.attempts).toBe(2);
    ac.faults.serverErrors = 1;
    ac.faults.serverErrorStatus = 503;
    const err = await failure(list(ac.makeClient({ maxAttempts: 1 })));
    expect(err).toBeInstanceOf(InternalServerException);
    expect((err as unknown as InternalServerException).$metadata.httpStatusCode).toBe(503);
  }, 20_000);

  it('retries a dropped connection', async () => {
    ac.faults.dropConnections = 1;
    const listed = await list(ac.makeClient({ maxAttempts: 2 }));
    expect(listed.$metadata.attempts).toBe(2);
    expect(ac.requests.map((r) => r.status)).toEqual([0, 200]);
  }, 20_000);

  it('adds latency to every answer', async () => {
    ac.faults.latencyMs = 60;
    const started = Date.now();
    await list();
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
  });
});

describe('refused creates (IAM propagation)', () => {
  it('refuses the next N creates with ValidationException naming the role, then accepts', async () => {
    ac.state.rejectNextCreates(2, 'ValidationException', 'Role validation failed for role arn {roleArn}');
    const spec = containerRuntime('propagating');
    for (let i = 0; i < 2; i++) {
      const err = await failure(ac.client.send(new CreateAgentRuntimeCommand(spec)));
      expect(err).toBeInstanceOf(ValidationException);
      expect(err.message).toBe(`Role validation failed for role arn ${spec.roleArn}`);
    }
    const created = await ac.client.send(new CreateAgentRuntimeCommand(spec));
    expect(created.status).toBe('CREATING');
  });

  it('refuses with AccessDeniedException naming the image, or ServiceQuotaExceededException (402)', async () => {
    const spec = containerRuntime('ecr_lag');
    ac.state.rejectNextCreates(
      1,
      'AccessDeniedException',
      'Access denied while validating ECR URI {containerUri}',
    );
    const denied = await failure(ac.client.send(new CreateAgentRuntimeCommand(spec)));
    expect(denied).toBeInstanceOf(AccessDeniedException);
    expect(denied.message).toBe(
      `Access denied while validating ECR URI ${spec.agentRuntimeArtifact!.containerConfiguration!.containerUri}`,
    );
    ac.state.rejectNextCreates(1, 'ServiceQuotaExceededException', 'Too many agent runtimes');
    const quota = await failure(ac.client.send(new CreateAgentRuntimeCommand(spec)));
    expect(quota).toBeInstanceOf(ServiceQuotaExceededException);
    expect((quota as unknown as ServiceQuotaExceededException).$metadata.httpStatusCode).toBe(402);
  });
});

describe('protocol edges', () => {
  it('answers an unparseable body with ValidationException reason CannotParse', async () => {
    const res = await raw('/runtimes/', {
      method: 'PUT',
      headers: {
        authorization: authorization(`${REGION}/bedrock-agentcore`),
        'content-type': 'application/json',
      },
      body: '{"agentRuntimeName":',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-amzn-errortype')).toBe('ValidationException');
    expect((await bodyOf<{ reason: string }>(res)).reason).toBe('CannotParse');
  });

  it('ignores members the model does not define, as the service does', async () => {
    const res = await raw('/runtimes/', {
      method: 'PUT',
      headers: {
        authorization: authorization(`${REGION}/bedrock-agentcore`),
        'content-type': 'application/json',
      },
      body: JSON.stringify({ ...containerRuntime('lenient'), notAField: 1 }),
    });
    expect(res.status).toBe(202);
  });

  it('answers a path no operation has (e.g. without the trailing slash) with UnknownOperationException', async () => {
    const res = await raw('/runtimes', {
      method: 'PUT',
      headers: { authorization: authorization(`${REGION}/bedrock-agentcore`) },
    });
    expect(res.status).toBe(404);
    expect(res.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
  });

  it('is reached by a client built without `endpoint` when AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL is set', async () => {
    const saved = process.env.AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL;
    process.env.AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL = ac.url;
    const client = new BedrockAgentCoreControlClient({
      region: REGION,
      credentials: { accessKeyId: 'AKIAFROMENVCLIENT001', secretAccessKey: 's' },
    });
    try {
      await list(client);
      expect(ac.state.accessKeyIds).toEqual(['AKIAFROMENVCLIENT001']);
    } finally {
      client.destroy();
      if (saved === undefined) delete process.env.AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL;
      else process.env.AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL = saved;
    }
  });
});

describe('control API (/__emulator/)', () => {
  const post = (path: string, body: unknown) =>
    raw(path, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });

  it('applies a scenario: delay, throttling, a failing create and seeded runtimes', async () => {
    const res = await post('/__emulator/scenario', {
      transitionDelayMs: 15,
      throttle: 1,
      failNextCreate: 'Scenario says no',
      seed: { count: 3, namePrefix: 'cli', tags: { seeded: 'yes' } },
    });
    expect(res.status).toBe(200);
    const { seeded } = await bodyOf<{ seeded: { agentRuntimeName: string }[] }>(res);
    expect(seeded.map((s) => s.agentRuntimeName)).toEqual(['cli_0001', 'cli_0002', 'cli_0003']);
    expect(ac.state.transitionDelayMs).toBe(15);

    const listed = await list(ac.makeClient({ maxAttempts: 2 }));
    expect(listed.$metadata.attempts).toBe(2);
    expect(listed.agentRuntimes).toHaveLength(3);
    const { agentRuntimeId } = await ac.client.send(
      new CreateAgentRuntimeCommand(containerRuntime('scripted')),
    );
    await new Promise((r) => setTimeout(r, 30));
    const got = await ac.client.send(new GetAgentRuntimeCommand({ agentRuntimeId }));
    expect(got).toMatchObject({ status: 'CREATE_FAILED', failureReason: 'Scenario says no' });

    const runtimes = await bodyOf<{ runtimes: { tags: object }[] }>(await raw('/__emulator/runtimes'));
    expect(runtimes.runtimes.map((r) => r.tags)).toContainEqual({ seeded: 'yes' });
  }, 20_000);

  it('refuses unknown scenario fields, listing the known ones', async () => {
    const res = await post('/__emulator/scenario', { trottle: 1 });
    expect(res.status).toBe(400);
    expect((await bodyOf<{ message: string }>(res)).message).toMatch(
      /unknown scenario field\(s\) trottle; known: .*throttle/,
    );
  });

  it('serves the recorded requests without signatures, and resets', async () => {
    await list();
    const { requests } = await bodyOf<{ requests: RecordedRequest[] }>(await raw('/__emulator/requests'));
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ method: 'POST', path: '/runtimes/', status: 200 });
    expect(requests[0].headers.authorization).toContain(`Credential=${STATIC_KEY}/`);
    expect(requests[0].headers.authorization).toContain('Signature=<redacted>');
    expect(JSON.stringify(requests)).not.toMatch(/Signature=[0-9a-f]{64}/);

    ac.state.seed({ count: 2 });
    await post('/__emulator/reset', {});
    expect(ac.state.runtimes()).toEqual([]);
    expect((await raw('/__emulator/nope')).status).toBe(404);
  });
});
