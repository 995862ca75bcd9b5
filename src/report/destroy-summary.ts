// The job summary of a destroy: what was deleted, in the order it was deleted, or why nothing was.
import type { DestroyResult } from '../destroy/destroy.js';
import { inlineCode } from './escape-markdown.js';

export function renderDestroySummary(input: { name: string; region: string; result: DestroyResult }): string {
  const { name, region, result } = input;
  const title = `AgentCore runtime ${inlineCode(name, 'prose')} (${region})`;
  if (result.operation === 'none')
    return result.runtime
      ? `## ✅ Already being deleted: ${title}\n\nSomeone else had deleted it; this run waited until it was gone.\n`
      : `## ✅ Nothing to destroy: ${title}\n\nNo runtime has this name.\n`;
  const lines = [
    `## 🗑️ Destroyed: ${title}`,
    '',
    '| deleted | |',
    '|---|---|',
    ...result.deletedEndpoints.map((e) => `| endpoint | ${inlineCode(e)} |`),
    ...(result.deletedRuntime && result.runtime
      ? [
          `| runtime | ${inlineCode(result.runtime.id)} (version ${result.runtime.version}, with its DEFAULT endpoint) |`,
        ]
      : []),
    '',
    ...(result.forced ? ['_force-destroy: this runtime was not created by agentcore-deploy._', ''] : []),
  ];
  return lines.join('\n');
}
