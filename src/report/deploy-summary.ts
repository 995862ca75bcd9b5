// The job summary of a deploy: what was done, to which version, where to look; then the plan itself.
import type { RuntimeRef } from '../deploy/apply.js';
import { inlineCode } from './escape-markdown.js';

/** GitHub rejects a step summary over 1 MiB; keep a margin for the runner's own additions. */
export const SUMMARY_LIMIT_BYTES = 1_000_000;

export function consoleUrl(region: string, runtimeId: string): string {
  return `https://${region}.console.aws.amazon.com/bedrock-agentcore/home?region=${region}#/agents/${encodeURIComponent(runtimeId)}`;
}

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
  planMarkdown: string;
}): string {
  const { runtime, region } = input;
  const version =
    input.previousVersion && input.previousVersion !== runtime.version
      ? `${input.previousVersion} → **${runtime.version}**`
      : `**${runtime.version}**`;
  const lines = [
    `## ${DONE[input.operation]}: AgentCore runtime ${inlineCode(input.name, 'prose')} (${region})`,
    '',
    '| | |',
    '|---|---|',
    `| Version | ${version} |`,
    `| Status | ${runtime.status} |`,
    `| Runtime id | \`${runtime.id}\` |`,
    `| ARN | \`${runtime.arn}\` |`,
    ...(runtime.workloadIdentityArn ? [`| Workload identity | \`${runtime.workloadIdentityArn}\` |`] : []),
    `| Console | [Open in the AgentCore console](${consoleUrl(region, runtime.id)}) |`,
    '',
    input.planMarkdown,
  ];
  return fitSummary(lines.join('\n'));
}

/** Cuts a summary on a line boundary so it stays under the step-summary limit. */
export function fitSummary(markdown: string): string {
  if (Buffer.byteLength(markdown) <= SUMMARY_LIMIT_BYTES) return markdown;
  const note =
    '\n\n_The summary was cut to fit GitHub’s 1 MiB step-summary limit; see `plan-json` for everything._\n';
  const lines = markdown.split('\n');
  let size = Buffer.byteLength(note);
  const kept: string[] = [];
  for (const line of lines) {
    size += Buffer.byteLength(line) + 1;
    if (size > SUMMARY_LIMIT_BYTES) break;
    kept.push(line);
  }
  return kept.join('\n') + note;
}
