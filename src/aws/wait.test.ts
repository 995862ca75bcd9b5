import type { GetAgentRuntimeResponse } from '@aws-sdk/client-bedrock-agentcore-control';
import type { RuntimeGateway } from './runtime-gateway.js';
import {
  formatSeconds,
  RuntimeFailedError,
  WaitTimeoutError,
  waitUntilDefaultEndpointServes,
  waitUntilReady,
} from './wait.js';

const error = (name: string, status: number) =>
  Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });

/** A gateway whose GetAgentRuntime / GetAgentRuntimeEndpoint answers are scripted, one per call. */
function scripted(
  runtimes: (Partial<GetAgentRuntimeResponse> | Error)[],
  endpoints: (object | Error)[] = [],
) {
  const calls = { get: 0, endpoint: 0 };
  const next = <T>(list: (T | Error)[], i: number): T => {
    const answer = list[Math.min(i, list.length - 1)];
    if (answer instanceof Error) throw answer;
    return answer;
  };
  const gateway = {
    get: async () => next(runtimes, calls.get++) as GetAgentRuntimeResponse,
    getEndpoint: async () => next(endpoints, calls.endpoint++),
  } as unknown as RuntimeGateway;
  return { gateway, calls };
}

test('READY on the first look returns at once', async () => {
  const { gateway, calls } = scripted([{ status: 'READY', agentRuntimeVersion: '3' }]);
  const started = Date.now();
  expect((await waitUntilReady(gateway, 'a-0123456789', { timeoutSeconds: 60 })).agentRuntimeVersion).toBe(
    '3',
  );
  expect(calls.get).toBe(1);
  expect(Date.now() - started).toBeLessThan(500);
});

test('CREATING then READY; throttling in between is only a reason to look again', async () => {
  const seen: string[] = [];
  const { gateway } = scripted([
    { status: 'CREATING' },
    error('ThrottlingException', 429),
    { status: 'READY' },
  ]);
  await waitUntilReady(gateway, 'a-0123456789', { timeoutSeconds: 60, onStatus: (s) => seen.push(s) });
  expect(seen).toEqual(['CREATING', 'READY']);
});

test('a failure status fails with the service’s own reason', async () => {
  const { gateway } = scripted([
    {
      status: 'UPDATE_FAILED',
      agentRuntimeName: 'a',
      agentRuntimeVersion: '2',
      failureReason: 'Health check failed',
    },
  ]);
  const failure = waitUntilReady(gateway, 'a-0123456789', { timeoutSeconds: 60 });
  await expect(failure).rejects.toThrow(RuntimeFailedError);
  await expect(failure).rejects.toThrow('a version 2 is UPDATE_FAILED: Health check failed');
});

test('a timeout says where the runtime stood', async () => {
  const { gateway } = scripted([{ status: 'UPDATING', agentRuntimeVersion: '4' }]);
  const wait = waitUntilReady(gateway, 'a-0123456789', { timeoutSeconds: 1 });
  await expect(wait).rejects.toThrow(WaitTimeoutError);
  await expect(wait).rejects.toThrow(
    'Timed out after 1s waiting for READY: the runtime is still UPDATING (version 4)',
  );
});

test('other errors end the wait', async () => {
  const { gateway } = scripted([error('AccessDeniedException', 403)]);
  await expect(waitUntilReady(gateway, 'a-0123456789', { timeoutSeconds: 60 })).rejects.toThrow(
    'AccessDeniedException',
  );
});

describe('the DEFAULT endpoint', () => {
  test('is confirmed once it serves the version', async () => {
    const { gateway, calls } = scripted(
      [],
      [
        { status: 'UPDATING', liveVersion: '1', targetVersion: '2' },
        { status: 'READY', liveVersion: '2' },
      ],
    );
    expect(
      await waitUntilDefaultEndpointServes(gateway, 'a-0123456789', '2', { timeoutSeconds: 60 }),
    ).toEqual({ confirmed: true });
    expect(calls.endpoint).toBe(2);
  });

  test('an unknown operation (404) skips the check too; a 5xx does not', async () => {
    const { gateway } = scripted([], [error('UnknownOperationException', 404)]);
    const result = await waitUntilDefaultEndpointServes(gateway, 'a-0123456789', '2', { timeoutSeconds: 60 });
    expect(result).toEqual({
      confirmed: false,
      reason: expect.stringContaining('UnknownOperationException'),
    });
    const { gateway: broken } = scripted([], [error('InternalServerException', 500)]);
    await expect(
      waitUntilDefaultEndpointServes(broken, 'a-0123456789', '2', { timeoutSeconds: 1 }),
    ).rejects.toThrow(WaitTimeoutError);
  });

  test('without permission to read it, the check is skipped and says why', async () => {
    const { gateway } = scripted([], [error('AccessDeniedException', 403)]);
    const result = await waitUntilDefaultEndpointServes(gateway, 'a-0123456789', '2', { timeoutSeconds: 60 });
    expect(result).toEqual({ confirmed: false, reason: expect.stringContaining('AccessDeniedException') });
  });
});

