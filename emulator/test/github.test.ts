// Drives the emulated GitHub REST API with the real client, `@actions/github`'s getOctokit, over HTTP.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { getOctokit } from '@actions/github';
import { createGitHubService, MAX_COMMENT_LENGTH, type GitHubState } from '../src/github.js';
import {
  listen,
  noFaults,
  type RecordedRequest,
  type RunningService,
  type ServiceFaults,
} from '../src/http.js';

const OWNER = 'octo-org';
const REPO = 'agents';
const BOT_TOKEN = 'ghs_emulatedInstallationToken000000000';
const PERSONAL_TOKEN = 'ghp_emulatedPersonalToken0000000000000';

let log: RecordedRequest[];
let faults: ServiceFaults;
let running: RunningService;
let github: GitHubState;
let issueNumber = 0;

beforeAll(async () => {
  log = [];
  faults = noFaults();
  const service = createGitHubService({ token: BOT_TOKEN, repository: `${OWNER}/${REPO}` }, faults);
  github = service.state;
  github.registerPersonalToken(PERSONAL_TOKEN, 'alice');
  running = await listen('github', service.handler, { log, faults });
});

afterAll(() => running.close());

// Each test works on a fresh pull request so counts stay independent.
beforeEach(() => {
  log.length = 0;
  Object.assign(faults, noFaults());
  github.rateLimitStatus = undefined;
  issueNumber++;
  github.seedPullRequest({ number: issueNumber, title: `Deploy agent #${issueNumber}` });
});

const octokit = (token = BOT_TOKEN) => getOctokit(token, { baseUrl: running.url });
const target = () => ({ owner: OWNER, repo: REPO, issue_number: issueNumber });
const githubRequests = () => log.filter((r) => r.service === 'github');

