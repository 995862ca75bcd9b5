// When a wait looks, and when it stops looking. Hand-written rather than @smithy/util-waiter, which
// cannot keep these promises: it gives up as soon as its next sleep would pass the deadline (and cuts
// the sleep before to deadline - 0.5 s), so a wait ends before the user's timeout without a last look;
// it always looks at once, which a runtime that was just created or updated cannot have finished; and
// once its back-off reaches the cap every job of a matrix polls in step.
//
// The schedule: the first look comes at a random point 2.6-5 s in (no create, update or delete settles
// sooner), then one every 2 s. The random phase makes the lag from READY to noticing it uniform on
// 0-2 s whatever the transition's length (median 1 s, plus a request's latency: at 2.4 s and 2.2 s the
// measured median sat on the 1.2 s target rather than under it), and costs fewer than 0.5 GetAgentRuntime
// calls per second over any wait (the first look comes after more than one interval), as the 5 s, 30 s,
// 2 min and 5 min benchmarks show.
import { describeCause, isTransient } from './errors.js';
import { sleep as realSleep } from '../util/sleep.js';

export interface PollSchedule {
  /** The first look comes at a random point in [min, max] ms after the wait starts. */
  firstLookMs: readonly [number, number];
  /** Then one look every this many ms (counted from the start of the previous look). */
  intervalMs: number;
}

/** For a runtime known to be CREATING, UPDATING or DELETING. */
export const POLL_INTERVAL_MS = 2000;
export const TRANSITION_SCHEDULE: PollSchedule = { firstLookMs: [2600, 5000], intervalMs: POLL_INTERVAL_MS };
/** For something that may well be settled already: look at once, then as above. */
export const LOOK_AT_ONCE_SCHEDULE: PollSchedule = { firstLookMs: [0, 0], intervalMs: POLL_INTERVAL_MS };

/** Failed looks are tolerated until they have failed without a break for this long: an outage ends the wait. */
export const OUTAGE_MS = 60_000;

export interface PollClock {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** In [0, 1). */
  random(): number;
}

export const realClock: PollClock = { now: Date.now, sleep: realSleep, random: Math.random };

/** Every look at the status has failed for OUTAGE_MS without a break. */
export class PollOutageError extends Error {
  constructor(
    readonly operation: string,
    readonly failingForMs: number,
    readonly lastError: unknown,
  ) {
    super(
      `${operation} failed on every look for ${Math.round(failingForMs / 1000)}s without a break ` +
        `(${describeCause(lastError)}); stopped waiting. The runtime's state is unknown: check it in the console.`,
    );
    this.name = 'PollOutageError';
  }
}

export type LookResult = 'done' | 'again';

export interface PollOptions {
  timeoutMs: number;
  /** The call each look makes, for messages (e.g. GetAgentRuntime). */
  operation: string;
  schedule?: PollSchedule;
  clock?: PollClock;
}

/**
 * Looks until `look` says done or the deadline has passed. The last look is made AT the deadline, so a
 * wait never gives up before it, and gives up right after that look. A look that throws a transient error
 * (throttling, 5xx, a dropped connection) is tolerated unless looks have failed without a break for
 * OUTAGE_MS; any other error ends the wait.
 */
export async function pollUntil(
  look: () => Promise<LookResult>,
  options: PollOptions,
): Promise<{ state: 'done' } | { state: 'timeout'; lastError?: unknown }> {
  const { now, sleep, random } = options.clock ?? realClock;
  const schedule = options.schedule ?? TRANSITION_SCHEDULE;
  const started = now();
  const deadline = started + options.timeoutMs;
  const [firstMin, firstMax] = schedule.firstLookMs;
  let next = started + Math.round(firstMin + random() * (firstMax - firstMin));
  let failingSince: number | undefined;
  let lastError: unknown;
  for (;;) {
    const at = Math.min(next, deadline);
    while (now() < at) await sleep(at - now());
    const lookedAt = now();
    try {
      if ((await look()) === 'done') return { state: 'done' };
      failingSince = undefined;
      lastError = undefined;
    } catch (err) {
      if (!isTransient(err)) throw err;
      failingSince ??= lookedAt;
      lastError = err;
      if (now() - failingSince >= OUTAGE_MS)
        throw new PollOutageError(options.operation, now() - failingSince, err);
    }
    if (lookedAt >= deadline) return { state: 'timeout', lastError };
    next = lookedAt + schedule.intervalMs;
  }
}
