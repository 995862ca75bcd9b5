// The job summary of a deploy: what was done, to which version, where to look; then the plan itself.
import type { RuntimeRef } from '../aws/current-runtime.js';
import { runtimeConsoleUrl } from './console-link.js';
import { inlineCode } from './escape-markdown.js';
import { renderReleaseSummary, type ReleaseSummary } from './release-summary.js';

const DONE: Record<string, string> = {
  create: '🆕 Created',
  update: '🔄 Updated',
  none: '✅ Already up to date',
};

export function renderDeploySummary(input: {
  name: string;
  region: string;
  operation: 'create' | 'update' | 'none';
  runtime: RuntimeRef;
  previousVersion?: string;
  /** The plan rendered `as: 'changes'`. */
  changesMarkdown: string;
  /** The smoke test and the named endpoint, when the run had either. */
  release?: ReleaseSummary;
}): string {
  const { runtime, region } = input;
  const version =
    input.previousVersion && input.previousVersion !== runtime.version
      ? `${input.previousVersion} → **${runtime.version}**`
      : `**${runtime.version}**`;
  const done = input.release?.pinned ? '📌 Endpoint pinned, runtime untouched' : DONE[input.operation];
  const lines = [
    `## ${done}: AgentCore runtime ${inlineCode(input.name, 'prose')} (${region})`,
    '',
    '| | |',
    '|---|---|',
    `| Version | ${version} |`,
    `| Status | ${runtime.status} |`,
    `| Runtime id | ${inlineCode(runtime.id)} |`,
    `| ARN | ${inlineCode(runtime.arn)} |`,
    ...(runtime.workloadIdentityArn
      ? [`| Workload identity | ${inlineCode(runtime.workloadIdentityArn)} |`]
      : []),
    `| Console | [Open in the AgentCore console](${runtimeConsoleUrl(region, runtime.id)}) |`,
    '',
    ...(input.release ? [...renderReleaseSummary(input.release), ''] : []),
    ...(input.operation === 'none' ? [] : ['### What changed', '', input.changesMarkdown]),
  ];
  return lines.join('\n');
}
