// One deadline bounds a whole deploy: wait-timeout counts from the start, and every wait of every stage
// (settling, READY, the endpoints) takes what is left of it.

/** Seconds left before the deadline (at least one, so the last wait still looks once). */
export const secondsLeft = (deadline: number, now: () => number = Date.now): number =>
  Math.max(1, (deadline - now()) / 1000);
