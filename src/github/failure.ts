// How a failed GitHub call is told to the user: the call, its status, and a cause only where the status
// really tells it (a 404 from a proxy is not a fork's read-only token).
/** A GitHub call that failed: which call, its HTTP status (none when no answer came), and GitHub's message. */
export interface GitHubCallFailure {
  /** e.g. `POST /repos/octo-org/agents/issues/7/comments`. */
  call: string;
  status?: number;
  message: string;
}

/** What an Octokit error says about the call that failed. */
export function callFailure(err: unknown, fallbackCall = 'GitHub API call'): GitHubCallFailure {
  const e = err as {
    status?: number;
    message?: string;
    request?: { method?: string; url?: string };
    response?: unknown;
  };
  const url = e.request?.url;
  const call = e.request?.method && url ? `${e.request.method} ${new URL(url).pathname}` : fallbackCall;
  // Octokit reports a request that got no answer at all as status 500 without a response.
  const status = e.response === undefined ? undefined : e.status;
  return { call, ...(status !== undefined && { status }), message: e.message ?? String(err) };
}

export function describeGitHubFailure({ call, status, message }: GitHubCallFailure): string {
  const answered = status === undefined ? `got no answer (${message})` : `answered ${status}: ${message}`;
  const cause = causeOf(call, status, message);
  return `${call} ${answered}${cause ? ` — ${cause}` : ''}`;
}

function causeOf(call: string, status: number | undefined, message: string): string | undefined {
  const writes = !call.startsWith('GET ');
  if (status === 401) return 'the github-token is invalid or expired';
  if (status === 403 && /rate limit/i.test(message)) return 'GitHub’s API rate limit is exhausted';
  if (status === 403 && writes && /not accessible by integration/i.test(message))
    return 'the token cannot write to the pull request: a fork’s token is read-only, otherwise the job needs `permissions: pull-requests: write`';
  if (status !== undefined && status >= 500) return 'GitHub failed on every retry';
  return undefined;
}
