import { renderPlanMarkdown } from './plan-markdown.js';
import {
  buildCommentBody,
  COMMENT_LIMIT,
  commentKey,
  markApplied,
  parseCommentHeader,
  planHash,
  reviewedMarkdownOf,
  sameCommentContent,
} from './comment-body.js';
import { markdownProblems } from './test-helpers.js';
import { planOfSize, SUMMARY_URL, tagOnlyPlan, updatePlan } from './test-scenarios.js';

const KEY = commentKey('support_agent', 'us-east-1');
const HASH = 'a'.repeat(64);
const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

describe('comment header', () => {
  it('is the first line and reads back as written', () => {
    const body = buildCommentBody({ key: KEY, planHash: HASH, markdown: '### plan\n' });
    expect(body.split('\n')[0]).toBe(
      `<!-- agentcore-deploy {"v":1,"key":"support_agent@us-east-1","planHash":"${HASH}"} -->`,
    );
    expect(parseCommentHeader(body)).toEqual({ v: 1, key: KEY, planHash: HASH });
    expect(parseCommentHeader(body.replace(/\n/g, '\r\n'))).toEqual({ v: 1, key: KEY, planHash: HASH });
  });

  it('keys comments by runtime name and region', () => {
    expect(commentKey('support_agent', 'eu-west-1')).toBe('support_agent@eu-west-1');
    expect(commentKey('support_agent', 'eu-west-1')).not.toBe(KEY);
  });

  it('cannot be ended early by what a key contains', () => {
    const key = 'evil --> <script>&';
    const body = buildCommentBody({ key, planHash: HASH, markdown: 'x' });
    expect(body.split('\n')[0].indexOf('-->')).toBe(body.split('\n')[0].length - 3);
    expect(parseCommentHeader(body)?.key).toBe(key);
  });

  it('tolerates fields it does not know (a newer writer)', () => {
    const body = `<!-- agentcore-deploy {"v":2,"key":"${KEY}","planHash":"${HASH}","labels":["x"]} -->\nplan`;
    expect(parseCommentHeader(body)).toEqual({ v: 2, key: KEY, planHash: HASH });
  });

  it.each([
    ['another tool', '<!-- Sticky Pull Request Comment -->\nhello'],
    ['a human', 'LGTM @octocat'],
    ['an older format', '<!-- agentcore-deploy: support_agent@us-east-1 -->\nplan'],
    ['broken JSON', '<!-- agentcore-deploy {"v":1,"key": -->\nplan'],
    ['no key', `<!-- agentcore-deploy {"v":1,"planHash":"${HASH}"} -->`],
    ['no version', `<!-- agentcore-deploy {"key":"${KEY}","planHash":"${HASH}"} -->`],
    ['a JSON list', '<!-- agentcore-deploy [1,2] -->'],
    [
      'the header not on the first line',
      `quoted:\n<!-- agentcore-deploy {"v":1,"key":"${KEY}","planHash":"${HASH}"} -->`,
    ],
    ['an empty body', ''],
  ])('ignores %s', (_what, body) => {
    expect(parseCommentHeader(body)).toBeUndefined();
  });
});

describe('planHash', () => {
  it('is the plan’s own hash (plan-hash.test.ts pins what it covers)', () => {
    const plan = updatePlan();
    expect(planHash(plan)).toMatch(/^[0-9a-f]{64}$/);
    expect(planHash(updatePlan())).toBe(planHash(plan));
    expect(planHash(tagOnlyPlan())).not.toBe(planHash(plan));
  });
});

describe('the applied status', () => {
  const RUN = 'https://github.com/octo-org/agents/actions/runs/4242';
  const markdown = renderPlanMarkdown(updatePlan(), { summaryLink: SUMMARY_URL });
  const body = buildCommentBody({ key: KEY, planHash: HASH, markdown, summaryUrl: SUMMARY_URL });

  it('says "applied in <run link> at version N" under the header, which records it', () => {
    const applied = markApplied(body, { run: RUN, version: '4' });
    const [header, status, blank, ...rest] = applied.split('\n');
    expect(status).toBe(`> ✅ applied in [${RUN}](${RUN}) at version 4`);
    expect(blank).toBe('');
    expect(rest.join('\n')).toBe(markdown);
    expect(parseCommentHeader(header)).toEqual({
      v: 1,
      key: KEY,
      planHash: HASH,
      applied: { run: RUN, version: '4' },
    });
  });

  it('replaces an earlier status instead of stacking them', () => {
    const twice = markApplied(markApplied(body, { run: RUN, version: '4' }), {
      run: `${RUN}0`,
      version: '5',
    });
    expect(twice.match(/applied in/g)).toHaveLength(1);
    expect(twice).toContain('at version 5');
  });

  it('leaves the reviewed plan readable as it was: reviewedMarkdownOf strips header and status', () => {
    expect(reviewedMarkdownOf(body)).toBe(markdown);
    expect(reviewedMarkdownOf(markApplied(body, { run: RUN, version: '4' }))).toBe(markdown);
  });

  it('a header whose applied record is malformed reads without it', () => {
    const odd = `<!-- agentcore-deploy {"v":1,"key":"${KEY}","planHash":"${HASH}","applied":{"run":3}} -->\nplan`;
    expect(parseCommentHeader(odd)).toEqual({ v: 1, key: KEY, planHash: HASH });
  });

  it('refuses to mark a body this action did not write', () => {
    expect(() => markApplied('just a comment', { run: RUN, version: '1' })).toThrow();
  });
});

