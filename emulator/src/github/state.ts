// What the emulated GitHub knows: which tokens act as whom, the pull requests and their issue comments,
// and counters of writes. Tests seed and read it directly; the HTTP routes in ../github.ts change it.

export interface GitHubUser {
  login: string;
  id: number;
  type: 'User' | 'Bot';
}

export interface TokenGrant {
  user: GitHubUser;
  /** An installation token (GITHUB_TOKEN, `ghs_...`) cannot call `GET /user`; a personal token can. */
  kind: 'installation' | 'personal';
  /** Like the token of a pull request from a fork: reads work, writes answer 403. */
  readOnly: boolean;
}

export interface StoredComment {
  id: number;
  issueNumber: number;
  body: string;
  user: GitHubUser;
  authorAssociation: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface PullRequest {
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  draft: boolean;
  user: GitHubUser;
  head: { ref: string; sha: string };
  base: { ref: string; sha: string };
  createdAt: Date;
  updatedAt: Date;
  /** Set when merged: the commit the merge made on the base branch (merge, squash or rebase). */
  mergeCommitSha?: string;
  mergedAt?: Date;
}

export interface SeedCommentOptions {
  /** A login (a User is made up for it) or a full user; default `someone-else`. */
  author?: string | GitHubUser;
  authorAssociation?: string;
  createdAt?: Date;
}

export interface GitHubState {
  owner: string;
  repo: string;
  tokens: Map<string, TokenGrant>;
  registerInstallationToken(token: string, options?: { readOnly?: boolean }): TokenGrant;
  registerPersonalToken(token: string, login: string, options?: { readOnly?: boolean }): TokenGrant;
  setReadOnly(token: string, readOnly: boolean): void;
  pullRequests: Map<number, PullRequest>;
  seedPullRequest(pr: { number: number } & Partial<Omit<PullRequest, 'number'>>): PullRequest;
  /** Merges a pull request as GitHub does: closed, merged, with the commit the merge made. */
  mergePullRequest(number: number, mergeCommitSha: string): PullRequest;
  /**
   * "List pull requests associated with a commit": those the commit is the head of, or that were merged
   * as it (GitHub also lists pull requests that merely contain the commit; the emulator knows no history).
   */
  pullRequestsOfCommit(sha: string): PullRequest[];
  /** Adds a comment as if someone had posted it (the pull request is seeded when missing). */
  seedComment(issueNumber: number, body: string, options?: SeedCommentOptions): StoredComment;
  seedComments(
    issueNumber: number,
    count: number,
    options?: SeedCommentOptions & { body?: (i: number) => string },
  ): StoredComment[];
  /** The comments of one issue or pull request, oldest first, as the API lists them. */
  comments(issueNumber: number): StoredComment[];
  comment(id: number): StoredComment | undefined;
  /** What the API's POST does (no checks): stores a comment by `user` and returns it. */
  addComment(
    issueNumber: number,
    body: string,
    user: GitHubUser,
    authorAssociation: string,
    at?: Date,
  ): StoredComment;
  deleteComment(id: number): boolean;
  /** Successful API writes and list pages served, for "did it update instead of posting again" checks. */
  calls: { listed: number; created: number; updated: number; deleted: number };
  /** Status of an injected rate-limit answer (GitHub uses both); `undefined` keeps the injected 429. */
  rateLimitStatus: 403 | 429 | undefined;
  /**
   * When set, GET /user answers this status (404 as from a proxy or an older GitHub Enterprise, a 5xx)
   * instead of the user or the installation token's 403.
   */
  userLookupStatus: number | undefined;
  /** Seconds until `x-ratelimit-reset` in a rate-limit answer. */
  rateLimitResetSeconds: number;
  /** The user with this login, made up (as a User) the first time it is asked for. */
  userByLogin(login: string, type?: GitHubUser['type']): GitHubUser;
}

/** The identity GITHUB_TOKEN acts as, with GitHub's real ids. */
export const GITHUB_ACTIONS_BOT: GitHubUser = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };

