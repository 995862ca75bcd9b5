// What `require-reviewed-plan` asks of GitHub, behind one small interface: which pull request a commit
// belongs to ("list pull requests associated with a commit"), this action's plan comment on it (found as
// plan mode finds it), and an update of that comment once the plan is applied.
import { findOwnComment, type IssueComment, type PullRequestRef } from './pr-comment.js';
import { retryingOctokit } from './octokit.js';

export interface AssociatedPullRequest {
  number: number;
  state: string;
  headSha: string;
  mergeCommitSha?: string;
  merged: boolean;
}

export interface PlanCommentGitHub {
  pullRequestsOfCommit(sha: string): Promise<AssociatedPullRequest[]>;
  ownComment(number: number, key: string): Promise<IssueComment | undefined>;
  updateComment(id: number, body: string): Promise<void>;
}

export function planCommentGitHub(token: string, repo: { owner: string; repo: string }): PlanCommentGitHub {
  const octokit = retryingOctokit(token);
  return {
    async pullRequestsOfCommit(sha) {
      const pulls = await octokit.paginate(octokit.rest.repos.listPullRequestsAssociatedWithCommit, {
        ...repo,
        commit_sha: sha,
        per_page: 100,
      });
      return pulls.map((p) => ({
        number: p.number,
        state: p.state,
        headSha: p.head.sha,
        mergeCommitSha: p.merge_commit_sha ?? undefined,
        merged: Boolean(p.merged_at),
      }));
    },
    ownComment: (number, key) => findOwnComment(octokit, { ...repo, number } as PullRequestRef, key),
    async updateComment(id, body) {
      await octokit.rest.issues.updateComment({ ...repo, comment_id: id, body });
    },
  };
}
