import type { AssociatedPullRequest, PlanCommentGitHub } from '../github/pull-request-comments.js';
import type { IssueComment } from '../github/pr-comment.js';
import { computePlan } from '../plan/plan.js';
import { containerSpec, IMAGE, runtimeAsServiceReturns } from '../plan/test-fixtures.js';
import { buildCommentBody, commentKey, markApplied, parseCommentHeader } from '../report/comment-body.js';
import { failureReasonOf } from '../report/failure-reason.js';
import { renderPlanMarkdown } from '../report/plan-markdown.js';
import {
  checkReviewedPlan,
  findReviewedPlan,
  PlanChangedError,
  recordApplied,
  type ReviewedPlanContext,
} from './reviewed-plan.js';

const SHA = 'c'.repeat(40);
const KEY = commentKey('support_agent', 'us-east-1');
const deployed = containerSpec();
const current = { runtime: runtimeAsServiceReturns(deployed), tags: {} };
const desired = containerSpec({
  agentRuntimeArtifact: { containerConfiguration: { containerUri: `${IMAGE}:2.0.0` } },
});
const reviewedPlan = computePlan({ desired, region: 'us-east-1', current });
const RUN = 'https://github.com/o/r/actions/runs/1';
const markdownOf = (plan: typeof reviewedPlan) => renderPlanMarkdown(plan, { summaryLink: RUN });

function fakeGitHub(pulls: AssociatedPullRequest[], comments: Record<number, IssueComment>) {
  const updates: { id: number; body: string }[] = [];
  const gh: PlanCommentGitHub = {
    pullRequestsOfCommit: async () => pulls,
    ownComment: async (number) => comments[number],
    updateComment: async (id, body) => void updates.push({ id, body }),
  };
  return { gh, updates };
}

const comment = (body: string): IssueComment => ({
  id: 9,
  body,
  html_url: 'https://github.com/o/r/pull/7#c9',
  user: null,
});
const reviewedBody = buildCommentBody({
  key: KEY,
  planHash: reviewedPlan.hash,
  markdown: markdownOf(reviewedPlan),
});
const merged: AssociatedPullRequest = {
  number: 7,
  state: 'closed',
  headSha: 'h'.repeat(40),
  mergeCommitSha: SHA,
  merged: true,
};

const ctx = (
  gh: PlanCommentGitHub | undefined,
  extra: Partial<ReviewedPlanContext> = {},
): ReviewedPlanContext => ({
  github: gh,
  repository: 'o/r',
  sha: SHA,
  log: () => undefined,
  ...extra,
});

test('finds the plan on the pull request the commit was merged as', async () => {
  const { gh } = fakeGitHub([{ ...merged, number: 3, mergeCommitSha: 'x', headSha: SHA }, merged], {
    7: comment(reviewedBody),
  });
  const found = await findReviewedPlan(KEY, ctx(gh));
  expect(found).toMatchObject({ pullRequest: 7, commentId: 9 });
  expect(found.header.planHash).toBe(reviewedPlan.hash);
});

test('the pull request of the event needs no lookup', async () => {
  const { gh } = fakeGitHub([], { 12: comment(reviewedBody) });
  expect((await findReviewedPlan(KEY, ctx(gh, { pullRequest: 12 }))).pullRequest).toBe(12);
});

test.each([
  ['no pull request', [], {}, /belongs to no pull request/],
  ['no plan comment', [merged], {}, /Pull request #7 of o\/r has no plan comment/],
  ['a comment that is not ours', [merged], { 7: comment('LGTM') }, /#7/],
] as const)(
  '%s: no-reviewed-plan, saying which pull request was searched',
  async (_w, pulls, comments, message) => {
    const { gh } = fakeGitHub([...pulls], { ...comments } as Record<number, IssueComment>);
    const failure = findReviewedPlan(KEY, ctx(gh));
    await expect(failure).rejects.toThrow(message);
    expect(failureReasonOf(await failure.catch((e: unknown) => e))).toBe('no-reviewed-plan');
  },
);

test('no token: no-reviewed-plan', async () => {
  await expect(findReviewedPlan(KEY, ctx(undefined))).rejects.toThrow(/github-token/);
});

describe('checkReviewedPlan', () => {
  const reviewed = {
    pullRequest: 7,
    commentId: 9,
    commentUrl: 'u',
    body: reviewedBody,
    header: parseCommentHeader(reviewedBody)!,
  };

  test('the same plan passes', () => {
    const now = computePlan({ desired, region: 'us-east-1', current });
    expect(() => checkReviewedPlan(now, markdownOf(now), reviewed, () => undefined)).not.toThrow();
  });

  test('another image: plan-changed, with both plans’ differing lines', () => {
    const now = computePlan({
      desired: containerSpec({
        agentRuntimeArtifact: { containerConfiguration: { containerUri: `${IMAGE}:2.0.1` } },
      }),
      region: 'us-east-1',
      current,
    });
    let error: unknown;
    try {
      checkReviewedPlan(now, markdownOf(now), reviewed, () => undefined);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(PlanChangedError);
    expect(failureReasonOf(error)).toBe('plan-changed');
    const { message, summary } = error as PlanChangedError;
    expect(message).toMatch(/^- .*2\.0\.0/m);
    expect(message).toMatch(/^\+ .*2\.0\.1/m);
    expect(summary).toContain('```diff');
    expect(summary).toContain(reviewedPlan.hash.slice(0, 12));
  });

  test('a re-run after the deploy: nothing to do at the recorded version is the reviewed plan, applied', () => {
    const after = { runtime: runtimeAsServiceReturns(desired, { agentRuntimeVersion: '4' }), tags: {} };
    const now = computePlan({ desired, region: 'us-east-1', current: after });
    const body = markApplied(reviewedBody, { run: RUN, version: '4' });
    const applied = { ...reviewed, body, header: parseCommentHeader(body)! };
    expect(() => checkReviewedPlan(now, markdownOf(now), applied, () => undefined)).not.toThrow();
    const later = computePlan({
      desired,
      region: 'us-east-1',
      current: { ...after, runtime: { ...after.runtime, agentRuntimeVersion: '5' } },
    });
    expect(() => checkReviewedPlan(later, markdownOf(later), applied, () => undefined)).toThrow(
      PlanChangedError,
    );
  });
});

test('recordApplied writes the status line into the comment', async () => {
  const { gh, updates } = fakeGitHub([], {});
  const reviewed = {
    pullRequest: 7,
    commentId: 9,
    commentUrl: 'u',
    body: reviewedBody,
    header: parseCommentHeader(reviewedBody)!,
  };
  await recordApplied(reviewed, { run: RUN, version: '4' }, gh);
  expect(updates).toHaveLength(1);
  expect(updates[0].body).toContain(`applied in [${RUN}](${RUN}) at version 4`);
});
