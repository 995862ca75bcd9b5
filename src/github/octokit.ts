// An Octokit that survives a few consecutive 5xx or rate-limit answers, like every AWS call does: a
// flaky GitHub must not cost the reviewers their plan comment. (@actions/github ships no retry plugin;
// this hook is the few lines it would cost.)
import { getOctokit } from '@actions/github';
import { sleep as realSleep } from '../util/sleep.js';

export type Octokit = ReturnType<typeof getOctokit>;

const ATTEMPTS = 4;

function worthRetrying(err: unknown): boolean {
  const { status = 0, response } = err as {
    status?: number;
    response?: { headers?: Record<string, string> };
  };
  const rateLimited =
    status === 429 || (status === 403 && response?.headers?.['x-ratelimit-remaining'] === '0');
  return status >= 500 || rateLimited;
}

export function retryingOctokit(token: string, sleep = realSleep): Octokit {
  const octokit = getOctokit(token);
  octokit.hook.wrap('request', async (request, options) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await request(options);
      } catch (err) {
        if (attempt >= ATTEMPTS || !worthRetrying(err)) throw err;
        await sleep(500 * 2 ** (attempt - 1));
      }
    }
  });
  return octokit;
}
