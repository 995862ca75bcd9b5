// Calls throttled beyond the SDK's attempts (a matrix of deploys sharing the account's request rate).
import { startEmulator, type Emulator } from '../../emulator/src/index.js';
import { OUTAGE_MS } from './poll.js';
import { createControlClient, SdkRuntimeGateway, throttlingMiddleware } from './runtime-gateway.js';

const throttled = () =>
  Object.assign(new Error('Rate exceeded'), {
    name: 'ThrottlingException',
    $metadata: { httpStatusCode: 429 },
  });

/** The middleware around a `next` that fails `failures` times first, on a fake clock. */
function around(commandName: string, failures: Error[]) {
  const clock = { now: 0 };
  const logs: string[] = [];
  let calls = 0;
  const next = async () => {
    calls++;
    const failure = failures.shift();
    if (failure) throw failure;
    return { output: { $metadata: {} }, response: {} };
  };
  const handler = throttlingMiddleware({
    log: (m) => logs.push(m),
    now: () => clock.now,
    wait: async (ms) => void (clock.now += ms),
  })(next, { commandName });
  return { run: () => handler({ input: {} }), clock, logs, calls: () => calls };
}

test('a call throttled beyond the SDK attempts is made again, jittered, and names itself in the log', async () => {
  const call = around('ListAgentRuntimesCommand', [throttled(), throttled(), throttled()]);
  await expect(call.run()).resolves.toBeDefined();
  expect(call.calls()).toBe(4);
  expect(call.logs).toHaveLength(3);
  expect(call.logs[0]).toMatch(
    /^ListAgentRuntimes throttled \(Rate exceeded\); trying again in (1\.\d|2\.0)s\.$/,
  );
});

test('throttled for longer than the outage rule: the error is thrown, never past a minute', async () => {
  const call = around('CreateAgentRuntimeCommand', Array.from({ length: 100 }, throttled));
  await expect(call.run()).rejects.toThrow('Rate exceeded');
  expect(call.clock.now).toBeLessThanOrEqual(OUTAGE_MS);
  expect(call.clock.now).toBeGreaterThan(OUTAGE_MS / 4);
});

test('other errors, and the status reads of waits (which tolerate throttling on their own schedule), pass through', async () => {
  const other = around('UpdateAgentRuntimeCommand', [
    Object.assign(new Error('boom'), { name: 'ValidationException' }),
  ]);
  await expect(other.run()).rejects.toThrow('boom');
  expect(other.calls()).toBe(1);
  for (const commandName of ['GetAgentRuntimeCommand', 'GetAgentRuntimeEndpointCommand']) {
    const read = around(commandName, [throttled()]);
    await expect(read.run()).rejects.toThrow('Rate exceeded');
    expect(read.calls()).toBe(1);
  }
});

describe('through the real SDK against the emulator', () => {
  let emu: Emulator;
  const previous = process.env.AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL;
  beforeAll(async () => {
    emu = await startEmulator();
    // The SDK's standard variable, read when a request is made: how the action is redirected too.
    process.env.AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL = emu.urls.agentcore;
  });
  afterAll(async () => {
    process.env.AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL = previous;
    await emu.close();
  });

  test('seven throttles in a row (one more than the SDK attempts) on ListAgentRuntimes: found anyway', async () => {
    emu.agentcore.seed({ name: 'throttled_agent' });
    const logs: string[] = [];
    const client = createControlClient({
      region: 'us-east-1',
      credentials: async () => ({ accessKeyId: 'AKIATHROTTLED0000001', secretAccessKey: 'x' }),
      userAgent: 'test',
      throttling: { log: (m) => logs.push(m) },
    });
    emu.faults.agentcore.throttle = 7;
    const mark = emu.requests.length;
    await expect(new SdkRuntimeGateway(client).findByName('throttled_agent')).resolves.toMatchObject({
      agentRuntimeName: 'throttled_agent',
    });
    expect(emu.requests.slice(mark).filter((r) => r.status === 429)).toHaveLength(7);
    expect(logs).toEqual([expect.stringMatching(/^ListAgentRuntimes throttled/)]);
  }, 90_000);
});
