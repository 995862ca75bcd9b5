// The GitHub REST API subset a pull-request plan comment needs, as `@actions/github`'s `getOctokit(token)`
// calls it: list (paginated with a `Link` header), create, update and delete issue comments, get a pull
// request, list the pull requests associated with a commit, and `GET /user`. Tokens, read-only tokens and GitHub's error answers behave like the real API.
import {
  takeInjectedError,
  type EmulatorRequest,
  type EmulatorResponse,
  type Handler,
  type ServiceFaults,
} from './http.js';
import {
  commonHeaders,
  githubError,
  ok,
  rateLimited,
  renderAuthenticatedUser,
  renderComment,
  renderPullRequest,
  serverError,
} from './github/render.js';
import { createGitHubState, type GitHubState, type TokenGrant } from './github/state.js';

export type { GitHubState, GitHubUser, PullRequest, StoredComment, TokenGrant } from './github/state.js';
export { GITHUB_ACTIONS_BOT } from './github/state.js';

/** GitHub's limit on an issue comment body, in characters. */
export const MAX_COMMENT_LENGTH = 65536;
const COMMENTS_DOCS = 'https://docs.github.com/rest/issues/comments';

interface RouteContext {
  req: EmulatorRequest;
  api: string;
  grant: TokenGrant | undefined;
  state: GitHubState;
}

export function createGitHubService(
  options: { token: string; repository: string },
  faults: ServiceFaults,
): { handler: Handler; state: GitHubState } {
  const state = createGitHubState(options);

  const handler: Handler = (req) => {
    const injected = takeInjectedError(faults, req);
    if (injected?.kind === 'throttle') {
      return rateLimited(state.rateLimitStatus ?? injected.status, state.rateLimitResetSeconds);
    }
    if (injected) return serverError(injected.status);

    const token = /^(?:token|bearer)\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const grant = token === undefined ? undefined : state.tokens.get(token);
    if (token !== undefined && !grant) return githubError(401, 'Bad credentials');

    const api = `http://${req.headers.host ?? '127.0.0.1'}`;
    return route({ req, api, grant, state });
  };

  return { handler, state };
}

function route(ctx: RouteContext): EmulatorResponse {
  const { req, state } = ctx;
  if (req.path === '/user' && req.method === 'GET') return getAuthenticatedUser(ctx);

  const repoPath = /^\/repos\/([^/]+)\/([^/]+)(\/.*)$/.exec(req.path);
  const sameRepo =
    repoPath &&
    repoPath[1]!.toLowerCase() === state.owner.toLowerCase() &&
    repoPath[2]!.toLowerCase() === state.repo.toLowerCase();
  if (!sameRepo) return githubError(404, 'Not Found');
  const rest = repoPath[3]!;

  const issueComments = /^\/issues\/(\d+)\/comments$/.exec(rest);
  if (issueComments && req.method === 'GET') return listComments(ctx, Number(issueComments[1]));
  if (issueComments && req.method === 'POST') return createComment(ctx, Number(issueComments[1]));

  const oneComment = /^\/issues\/comments\/(\d+)$/.exec(rest);
  if (oneComment && req.method === 'GET') return getComment(ctx, Number(oneComment[1]));
  if (oneComment && req.method === 'PATCH') return updateComment(ctx, Number(oneComment[1]));
  if (oneComment && req.method === 'DELETE') return deleteComment(ctx, Number(oneComment[1]));

  const commitPulls = /^\/commits\/([0-9a-f]{7,40})\/pulls$/i.exec(rest);
  if (commitPulls && req.method === 'GET') return listPullRequestsOfCommit(ctx, commitPulls[1]!);

  const pull = /^\/pulls\/(\d+)$/.exec(rest);
  if (pull && req.method === 'GET') {
    const pr = state.pullRequests.get(Number(pull[1]));
    return pr ? ok(200, renderPullRequest(ctx.api, state, pr)) : githubError(404, 'Not Found');
  }
  return githubError(404, 'Not Found');
}

/** GET /repos/{owner}/{repo}/commits/{sha}/pulls, paginated like the other lists (one page here). */
function listPullRequestsOfCommit({ req, api, state }: RouteContext, sha: string): EmulatorResponse {
  const perPage = Math.min(100, Math.max(1, Number.parseInt(req.query.get('per_page') ?? '30', 10) || 30));
  const pulls = state.pullRequestsOfCommit(sha.toLowerCase()).slice(0, perPage);
  return ok(
    200,
    pulls.map((pr) => renderPullRequest(api, state, pr)),
  );
}

function getAuthenticatedUser({ api, grant, state }: RouteContext): EmulatorResponse {
  const status = state.userLookupStatus;
  if (status !== undefined) return status >= 500 ? serverError(status) : githubError(status, 'Not Found');
  if (!grant) return githubError(401, 'Requires authentication', 'https://docs.github.com/rest/users/users');
  if (grant.kind === 'installation') {
    // An installation token is not a user: GitHub refuses exactly like this.
    const docs = 'https://docs.github.com/rest/users/users#get-the-authenticated-user';
    return githubError(403, 'Resource not accessible by integration', docs);
  }
  return ok(200, renderAuthenticatedUser(api, grant.user));
}

