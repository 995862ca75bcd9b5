import { planRelease } from '../plan/release-plan.js';
import { noChangePlan, updatePlan } from './test-scenarios.js';
import { renderPinnedPlanMarkdown, renderReleaseBlock } from './release-plan-markdown.js';
import { renderPlanMarkdown } from './plan-markdown.js';

const ENDPOINTS = [
  { name: 'DEFAULT', liveVersion: '3' },
  { name: 'production', liveVersion: '2' },
  { name: 'staging', liveVersion: '3' },
];
const release = (
  extra: { pinnedVersion?: string; smokeTest?: boolean; plan?: ReturnType<typeof updatePlan> } = {},
) =>
  planRelease({
    plan: extra.plan ?? updatePlan(),
    endpointName: 'production',
    pinnedVersion: extra.pinnedVersion,
    smokeTest: extra.smokeTest ?? false,
    endpoints: ENDPOINTS,
  })!;

test('the endpoints table: which endpoint moves from which version to which, and which stay', () => {
  const block = renderReleaseBlock(release({ smokeTest: true }));
  expect(block).toContain('| `production` | 2 | **4** (moved by this deploy, after the smoke test passes) |');
  expect(block).toContain(
    '| `DEFAULT` | 3 | 4 (moved by the service: `DEFAULT` follows every new version) |',
  );
  expect(block).toContain('| `staging` | 3 | 3 (stays) |');
  expect(block).toContain(
    '🧪 Smoke test: version 4 is invoked (by number, in a fresh session) before `production` moves; if it fails, `production` stays on version 2.',
  );
});

test('without a smoke test the plan says so', () => {
  expect(renderReleaseBlock(release())).toContain(
    'No smoke test (`smoke-test-payload` is not set): `production` moves as soon as version 4 is READY.',
  );
});

test('the release block sits in the plan, after the headline and before the changes', () => {
  const markdown = renderPlanMarkdown(updatePlan(), { release: renderReleaseBlock(release()) });
  const table = markdown.indexOf('| Endpoint | Now | After this deploy |');
  expect(table).toBeGreaterThan(markdown.indexOf('will be updated in place'));
  expect(table).toBeLessThan(markdown.indexOf('<details'));
});

test('endpoint-version: "pin/roll back, runtime untouched", and the differences are not deployed', () => {
  const markdown = renderPinnedPlanMarkdown(release({ pinnedVersion: '1' }), updatePlan());
  expect(markdown.split('\n')[0]).toBe(
    '### 📌 `support_agent`: pin/roll back `production` to version 1, runtime untouched',
  );
  expect(markdown).toContain('| `production` | 2 | **1** (pinned by this deploy) |');
  expect(markdown).toContain('| `DEFAULT` | 3 | 3 (stays) |');
  expect(markdown).toContain('**none of the differences below are deployed by this run**');
  expect(markdown).not.toContain('will be updated in place');
  expect(markdown).toContain('`production` is pointed at version 1 directly');
});

test('endpoint-version with a matching configuration: the runtime is simply not touched', () => {
  const markdown = renderPinnedPlanMarkdown(
    release({ pinnedVersion: '3', plan: noChangePlan() }),
    noChangePlan(),
  );
  expect(markdown).toContain('The runtime already matches the configuration; it is not touched.');
});

test('a blocked release is a caution before the table', () => {
  const blocked = { ...release(), blocked: 'the runtime already has 10 endpoints' };
  expect(renderReleaseBlock(blocked)).toMatch(
    /^> \[!CAUTION\]\n> \*\*A deploy would stop before any change:\*\* the runtime already has 10 endpoints\./,
  );
});
