// The release part of a plan as people read it: where each endpoint stands and where the deploy would
// leave it, who moves it, and what gates the move. With endpoint-version the release is the whole plan,
// and the runtime's differences are listed as what this run does NOT deploy.
import type { Plan } from '../plan/plan.js';
import type { EndpointLine, ReleasePlan } from '../plan/release-plan.js';
import { escapeText, inlineCode } from './escape-markdown.js';
import { renderPlanMarkdown } from './plan-markdown.js';

/** The endpoints table and the smoke-test line, for a deploy's plan. */
export function renderReleaseBlock(release: ReleasePlan): string {
  const blocks: string[] = [];
  if (release.blocked)
    blocks.push(`> [!CAUTION]\n> **A deploy would stop before any change:** ${release.blocked}.`);
  if (release.endpoints.length > 0)
    blocks.push(
      [
        '| Endpoint | Now | After this deploy |',
        '|---|---|---|',
        ...release.endpoints.map((line) => endpointRow(line, release)),
      ].join('\n'),
    );
  blocks.push(smokeLine(release));
  return blocks.join('\n\n');
}

/** A plan with endpoint-version: pin / roll back, the runtime untouched. */
export function renderPinnedPlanMarkdown(
  release: ReleasePlan,
  plan: Plan,
  options: { summaryLink?: string } = {},
): string {
  const target = inlineCode(release.endpointName ?? '', 'prose');
  const headline = `### 📌 ${inlineCode(plan.runtimeName, 'prose')}: pin/roll back ${target} to version ${escapeText(release.pinnedVersion ?? '')}, runtime untouched`;
  const untouched = plan.changed
    ? `The configuration differs from the runtime (${plan.operation} planned), but \`endpoint-version\` only moves ` +
      `${target}: **none of the differences below are deployed by this run**, and no CreateAgentRuntime or ` +
      'UpdateAgentRuntime call is made.'
    : 'The runtime already matches the configuration; it is not touched.';
  return (
    [
      headline,
      renderReleaseBlock(release),
      untouched,
      renderPlanMarkdown(plan, { as: 'changes', summaryLink: options.summaryLink }).trimEnd(),
    ].join('\n\n') + '\n'
  );
}

function endpointRow(line: EndpointLine, release: ReleasePlan): string {
  const now = line.now === undefined ? '—' : escapeText(line.now);
  const status = line.status ? ` (${inlineCode(line.status)})` : '';
  return `| ${inlineCode(line.name)} | ${now}${status} | ${after(line, release)} |`;
}

function after(line: EndpointLine, release: ReleasePlan): string {
  if (line.after === undefined) return '—';
  const version = escapeText(line.after);
  if (line.change === 'stays') return `${version} (stays)`;
  if (line.movedBy === 'service')
    return `${version} (${line.change === 'create' ? 'created' : 'moved'} by the service: \`DEFAULT\` follows every new version)`;
  const verb = line.change === 'create' ? 'created' : release.pinnedVersion ? 'pinned' : 'moved';
  const gate = release.smokeTest ? ', after the smoke test passes' : '';
  const busy = line.status ? `; the deploy first waits for the move in progress` : '';
  return `**${version}** (${verb} by this deploy${gate}${busy})`;
}

function smokeLine(release: ReleasePlan): string {
  const version = release.version ? `version ${escapeText(release.version)}` : 'the new version';
  const invoked = `${version} is invoked (by number, in a fresh session)`;
  const targetLine = release.endpoints.find((e) => e.name === release.endpointName);
  if (!release.endpointName || !targetLine)
    return `🧪 Smoke test: ${invoked} once it is READY; the deploy fails if it does not answer as expected.`;
  const target = inlineCode(release.endpointName, 'prose');
  if (targetLine.change === 'stays')
    return `${release.smokeTest ? `🧪 Smoke test: ${invoked}. ` : ''}${target} already serves ${version}: nothing moves.`;
  if (release.smokeTest)
    return (
      `🧪 Smoke test: ${invoked} before ${target} moves; if it fails, ` +
      `${target} ${targetLine.now ? `stays on version ${escapeText(targetLine.now)}` : 'is not created'}.`
    );
  return release.pinnedVersion
    ? `No smoke test (\`smoke-test-payload\` is not set): ${target} is pointed at ${version} directly.`
    : `No smoke test (\`smoke-test-payload\` is not set): ${target} moves as soon as ${version} is READY.`;
}
