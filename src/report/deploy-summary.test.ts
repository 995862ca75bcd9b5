import { renderDeploySummary } from './deploy-summary.js';
import { fitSummary } from './job-summary.js';
import { markdownProblems } from './test-helpers.js';

const runtime = {
  arn: 'arn:aws:bedrock-agentcore:eu-west-1:123456789012:runtime/my_agent-abcdefghij',
  id: 'my_agent-abcdefghij',
  version: '4',
  status: 'READY',
  workloadIdentityArn:
    'arn:aws:bedrock-agentcore:eu-west-1:123456789012:workload-identity-directory/default/workload-identity/my_agent-abcdefghij',
};

test('a deploy summary says what was done, from which version to which, and links the console', () => {
  const markdown = renderDeploySummary({
    name: 'my_agent',
    region: 'eu-west-1',
    operation: 'update',
    runtime,
    previousVersion: '3',
    changesMarkdown: '| the | changes |',
  });
  expect(markdown).toContain('🔄 Updated: AgentCore runtime `my_agent` (eu-west-1)');
  expect(markdown).toContain('| Version | 3 → **4** |');
  expect(markdown).toContain(
    'https://eu-west-1.console.aws.amazon.com/bedrock-agentcore/agents/my_agent-abcdefghij',
  );
  expect(markdown).toContain('### What changed\n\n| the | changes |');
  expect(markdownProblems(markdown)).toEqual([]);
});

test('an unchanged version is shown once', () => {
  const markdown = renderDeploySummary({
    name: 'a',
    region: 'us-east-1',
    operation: 'none',
    runtime,
    previousVersion: '4',
    changesMarkdown: 'unused',
  });
  expect(markdown).toContain('| Version | **4** |');
  expect(markdown).toContain('Already up to date');
  expect(markdown).not.toContain('What changed');
});

test('fitSummary cuts on a line boundary under the limit and says so', () => {
  const lines = Array.from({ length: 100 }, (_, i) => `line ${i} ${'x'.repeat(50)}`);
  const cut = fitSummary(lines.join('\n'), 2000);
  expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(2000);
  expect(cut).toContain('cut to fit');
  const kept = cut.split('\n').filter((l) => l.startsWith('line '));
  expect(kept.every((l, i) => l === lines[i])).toBe(true);
  expect(fitSummary('short', 2000)).toBe('short');
});