export function createGitHubState(options: { token: string; repository: string }): GitHubState {
  const [owner = '', repo = ''] = options.repository.split('/');
  const users = new Map<string, GitHubUser>([[GITHUB_ACTIONS_BOT.login, GITHUB_ACTIONS_BOT]]);
  const comments = new Map<number, StoredComment>();
  let lastUserId = 1000;
  let lastCommentId = 2_000_000_000;

  const state: GitHubState = {
    owner,
    repo,
    tokens: new Map(),
    registerInstallationToken(token, { readOnly = false } = {}) {
      const grant: TokenGrant = { user: GITHUB_ACTIONS_BOT, kind: 'installation', readOnly };
      state.tokens.set(token, grant);
      return grant;
    },
    registerPersonalToken(token, login, { readOnly = false } = {}) {
      const grant: TokenGrant = { user: state.userByLogin(login), kind: 'personal', readOnly };
      state.tokens.set(token, grant);
      return grant;
    },
    setReadOnly(token, readOnly) {
      const grant = state.tokens.get(token);
      if (!grant) throw new Error('setReadOnly: unknown token');
      grant.readOnly = readOnly;
    },
    pullRequests: new Map(),
    seedPullRequest(pr) {
      const now = new Date();
      const seeded: PullRequest = {
        title: `Pull request #${pr.number}`,
        body: null,
        state: 'open',
        draft: false,
        user: state.userByLogin('octocat'),
        head: { ref: `feature-${pr.number}`, sha: 'a'.repeat(40) },
        base: { ref: 'main', sha: 'b'.repeat(40) },
        createdAt: now,
        updatedAt: now,
        ...pr,
      };
      state.pullRequests.set(pr.number, seeded);
      return seeded;
    },
    mergePullRequest(number, mergeCommitSha) {
      const pr = state.pullRequests.get(number);
      if (!pr) throw new Error(`mergePullRequest: no pull request #${number}`);
      Object.assign(pr, { state: 'closed', mergeCommitSha, mergedAt: new Date(), updatedAt: new Date() });
      return pr;
    },
    pullRequestsOfCommit: (sha) =>
      [...state.pullRequests.values()].filter((pr) => pr.head.sha === sha || pr.mergeCommitSha === sha),
    seedComment(issueNumber, body, { author = 'someone-else', authorAssociation = 'NONE', createdAt } = {}) {
      if (!state.pullRequests.has(issueNumber)) state.seedPullRequest({ number: issueNumber });
      const user = typeof author === 'string' ? state.userByLogin(author) : author;
      return state.addComment(issueNumber, body, user, authorAssociation, createdAt);
    },
    seedComments(issueNumber, count, { body = (i: number) => `Comment ${i + 1}`, ...rest } = {}) {
      return Array.from({ length: count }, (_, i) => state.seedComment(issueNumber, body(i), rest));
    },
    comments: (issueNumber) => [...comments.values()].filter((c) => c.issueNumber === issueNumber),
    comment: (id) => comments.get(id),
    addComment(issueNumber, body, user, authorAssociation, at = new Date()) {
      const comment: StoredComment = {
        id: ++lastCommentId,
        issueNumber,
        body,
        user,
        authorAssociation,
        createdAt: at,
        updatedAt: at,
      };
      comments.set(comment.id, comment);
      return comment;
    },
    deleteComment: (id) => comments.delete(id),
    calls: { listed: 0, created: 0, updated: 0, deleted: 0 },
    rateLimitStatus: undefined,
    userLookupStatus: undefined,
    rateLimitResetSeconds: 60,
    userByLogin(login, type = 'User') {
      let user = users.get(login);
      if (!user) {
        user = { login, id: ++lastUserId, type };
        users.set(login, user);
      }
      return user;
    },
  };
  state.registerInstallationToken(options.token);
  return state;
}
