import type { GetAgentRuntimeResponse } from '@aws-sdk/client-bedrock-agentcore-control';
import { OUTAGE_MS, PollOutageError, type PollClock } from './poll.js';
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

/** Virtual time: sleeping moves the clock, calls take no time; `random` fixes where the first look falls. */
function fakeClock(random = 0): PollClock & { t: number } {
  const clock = {
    t: 0,
    now: () => clock.t,
    sleep: async (ms: number) => {
      clock.t += ms;
    },
    random: () => random,
  };
  return clock;
}

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
  const ready = await waitUntilReady(gateway, 'a-0123456789', { timeoutSeconds: 60, lookAtOnce: true });
  expect(ready.agentRuntimeVersion).toBe('3');
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
  await waitUntilReady(gateway, 'a-0123456789', {
    timeoutSeconds: 60,
    onStatus: (s) => seen.push(s),
    clock: fakeClock(),
  });
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
  const wait = waitUntilReady(gateway, 'a-0123456789', { timeoutSeconds: 1, clock: fakeClock() });
  await expect(wait).rejects.toThrow(WaitTimeoutError);
  await expect(wait).rejects.toThrow(
    'Timed out after 1s waiting for READY: the runtime is still UPDATING (version 4)',
  );
});

test('other errors end the wait', async () => {
  const { gateway } = scripted([error('AccessDeniedException', 403)]);
  await expect(
    waitUntilReady(gateway, 'a-0123456789', { timeoutSeconds: 60, clock: fakeClock() }),
  ).rejects.toThrow('AccessDeniedException');
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
      await waitUntilDefaultEndpointServes(gateway, 'a-0123456789', '2', {
        timeoutSeconds: 60,
        clock: fakeClock(),
      }),
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
      waitUntilDefaultEndpointServes(broken, 'a-0123456789', '2', { timeoutSeconds: 1, clock: fakeClock() }),
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
  const ready = await waitUntilReady(gateway, 'a-0123456789', {
    timeoutSeconds: 60,
    atLeastVersion: '3',
    clock: fakeClock(),
  });
  expect(ready.agentRuntimeVersion).toBe('3');
  expect(calls.get).toBe(3);
});

describe('reads that lag behind this run’s change', () => {
  const thisRun = { timeoutSeconds: 30, atLeastVersion: '3', changedByThisRun: true, clock: fakeClock() };

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

/** A gateway that records the (virtual) time of every GetAgentRuntime and answers with `answer(time)`. */
function timed(clock: { t: number }, answer: (t: number) => Partial<GetAgentRuntimeResponse> | Error) {
  const looks: number[] = [];
  const gateway = {
    get: async () => {
      looks.push(clock.t);
      const a = answer(clock.t);
      if (a instanceof Error) throw a;
      return a as GetAgentRuntimeResponse;
    },
  } as unknown as RuntimeGateway;
  return { gateway, looks };
}

describe('the poll schedule', () => {
  test.each([
    [0, 2600],
    [0.5, 3800],
    [0.999, 4998],
  ])(
    'a runtime in transition is first looked at 2.6-5 s in (random %d: %d ms), then every 2 s',
    async (random, first) => {
      const clock = fakeClock(random);
      const { gateway, looks } = timed(clock, (t) => ({ status: t >= 20_000 ? 'READY' : 'CREATING' }));
      await waitUntilReady(gateway, 'a-0123456789', { timeoutSeconds: 600, clock });
      expect(looks[0]).toBeCloseTo(first, 0);
      for (let i = 1; i < looks.length; i++) expect(looks[i] - looks[i - 1]).toBe(2000);
      // READY (at 20 s) is noticed within one interval, at the first look after it.
      expect(looks.at(-1)! - 20_000).toBeGreaterThanOrEqual(0);
      expect(looks.at(-1)! - 20_000).toBeLessThan(2000);
    },
  );

  test('looks cost fewer than 0.5 GetAgentRuntime calls a second, even on a 5 s transition', async () => {
    for (const random of [0, 0.25, 0.5, 0.75, 0.999])
      for (const flipMs of [5_000, 30_000, 120_000, 300_000]) {
        const clock = fakeClock(random);
        const { gateway, looks } = timed(clock, (t) => ({ status: t >= flipMs ? 'READY' : 'UPDATING' }));
        await waitUntilReady(gateway, 'a-0123456789', { timeoutSeconds: 600, clock });
        expect(looks.length / (clock.t / 1000)).toBeLessThan(0.5);
        expect(clock.t - flipMs).toBeLessThanOrEqual(2000);
      }
  });
});

describe('wait-timeout is honoured exactly', () => {
  test.each([3, 10, 61])(
    'a %d s wait looks once more AT the deadline and gives up right after it',
    async (timeoutSeconds) => {
      const clock = fakeClock();
      const { gateway, looks } = timed(clock, () => ({ status: 'UPDATING', agentRuntimeVersion: '2' }));
      const wait = waitUntilReady(gateway, 'a-0123456789', { timeoutSeconds, clock });
      await expect(wait).rejects.toThrow(WaitTimeoutError);
      expect(looks.at(-1)).toBe(timeoutSeconds * 1000);
      expect(clock.t).toBe(timeoutSeconds * 1000);
      expect(looks.filter((t) => t > timeoutSeconds * 1000)).toEqual([]);
    },
  );

  test('READY seen by the look at the deadline is READY, not a timeout', async () => {
    const clock = fakeClock();
    const { gateway } = timed(clock, (t) => ({ status: t >= 3000 ? 'READY' : 'CREATING' }));
    await expect(
      waitUntilReady(gateway, 'a-0123456789', { timeoutSeconds: 3, clock }),
    ).resolves.toMatchObject({
      status: 'READY',
    });
  });
});

describe('failed looks', () => {
  test('are tolerated while they come with breaks', async () => {
    const clock = fakeClock();
    // 50 s of 500s, one good answer, 50 s more of 500s, then READY.
    const { gateway } = timed(clock, (t) =>
      t < 50_000 || (t > 53_000 && t < 103_000)
        ? error('InternalServerException', 500)
        : { status: t >= 103_000 ? 'READY' : 'UPDATING' },
    );
    await expect(
      waitUntilReady(gateway, 'a-0123456789', { timeoutSeconds: 600, clock }),
    ).resolves.toMatchObject({ status: 'READY' });
  });

  test('60 s of them without a break end the wait, naming the call and the cause', async () => {
    const clock = fakeClock();
    const { gateway, looks } = timed(clock, () => error('ThrottlingException', 429));
    const wait = waitUntilReady(gateway, 'a-0123456789', { timeoutSeconds: 1800, clock });
    await expect(wait).rejects.toThrow(PollOutageError);
    const outage = looks.at(-1)! - looks[0];
    expect(outage).toBeGreaterThanOrEqual(OUTAGE_MS);
    expect(outage).toBeLessThan(OUTAGE_MS + 2000);
    // The message says how long the looks failed for (the first failed look to the last).
    await expect(wait).rejects.toThrow(
      `GetAgentRuntime failed on every look for ${Math.round(outage / 1000)}s without a break (ThrottlingException (HTTP 429): ThrottlingException)`,
    );
  });

  test('a timeout before an outage says why the runtime could not be read', async () => {
    const clock = fakeClock();
    const { gateway } = timed(clock, () => error('InternalServerException', 503));
    await expect(waitUntilReady(gateway, 'a-0123456789', { timeoutSeconds: 20, clock })).rejects.toThrow(
      'the runtime could not be read (GetAgentRuntime: InternalServerException (HTTP 503): InternalServerException)',
    );
  });
});
