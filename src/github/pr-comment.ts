// The one PR comment per runtime (keyed by runtime name + region) that carries the plan. Finds its own
// earlier comment across every page, updates it in place (or not at all when the body is unchanged), and
// never touches comments written by anyone else. Comment bodies are built and parsed only by
// report/comment-body.ts.
import { callFailure, type GitHubCallFailure } from './failure.js';
import { retryingOctokit, type Octokit } from './octokit.js';
import { parseCommentHeader, sameCommentContent } from '../report/comment-body.js';

export interface PullRequestRef {
  owner: string;
  repo: string;
  number: number;
}

export type CommentOutcome =
  | { action: 'created' | 'updated' | 'unchanged'; url: string }
  | { action: 'skipped'; reason: string }
  | { action: 'failed'; failure: GitHubCallFailure };

export interface IssueComment {
  id: number;
  body?: string | null;
  html_url: string;
  user: { login: string; type?: string } | null;
}

/**
 * Which comments the token wrote. A personal or app user token can ask GET /user; GITHUB_TOKEN, an
 * installation token, is refused (403) and writes as github-actions[bot]. Any other failure of GET /user
 * (a 404 from a proxy or GitHub Enterprise, 5xx after the retries, no answer) falls back to the same
 * assumption, said in `onFallback` unless it was the expected 403: the comment is still posted. (Another
 * GitHub App's installation token cannot learn its bot's login this way: it then finds no comment of its
 * own and posts a new one, rather than touch anyone else's.)
 */
async function authoredByToken(
  octokit: Octokit,
  onFallback: (failure: GitHubCallFailure) => void,
): Promise<(comment: IssueComment) => boolean> {
  let login = GITHUB_ACTIONS_BOT;
  try {
    login = (await octokit.rest.users.getAuthenticated()).data.login;
  } catch (err) {
    const failure = callFailure(err, 'GET /user');
    if (failure.status !== 403) onFallback(failure);
  }
  return (comment) => comment.user?.login === login;
}

const GITHUB_ACTIONS_BOT = 'github-actions[bot]';

/** This action's own plan comment for `key` on the pull request, across every page of comments. */
export async function findOwnComment(
  octokit: Octokit,
  pr: PullRequestRef,
  key: string,
  warn: (failure: GitHubCallFailure) => void = () => {},
): Promise<IssueComment | undefined> {
  const comments = (await octokit.paginate(octokit.rest.issues.listComments, {
    owner: pr.owner,
    repo: pr.repo,
    issue_number: pr.number,
    per_page: 100,
  })) as IssueComment[];
  const candidates = comments.filter((c) => parseCommentHeader(c.body ?? '')?.key === key);
  // Whose comment is ours is asked only when one carries our header (someone may have quoted it).
  return candidates.length > 0 ? candidates.find(await authoredByToken(octokit, warn)) : undefined;
}

export async function upsertPlanComment(options: {
  token: string;
  pr: PullRequestRef;
  key: string;
  body: string;
  /** `changes-only`: do not create a comment for a plan without changes (an existing one is still updated). */
  createIfMissing: boolean;
  /** Told when a call failed but the comment could still be handled (GET /user). */
  warn?: (failure: GitHubCallFailure) => void;
}): Promise<CommentOutcome> {
  const { pr, key, body } = options;
  const octokit = retryingOctokit(options.token);
  try {
    const mine = await findOwnComment(octokit, pr, key, options.warn);
    if (mine) {
      if (sameCommentContent(mine.body ?? '', body)) return { action: 'unchanged', url: mine.html_url };
      const { data } = await octokit.rest.issues.updateComment({
        owner: pr.owner,
        repo: pr.repo,
        comment_id: mine.id,
        body,
      });
      return { action: 'updated', url: data.html_url };
    }
    if (!options.createIfMissing)
      return { action: 'skipped', reason: 'no changes to report (comment-on-pr: changes-only)' };
    const { data } = await octokit.rest.issues.createComment({
      owner: pr.owner,
      repo: pr.repo,
      issue_number: pr.number,
      body,
    });
    return { action: 'created', url: data.html_url };
  } catch (err) {
    return { action: 'failed', failure: callFailure(err) };
  }
}