describe('issue comments', () => {
  it('lets octokit.paginate walk every page of a long comment thread', async () => {
    github.seedComments(issueNumber, 245, { author: 'reviewer' });
    github.seedComment(issueNumber, 'plan comment', { author: 'github-actions[bot]' });

    const first = await octokit().rest.issues.listComments({ ...target(), per_page: 100 });
    expect(first.data).toHaveLength(100);
    expect(first.headers.link).toContain('page=2>; rel="next"');
    expect(first.headers.link).toContain('page=3>; rel="last"');

    const all = await octokit().paginate(octokit().rest.issues.listComments, { ...target(), per_page: 100 });
    expect(all).toHaveLength(246);
    expect(all.at(-1)).toMatchObject({ body: 'plan comment', user: { login: 'github-actions[bot]' } });
    expect(all[0]).toMatchObject({ body: 'Comment 1', user: { login: 'reviewer', type: 'User' } });
    expect(new Set(all.map((c) => c.id)).size).toBe(246);
    const pages = githubRequests()
      .slice(1)
      .map((r) => r.query.page?.[0]);
    expect(pages).toEqual([undefined, '2', '3']);
  });

  it('caps per_page at 100 and defaults to 30', async () => {
    github.seedComments(issueNumber, 120);
    const capped = await octokit().rest.issues.listComments({ ...target(), per_page: 500 });
    expect(capped.data).toHaveLength(100);
    const byDefault = await octokit().rest.issues.listComments(target());
    expect(byDefault.data).toHaveLength(30);
    expect(byDefault.headers.link).toContain('page=4>; rel="last"');
  });

  it('creates, updates and deletes a comment as github-actions[bot]', async () => {
    const created = await octokit().rest.issues.createComment({ ...target(), body: 'plan: 1 change' });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({
      body: 'plan: 1 change',
      user: { login: 'github-actions[bot]', id: 41898282, type: 'Bot' },
      author_association: 'NONE',
      html_url: `https://github.com/${OWNER}/${REPO}/pull/${issueNumber}#issuecomment-${created.data.id}`,
    });
    expect(created.data.node_id).toMatch(/^IC_/);
    expect(github.comments(issueNumber).map((c) => c.body)).toEqual(['plan: 1 change']);

    const updated = await octokit().rest.issues.updateComment({
      owner: OWNER,
      repo: REPO,
      comment_id: created.data.id,
      body: 'plan: no changes',
    });
    expect(updated.data.body).toBe('plan: no changes');
    expect(github.comment(created.data.id)?.body).toBe('plan: no changes');

    const deleted = await octokit().rest.issues.deleteComment({
      owner: OWNER,
      repo: REPO,
      comment_id: created.data.id,
    });
    expect(deleted.status).toBe(204);
    expect(github.comments(issueNumber)).toEqual([]);
    await expect(
      octokit().rest.issues.deleteComment({ owner: OWNER, repo: REPO, comment_id: created.data.id }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it('counts successful writes', async () => {
    const before = { ...github.calls };
    const { data } = await octokit().rest.issues.createComment({ ...target(), body: 'a' });
    await octokit().rest.issues.updateComment({ owner: OWNER, repo: REPO, comment_id: data.id, body: 'b' });
    await octokit().rest.issues.updateComment({ owner: OWNER, repo: REPO, comment_id: data.id, body: 'c' });
    await expect(octokit().rest.issues.createComment({ ...target(), body: '' })).rejects.toMatchObject({
      status: 422,
    });
    expect(github.calls.created - before.created).toBe(1);
    expect(github.calls.updated - before.updated).toBe(2);
  });

  it(`accepts ${MAX_COMMENT_LENGTH} characters and answers 422 "body is too long" above`, async () => {
    await expect(
      octokit().rest.issues.createComment({ ...target(), body: 'x'.repeat(MAX_COMMENT_LENGTH) }),
    ).resolves.toMatchObject({ status: 201 });
    const error = await octokit()
      .rest.issues.createComment({ ...target(), body: 'x'.repeat(MAX_COMMENT_LENGTH + 1) })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      status: 422,
      response: {
        data: {
          message: 'Validation Failed',
          errors: [
            {
              resource: 'IssueComment',
              field: 'body',
              message: 'body is too long (maximum is 65536 characters)',
            },
          ],
        },
      },
    });
    expect(github.comments(issueNumber)).toHaveLength(1);
  });

  it('answers 404 for an unknown pull request or another repository', async () => {
    await expect(
      octokit().rest.issues.createComment({ ...target(), issue_number: 99999, body: 'x' }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      octokit().rest.issues.listComments({ ...target(), repo: 'other-repo' }),
    ).rejects.toMatchObject({ status: 404, response: { data: { message: 'Not Found' } } });
  });
});

describe('pull requests and users', () => {
  it('gets a seeded pull request', async () => {
    const { data } = await octokit().rest.pulls.get({ owner: OWNER, repo: REPO, pull_number: issueNumber });
    expect(data).toMatchObject({
      number: issueNumber,
      title: `Deploy agent #${issueNumber}`,
      state: 'open',
      base: { ref: 'main' },
      head: { ref: `feature-${issueNumber}` },
    });
    await expect(
      octokit().rest.pulls.get({ owner: OWNER, repo: REPO, pull_number: 99999 }),
    ).rejects.toMatchObject({
      status: 404,
    });
  });

  it('refuses GET /user to the installation token like GitHub, and answers it for a personal token', async () => {
    await expect(octokit().rest.users.getAuthenticated()).rejects.toMatchObject({
      status: 403,
      response: { data: { message: 'Resource not accessible by integration' } },
    });
    const { data } = await octokit(PERSONAL_TOKEN).rest.users.getAuthenticated();
    expect(data).toMatchObject({ login: 'alice', type: 'User' });
  });

  it('comments as the personal token owner', async () => {
    const { data } = await octokit(PERSONAL_TOKEN).rest.issues.createComment({ ...target(), body: 'hi' });
    expect(data.user).toMatchObject({ login: 'alice', type: 'User' });
  });
});

describe('tokens and faults', () => {
  it('answers 401 Bad credentials to an unknown token, with either auth scheme', async () => {
    await expect(
      octokit('ghs_unknown').rest.pulls.get({ owner: OWNER, repo: REPO, pull_number: issueNumber }),
    ).rejects.toMatchObject({
      status: 401,
      response: { data: { message: 'Bad credentials' } },
    });
    const response = await fetch(`${running.url}/repos/${OWNER}/${REPO}/pulls/${issueNumber}`, {
      headers: { authorization: `Bearer ${BOT_TOKEN}` },
    });
    expect(response.status).toBe(200);
  });

  it('lets a read-only token read but answers its writes 403', async () => {
    const readOnly = 'ghs_forkPullRequestToken';
    github.registerInstallationToken(readOnly, { readOnly: true });
    const seeded = github.seedComment(issueNumber, 'old plan', { author: 'github-actions[bot]' });

    await expect(octokit(readOnly).rest.issues.listComments(target())).resolves.toMatchObject({
      status: 200,
    });
    for (const write of [
      () => octokit(readOnly).rest.issues.createComment({ ...target(), body: 'new plan' }),
      () =>
        octokit(readOnly).rest.issues.updateComment({
          owner: OWNER,
          repo: REPO,
          comment_id: seeded.id,
          body: 'x',
        }),
      () => octokit(readOnly).rest.issues.deleteComment({ owner: OWNER, repo: REPO, comment_id: seeded.id }),
    ]) {
      await expect(write()).rejects.toMatchObject({
        status: 403,
        response: {
          data: {
            message: 'Resource not accessible by integration',
            documentation_url: expect.stringContaining('docs.github.com'),
          },
        },
      });
    }
    expect(github.comments(issueNumber).map((c) => c.body)).toEqual(['old plan']);
    github.setReadOnly(readOnly, false);
    await expect(
      octokit(readOnly).rest.issues.createComment({ ...target(), body: 'new plan' }),
    ).resolves.toMatchObject({
      status: 201,
    });
  });

  it('answers injected throttling as a rate limit with x-ratelimit-remaining: 0 (429, or 403 when set)', async () => {
    faults.throttle = 1;
    const limited = await octokit()
      .rest.issues.listComments(target())
      .catch((e: unknown) => e);
    expect(limited).toMatchObject({
      status: 429,
      response: {
        headers: { 'x-ratelimit-remaining': '0' },
        data: { message: expect.stringContaining('API rate limit exceeded') },
      },
    });
    github.rateLimitStatus = 403;
    faults.throttle = 1;
    await expect(octokit().rest.issues.listComments(target())).rejects.toMatchObject({ status: 403 });
    await expect(octokit().rest.issues.listComments(target())).resolves.toMatchObject({ status: 200 });
  });

  it('answers injected server errors with their status', async () => {
    faults.serverErrors = 1;
    faults.serverErrorStatus = 502;
    await expect(octokit().rest.issues.createComment({ ...target(), body: 'x' })).rejects.toMatchObject({
      status: 502,
    });
    expect(github.comments(issueNumber)).toEqual([]);
  });
});
