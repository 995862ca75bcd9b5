import type { AgentInvoker, InvokeRequest } from '../aws/agent-invoker.js';
import { firstBytes, freshSessionId, SmokeTestFailedError, smokeTest } from './smoke.js';

const target = {
  runtimeArn: 'arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/a-abcdefghij',
  version: '4',
};
const settings = { payload: '{"prompt":"ping"}', source: 'smoke-test-payload', timeoutSeconds: 1 };
const answering = (statusCode: number, body: string): AgentInvoker & { seen: InvokeRequest[] } => {
  const seen: InvokeRequest[] = [];
  return { seen, invoke: async (r) => (seen.push(r), { statusCode, body }) };
};

test('invokes the version by number, in a fresh session of at least 33 characters', async () => {
  const invoker = answering(200, 'pong');
  const result = await smokeTest(invoker, target, { ...settings, expect: /po+ng/ }, () => undefined);
  expect(result).toEqual({ statusCode: 200, response: 'pong' });
  expect(invoker.seen[0]).toMatchObject({ qualifier: '4', payload: '{"prompt":"ping"}' });
  expect(invoker.seen[0].sessionId.length).toBeGreaterThanOrEqual(33);
  expect(freshSessionId()).not.toBe(freshSessionId());
});

test('a hung invocation is aborted at the timeout, not only logged', async () => {
  let signal: AbortSignal | undefined;
  const hanging: AgentInvoker = {
    invoke: (r) =>
      new Promise((_resolve, reject) => {
        signal = r.signal;
        r.signal.addEventListener('abort', () => reject(new Error('aborted by the signal')));
      }),
  };
  const started = Date.now();
  await expect(smokeTest(hanging, target, settings, () => undefined)).rejects.toThrow('no answer within 1s');
  expect(signal?.aborted).toBe(true);
  expect(Date.now() - started).toBeLessThan(5000);
});

test.each([
  [500, 'Internal error\nline 2', undefined, 'the runtime answered with an error (status 500)'],
  [200, '{"answer":"wrong"}', /pong/, 'does not match smoke-test-expect /pong/'],
])(
  'status %i: fails with the status and the first lines of the answer',
  async (status, body, expect_, message) => {
    const error = await smokeTest(
      answering(status, body),
      target,
      { ...settings, expect: expect_ },
      () => undefined,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SmokeTestFailedError);
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).toContain(body.split('\n')[0]);
  },
);

test('firstBytes keeps at most that many bytes, on a character boundary', () => {
  expect(firstBytes('héllo', 2)).toBe('h');
  expect(Buffer.byteLength(firstBytes('€'.repeat(2000), 4096))).toBeLessThanOrEqual(4096);
});
