/** The one real sleep; everything that waits takes a `sleep` parameter so tests can pass a fake. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
