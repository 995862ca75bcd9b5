// What a refused deploy shows when the plan is no longer the one reviewed: the lines of the two plans
// that differ (reviewed first, then now), in the log and in the job summary.
import { inlineCode } from './escape-markdown.js';

export interface PlanLineDiff {
  /** Lines only the reviewed plan has. */
  reviewed: string[];
  /** Lines only the plan computed now has. */
  now: string[];
}

/**
 * Lines of one plan that the other does not have (as multisets, in each plan's order). Run links and
 * the footer with the plan id differ between any two runs, so they are left out of the comparison.
 */
export function differingLines(reviewedMarkdown: string, nowMarkdown: string): PlanLineDiff {
  const lines = (markdown: string) =>
    markdown
      .split(/\r?\n/)
      .map((l) => l.replace(/\/actions\/runs\/\d+(\/attempts\/\d+)?/g, '/actions/runs/…').trimEnd())
      .filter((l) => l.trim() !== '' && !l.startsWith('<sub>agentcore-deploy plan'));
  const only = (a: string[], b: string[]) => {
    const left = new Map<string, number>();
    for (const l of b) left.set(l, (left.get(l) ?? 0) + 1);
    return a.filter((l) => {
      const n = left.get(l) ?? 0;
      if (n > 0) left.set(l, n - 1);
      return n === 0;
    });
  };
  const reviewed = lines(reviewedMarkdown);
  const now = lines(nowMarkdown);
  return { reviewed: only(reviewed, now), now: only(now, reviewed) };
}

const NOT_SHOWN =
  'The plans read the same: what differs is not shown in a plan (environment-variable values, or the ' +
  'runtime’s version or id).';

/** The failure message: both plans' differing lines, as a diff. */
export function planChangedMessage(input: { pullRequest: number; diff: PlanLineDiff }): string {
  const { diff } = input;
  const lines = [
    `The plan is not the one reviewed on pull request #${input.pullRequest}: the configuration, the image ` +
      'or the live runtime changed since. Nothing was deployed. Run the plan on the pull request again and ' +
      'review it before merging.',
  ];
  if (diff.reviewed.length + diff.now.length === 0) lines.push(NOT_SHOWN);
  else
    lines.push(
      'Reviewed (-) and now (+):',
      ...diff.reviewed.map((l) => `- ${l}`),
      ...diff.now.map((l) => `+ ${l}`),
    );
  return lines.join('\n');
}

export function renderPlanChangedSummary(input: {
  name: string;
  region: string;
  pullRequest: number;
  commentUrl?: string;
  reviewedHash: string;
  nowHash: string;
  diff: PlanLineDiff;
}): string {
  const { diff } = input;
  const where = input.commentUrl ? `[the plan reviewed](${input.commentUrl})` : 'the plan reviewed';
  const fence = '```';
  return [
    `## ⛔ Not deployed: the plan of ${inlineCode(input.name, 'prose')} (${input.region}) changed since review`,
    '',
    `This deploy requires ${where} on pull request #${input.pullRequest}, and what it would do now differs: ` +
      'the configuration, the image or the live runtime changed after the review. Nothing was changed.',
    '',
    `| | plan |`,
    '|---|---|',
    `| reviewed | ${inlineCode(input.reviewedHash.slice(0, 12))} |`,
    `| now | ${inlineCode(input.nowHash.slice(0, 12))} |`,
    '',
    ...(diff.reviewed.length + diff.now.length === 0
      ? [NOT_SHOWN]
      : [
          'Lines of the reviewed plan (-) and of the plan now (+) that differ:',
          '',
          `${fence}diff`,
          ...diff.reviewed.map((l) => `- ${l.replace(/```/g, "'''")}`),
          ...diff.now.map((l) => `+ ${l.replace(/```/g, "'''")}`),
          fence,
        ]),
    '',
  ].join('\n');
}
