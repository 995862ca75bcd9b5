// The JSON GitHub's REST API answers with: users, issue comments, pull requests and error bodies, shaped
// like the real ones (the fields a client reads, plus the URLs). `api` is the base URL the request came
// in on, so follow-up URLs (`url`, pagination links) lead back to the emulator.
import { STATUS_CODES } from 'node:http';
import { randomUUID } from 'node:crypto';
import { json, type EmulatorResponse } from '../http.js';
import type { GitHubState, GitHubUser, PullRequest, StoredComment } from './state.js';

const HTML = 'https://github.com';
const DOCS = 'https://docs.github.com/rest';

const nodeId = (prefix: string, id: number) =>
  `${prefix}_kwDO${Buffer.from(String(id)).toString('base64url')}`;

export function renderUser(api: string, user: GitHubUser) {
  const login = encodeURIComponent(user.login);
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId(user.type === 'Bot' ? 'BOT' : 'U', user.id),
    avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
    gravatar_id: '',
    url: `${api}/users/${login}`,
    html_url: user.type === 'Bot' ? `${HTML}/apps/${user.login.replace(/\[bot\]$/, '')}` : `${HTML}/${login}`,
    type: user.type,
    site_admin: false,
  };
}

/** `GET /user` for a personal token: the simple user plus the profile fields. */
export function renderAuthenticatedUser(api: string, user: GitHubUser) {
  return {
    ...renderUser(api, user),
    name: null,
    company: null,
    blog: '',
    location: null,
    email: null,
    bio: null,
    public_repos: 0,
    followers: 0,
    following: 0,
    created_at: '2020-01-01T00:00:00Z',
    updated_at: '2020-01-01T00:00:00Z',
  };
}

export function renderComment(api: string, state: GitHubState, comment: StoredComment) {
  const repo = `${state.owner}/${state.repo}`;
  return {
    url: `${api}/repos/${repo}/issues/comments/${comment.id}`,
    html_url: `${HTML}/${repo}/pull/${comment.issueNumber}#issuecomment-${comment.id}`,
    issue_url: `${api}/repos/${repo}/issues/${comment.issueNumber}`,
    id: comment.id,
    node_id: nodeId('IC', comment.id),
    user: renderUser(api, comment.user),
    created_at: timestamp(comment.createdAt),
    updated_at: timestamp(comment.updatedAt),
    author_association: comment.authorAssociation,
    body: comment.body,
    performed_via_github_app: null,
  };
}

export function renderPullRequest(api: string, state: GitHubState, pr: PullRequest) {
  const repo = `${state.owner}/${state.repo}`;
  const repository = {
    id: 1,
    node_id: nodeId('R', 1),
    name: state.repo,
    full_name: repo,
    private: false,
    owner: renderUser(api, { login: state.owner, id: 1, type: 'User' }),
    html_url: `${HTML}/${repo}`,
    url: `${api}/repos/${repo}`,
  };
  const branch = (b: PullRequest['head']) => ({
    label: `${state.owner}:${b.ref}`,
    ref: b.ref,
    sha: b.sha,
    user: repository.owner,
    repo: repository,
  });
  return {
    url: `${api}/repos/${repo}/pulls/${pr.number}`,
    id: 100000 + pr.number,
    node_id: nodeId('PR', pr.number),
    html_url: `${HTML}/${repo}/pull/${pr.number}`,
    issue_url: `${api}/repos/${repo}/issues/${pr.number}`,
    comments_url: `${api}/repos/${repo}/issues/${pr.number}/comments`,
    number: pr.number,
    state: pr.state,
    locked: false,
    title: pr.title,
    user: renderUser(api, pr.user),
    body: pr.body,
    created_at: timestamp(pr.createdAt),
    updated_at: timestamp(pr.updatedAt),
    closed_at: pr.state === 'closed' ? timestamp(pr.mergedAt ?? pr.updatedAt) : null,
    merged_at: pr.mergedAt ? timestamp(pr.mergedAt) : null,
    merge_commit_sha: pr.mergeCommitSha ?? null,
    draft: pr.draft,
    head: branch(pr.head),
    base: branch(pr.base),
    author_association: 'CONTRIBUTOR',
    merged: Boolean(pr.mergedAt),
    comments: state.comments(pr.number).length,
  };
}

const timestamp = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Headers GitHub sends with every REST answer. */
export function commonHeaders(rateLimitRemaining = 4999, resetSeconds = 3600): Record<string, string> {
  return {
    'content-type': 'application/json; charset=utf-8',
    'x-github-api-version-selected': '2022-11-28',
    'x-github-media-type': 'github.v3; format=json',
    'x-github-request-id': randomUUID().toUpperCase(),
    'x-ratelimit-limit': '5000',
    'x-ratelimit-remaining': String(rateLimitRemaining),
    'x-ratelimit-used': String(5000 - rateLimitRemaining),
    'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + resetSeconds),
    'x-ratelimit-resource': 'core',
  };
}

export function ok(status: number, body: unknown, headers: Record<string, string> = {}): EmulatorResponse {
  return json(status, body, { ...commonHeaders(), ...headers });
}

/** GitHub's error body: message, documentation_url and the status as a string. */
export function githubError(
  status: number,
  message: string,
  docs = DOCS,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): EmulatorResponse {
  const body = { message, ...extra, documentation_url: docs, status: String(status) };
  return json(status, body, { ...commonHeaders(), ...headers });
}

export function rateLimited(status: number, resetSeconds: number): EmulatorResponse {
  const message =
    'API rate limit exceeded for installation ID 1. If you reach out to GitHub Support for help, please include ' +
    'the request ID and timestamp.';
  const headers = commonHeaders(0, resetSeconds);
  return githubError(status, message, `${DOCS}/overview/rate-limits-for-the-rest-api`, {}, headers);
}

export function serverError(status: number): EmulatorResponse {
  return json(status, { message: STATUS_CODES[status] ?? 'Server Error' }, commonHeaders());
}