function listComments({ req, api, state }: RouteContext, issueNumber: number): EmulatorResponse {
  if (!state.pullRequests.has(issueNumber)) return githubError(404, 'Not Found');
  const perPage = Math.min(100, Math.max(1, Number.parseInt(req.query.get('per_page') ?? '30', 10) || 30));
  const page = Math.max(1, Number.parseInt(req.query.get('page') ?? '1', 10) || 1);
  const all = state.comments(issueNumber);
  const slice = all.slice((page - 1) * perPage, page * perPage);
  const lastPage = Math.max(1, Math.ceil(all.length / perPage));
  state.calls.listed++;

  const link = (p: number, rel: string) => {
    const query = new URLSearchParams(req.query);
    query.set('per_page', String(perPage));
    query.set('page', String(p));
    return `<${api}${req.rawPath}?${query}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1) links.push(link(page - 1, 'prev'));
  if (page < lastPage) links.push(link(page + 1, 'next'), link(lastPage, 'last'));
  if (page > 1) links.push(link(1, 'first'));
  const headers: Record<string, string> = links.length > 0 ? { link: links.join(', ') } : {};
  return ok(
    200,
    slice.map((c) => renderComment(api, state, c)),
    headers,
  );
}

function getComment({ api, state }: RouteContext, id: number): EmulatorResponse {
  const comment = state.comment(id);
  return comment ? ok(200, renderComment(api, state, comment)) : githubError(404, 'Not Found');
}

function createComment(ctx: RouteContext, issueNumber: number): EmulatorResponse {
  const { api, state, grant } = ctx;
  const docs = `${COMMENTS_DOCS}#create-an-issue-comment`;
  const refused = refuseWrite(grant, docs);
  if (refused) return refused;
  if (!state.pullRequests.has(issueNumber)) return githubError(404, 'Not Found', docs);
  const body = readCommentBody(ctx.req, docs);
  if (typeof body !== 'string') return body;
  const user = grant!.user;
  const association = user.type === 'Bot' ? 'NONE' : user.login === state.owner ? 'OWNER' : 'COLLABORATOR';
  const comment = state.addComment(issueNumber, body, user, association);
  state.calls.created++;
  return ok(201, renderComment(api, state, comment), {
    location: `${api}/repos/${state.owner}/${state.repo}/issues/comments/${comment.id}`,
  });
}

function updateComment(ctx: RouteContext, id: number): EmulatorResponse {
  const { api, state, grant } = ctx;
  const docs = `${COMMENTS_DOCS}#update-an-issue-comment`;
  const refused = refuseWrite(grant, docs);
  if (refused) return refused;
  const comment = state.comment(id);
  if (!comment) return githubError(404, 'Not Found', docs);
  const body = readCommentBody(ctx.req, docs);
  if (typeof body !== 'string') return body;
  comment.body = body;
  comment.updatedAt = new Date();
  state.calls.updated++;
  return ok(200, renderComment(api, state, comment));
}

function deleteComment({ state, grant }: RouteContext, id: number): EmulatorResponse {
  const docs = `${COMMENTS_DOCS}#delete-an-issue-comment`;
  const refused = refuseWrite(grant, docs);
  if (refused) return refused;
  if (!state.deleteComment(id)) return githubError(404, 'Not Found', docs);
  state.calls.deleted++;
  const headers = commonHeaders();
  delete headers['content-type'];
  return { status: 204, headers, body: '' };
}

function refuseWrite(grant: TokenGrant | undefined, docs: string): EmulatorResponse | undefined {
  if (!grant) return githubError(401, 'Requires authentication', docs);
  if (grant.readOnly) return githubError(403, 'Resource not accessible by integration', docs);
  return undefined;
}

/** The `body` member of a create/update request, or GitHub's 400/422 answer. */
function readCommentBody(req: EmulatorRequest, docs: string): string | EmulatorResponse {
  let input: unknown;
  try {
    input = JSON.parse(req.body || '{}');
  } catch {
    return githubError(400, 'Problems parsing JSON', docs);
  }
  const body = (input as { body?: unknown } | null)?.body;
  if (body === undefined || body === null)
    return githubError(422, 'Invalid request.\n\n"body" wasn\'t supplied.', docs);
  if (typeof body !== 'string') {
    return githubError(
      422,
      `Invalid request.\n\nFor 'properties/body', ${JSON.stringify(body)} is not a string.`,
      docs,
    );
  }
  const invalid = (code: string, message?: string) =>
    githubError(422, 'Validation Failed', docs, {
      errors: [{ resource: 'IssueComment', code, field: 'body', ...(message && { message }) }],
    });
  if (body.trim() === '') return invalid('missing_field');
  // GitHub counts characters (code points), not UTF-16 units.
  if ([...body].length > MAX_COMMENT_LENGTH) {
    return invalid('custom', `body is too long (maximum is ${MAX_COMMENT_LENGTH} characters)`);
  }
  return body;
}