describe('buildCommentBody', () => {
  it('leaves a plan that fits as it is', () => {
    const markdown = renderPlanMarkdown(updatePlan());
    const body = buildCommentBody({ key: KEY, planHash: HASH, markdown, summaryUrl: SUMMARY_URL });
    expect(body.slice(body.indexOf('\n') + 1)).toBe(markdown);
  });

  it('cuts a 100 KB plan on line boundaries to fit GitHub, closes what it cut and points to the summary', () => {
    const markdown = renderPlanMarkdown(planOfSize(100));
    expect(bytes(markdown)).toBeGreaterThan(100 * 1024);
    const body = buildCommentBody({ key: KEY, planHash: HASH, markdown, summaryUrl: SUMMARY_URL });
    expect(bytes(body)).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(bytes(body)).toBeGreaterThan(COMMENT_LIMIT - 1000); // it keeps as much as fits
    expect(parseCommentHeader(body)).toEqual({ v: 1, key: KEY, planHash: HASH });
    expect(markdownProblems(body)).toEqual([]);
    // What is left of the plan: whole lines of the original, in order, then what closes the cut.
    const cut = body.lastIndexOf('\n\n</details>\n\n> [!NOTE]');
    expect(cut).toBeGreaterThan(0);
    const kept = body.slice(body.indexOf('\n') + 1, cut).split('\n');
    const lines = markdown.split('\n');
    expect(kept).toEqual(lines.slice(0, kept.length));
    expect(body).toContain(
      `> ✂️ Plan truncated: ${(lines.length - kept.length).toLocaleString('en-US')} more lines; ` +
        `the full plan is in the job summary of this run: <${SUMMARY_URL}>`,
    );
  });

  it('closes an open code fence and <details> blocks at the cut', () => {
    const markdown = [
      '<details open>',
      '<summary>x</summary>',
      '',
      '```text',
      ...Array.from({ length: 200 }, (_, i) => `line ${i}`),
      '```',
      '',
      '</details>',
    ].join('\n');
    const body = buildCommentBody({ key: KEY, planHash: HASH, markdown, limit: 1500 });
    expect(bytes(body)).toBeLessThanOrEqual(1500);
    expect(body).toMatch(
      /line \d+\n```\n\n<\/details>\n\n> \[!NOTE\]\n> ✂️ Plan truncated: \d+ more lines; the full plan is in the job summary of this run\.\n$/,
    );
    expect(markdownProblems(body)).toEqual([]);
  });

  it('ends a table before its note, so the note does not become a row', () => {
    const markdown = [
      '| a | b |',
      '|---|---|',
      ...Array.from({ length: 100 }, (_, i) => `| ${i} | x |`),
    ].join('\n');
    const body = buildCommentBody({ key: KEY, planHash: HASH, markdown, limit: 600 });
    expect(bytes(body)).toBeLessThanOrEqual(600);
    expect(body).toMatch(/\| x \|\n\n> \[!NOTE\]/);
    expect(markdownProblems(body)).toEqual([]);
  });

  it('counts bytes, so wide characters cannot push it over the limit', () => {
    const markdown = Array.from({ length: 3000 }, () => '😀'.repeat(20)).join('\n');
    const body = buildCommentBody({ key: KEY, planHash: HASH, markdown });
    expect(bytes(body)).toBeLessThanOrEqual(COMMENT_LIMIT);
  });
});

describe('sameCommentContent', () => {
  it('ignores the run link, which changes with every run, and nothing else', () => {
    const body = (run: string, text: string) =>
      buildCommentBody({
        key: 'a@us-east-1',
        planHash: 'h',
        markdown: text,
        summaryUrl: `https://github.com/o/r/actions/runs/${run}`,
      }) + `\n[job summary](https://github.com/o/r/actions/runs/${run})`;
    expect(sameCommentContent(body('1', 'plan'), body('2', 'plan'))).toBe(true);
    expect(sameCommentContent(body('1', 'plan'), body('2', 'other plan'))).toBe(false);
  });
});
