// The deadline on a real clock, against the emulator through the real SDK: a wait gives up no earlier
// than its timeout, and no later than the one look made at the deadline.
import { BedrockAgentCoreControlClient } from '@aws-sdk/client-bedrock-agentcore-control';
import { startEmulator, type Emulator } from '../../emulator/src/index.js';
import { SdkRuntimeGateway } from './runtime-gateway.js';
import { WaitTimeoutError, waitUntilReady } from './wait.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ transitionDelayMs: 60_000 });
});
afterAll(() => emu.close());

test('wait-timeout: 3 gives up at 3 s, after a look at the deadline', async () => {
  const gateway = new SdkRuntimeGateway(
    new BedrockAgentCoreControlClient({
      endpoint: emu.urls.agentcore,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIAWAITDEADLINE0001', secretAccessKey: 'x' },
    }),
  );
  const [runtime] = emu.agentcore.seed({ name: 'deadline_agent', status: 'UPDATING' });
  const mark = emu.requests.length;
  const started = Date.now();
  await expect(waitUntilReady(gateway, runtime.agentRuntimeId, { timeoutSeconds: 3 })).rejects.toThrow(
    WaitTimeoutError,
  );
  const ended = Date.now();
  const looks = emu.requests.slice(mark).map((r) => r.time);
  expect(ended - started).toBeGreaterThanOrEqual(3000);
  expect(looks.at(-1)!).toBeGreaterThanOrEqual(started + 3000);
  // "No later than deadline + one look": the look at the deadline is the last thing the wait does.
  expect(ended - looks.at(-1)!).toBeLessThan(1000);
});