test.each([
  [90, '1m30s'],
  [5400, '1h30m'],
  [0, '0s'],
  [3600, '1h'],
])('formatSeconds(%d) = %s', (seconds, text) => expect(formatSeconds(seconds)).toBe(text));

test('READY of an older version than the one this run made is not the READY waited for', async () => {
  const { gateway, calls } = scripted([
    { status: 'READY', agentRuntimeVersion: '2' },
    { status: 'UPDATING', agentRuntimeVersion: '3' },
    { status: 'READY', agentRuntimeVersion: '3' },
  ]);
  const ready = await waitUntilReady(gateway, 'a-0123456789', { timeoutSeconds: 60, atLeastVersion: '3' });
  expect(ready.agentRuntimeVersion).toBe('3');
  expect(calls.get).toBe(3);
});

describe('reads that lag behind this run’s change', () => {
  const thisRun = { timeoutSeconds: 30, atLeastVersion: '3', changedByThisRun: true };

  test('a stale UPDATE_FAILED of the previous version does not end the wait', async () => {
    const { gateway, calls } = scripted([
      { status: 'UPDATE_FAILED', agentRuntimeVersion: '2', failureReason: 'an earlier deploy failed' },
      { status: 'UPDATING', agentRuntimeVersion: '3' },
      { status: 'READY', agentRuntimeVersion: '3' },
    ]);
    expect((await waitUntilReady(gateway, 'a-0123456789', thisRun)).agentRuntimeVersion).toBe('3');
    expect(calls.get).toBe(3);
  });

  test('nor does a stale READY of the previous version', async () => {
    const { gateway, calls } = scripted([
      { status: 'READY', agentRuntimeVersion: '2' },
      { status: 'READY', agentRuntimeVersion: '3' },
    ]);
    expect((await waitUntilReady(gateway, 'a-0123456789', thisRun)).agentRuntimeVersion).toBe('3');
    // Not seen UPDATING: the READY of version 3 is believed on the second read in a row.
    expect(calls.get).toBe(3);
  });

  test('a failed status under the new version number, before the change was seen in progress, needs a second read', async () => {
    const { gateway, calls } = scripted([
      { status: 'UPDATE_FAILED', agentRuntimeVersion: '3', failureReason: 'stale' },
      { status: 'UPDATING', agentRuntimeVersion: '3' },
      { status: 'READY', agentRuntimeVersion: '3' },
    ]);
    expect((await waitUntilReady(gateway, 'a-0123456789', thisRun)).status).toBe('READY');
    expect(calls.get).toBe(3);
  });

  test("this run's own failure still fails: after UPDATING, at once", async () => {
    const { gateway, calls } = scripted([
      { status: 'UPDATING', agentRuntimeVersion: '3' },
      {
        status: 'UPDATE_FAILED',
        agentRuntimeVersion: '3',
        agentRuntimeName: 'a',
        failureReason: 'Image pull failed',
      },
    ]);
    await expect(waitUntilReady(gateway, 'a-0123456789', thisRun)).rejects.toThrow(
      'a version 3 is UPDATE_FAILED: Image pull failed',
    );
    expect(calls.get).toBe(2);
  });

  test("this run's own failure still fails: seen twice in a row when the change was never seen in progress", async () => {
    const { gateway, calls } = scripted([
      {
        status: 'UPDATE_FAILED',
        agentRuntimeVersion: '3',
        agentRuntimeName: 'a',
        failureReason: 'Image pull failed',
      },
    ]);
    await expect(waitUntilReady(gateway, 'a-0123456789', thisRun)).rejects.toThrow(RuntimeFailedError);
    expect(calls.get).toBe(2);
  });

  test('an older version that stays failed is waited on until the deadline, never reported as this run’s failure', async () => {
    const { gateway } = scripted([
      { status: 'UPDATE_FAILED', agentRuntimeVersion: '2', failureReason: 'old' },
    ]);
    const wait = waitUntilReady(gateway, 'a-0123456789', { ...thisRun, timeoutSeconds: 1 });
    await expect(wait).rejects.toThrow(WaitTimeoutError);
    await expect(wait).rejects.toThrow('still UPDATE_FAILED (version 2)');
  });

  test('without a change of this run (a tag-only update), READY is believed at once', async () => {
    const { gateway, calls } = scripted([{ status: 'READY', agentRuntimeVersion: '3' }]);
    await waitUntilReady(gateway, 'a-0123456789', { timeoutSeconds: 30, atLeastVersion: '3' });
    expect(calls.get).toBe(1);
  });
});
