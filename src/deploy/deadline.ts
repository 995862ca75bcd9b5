// One deadline bounds a whole deploy: wait-timeout counts from the start, and every wait of every stage
// (settling, READY, the endpoints) takes what is left of it.
import type { WaitOptions } from '../aws/wait.js';

/** Seconds left before the deadline (at least one, so the last wait still looks once). */
export const secondsLeft = (deadline: number, now: () => number = Date.now): number =>
  Math.max(1, (deadline - now()) / 1000);

/** A wait inside a stage: until the deadline, on the context's clock when a test gives one. */
export const waitOptionsFor = (ctx: {
  deadline: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}): WaitOptions => ({
  timeoutSeconds: secondsLeft(ctx.deadline, ctx.now),
  ...(ctx.now && ctx.sleep && { clock: { now: ctx.now, sleep: ctx.sleep, random: Math.random } }),
});
