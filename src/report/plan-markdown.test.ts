import type { Plan } from '../plan/plan.js';
import { renderPlanMarkdown } from './plan-markdown.js';
import { markdownProblems, withoutCodeSpans } from './test-helpers.js';
import {
  createPlan,
  hugePlan,
  injectionPlan,
  noChangePlan,
  replacementPlan,
  SUMMARY_URL,
  tagOnlyPlan,
  updatePlan,
} from './test-scenarios.js';

// Snapshots hold the markdown as users get it, not as a quoted JS string.
expect.addSnapshotSerializer({ test: (v) => typeof v === 'string', serialize: (v) => String(v) });

const scenarios: [string, () => Plan][] = [
  ['create (container, PUBLIC, tags, environment variables)', createPlan],
  ['update (changes, removals, tag changes)', updatePlan],
  ['no change', noChangePlan],
  ['replacement', replacementPlan],
  ['tag-only change', tagOnlyPlan],
  ['huge plan (collapsed)', hugePlan],
  ['injection attempts', injectionPlan],
];

describe('renderPlanMarkdown', () => {
  it.each(scenarios)('renders %s', (_name, plan) => {
    const markdown = renderPlanMarkdown(plan(), { summaryLink: SUMMARY_URL });
    expect(markdownProblems(markdown)).toEqual([]);
    expect(markdown).toMatchSnapshot();
  });

  it('never shows an environment variable value', () => {
    for (const [, plan] of scenarios) expect(renderPlanMarkdown(plan())).not.toMatch(/SECRET/);
    const update = renderPlanMarkdown(updatePlan());
    expect(update).toMatch(/\| ✏️ \| `API_KEY` \| value changed \(hidden\) \|/);
    expect(update).toMatch(/\| ➕ \| `FEATURE_SEARCH` \| added \|/);
    expect(update).toMatch(/\| ⚠️ \| `LEGACY_MODE` \| \*\*removed\*\* \|/);
  });

  it('says in the headline what will happen', () => {
    expect(renderPlanMarkdown(createPlan())).toMatch(/^### ✨ `support_agent` will be created\n/);
    expect(renderPlanMarkdown(updatePlan())).toMatch(
      /^### 🔄 `support_agent` will be updated in place — new version 4, `DEFAULT` endpoint moves to it\n/,
    );
    expect(renderPlanMarkdown(noChangePlan())).toMatch(/^### ✅ `support_agent`: no changes\n/);
    expect(renderPlanMarkdown(replacementPlan())).toMatch(/^### ⛔ `support_agent`: REPLACEMENT REQUIRED\n/);
    expect(renderPlanMarkdown(tagOnlyPlan())).toMatch(
      /^### 🏷️ `support_agent`: tags will be updated — no new version\n/,
    );
  });

  it('warns before the details about every setting the full-replace update removes', () => {
    const markdown = renderPlanMarkdown(updatePlan());
    const warning = markdown.slice(markdown.indexOf('> [!WARNING]'), markdown.indexOf('<details'));
    expect(warning).toMatch(/3 settings will be removed/);
    expect(warning).toMatch(/UpdateAgentRuntime replaces the whole configuration/);
    for (const removed of [
      '`description`',
      '`lifecycleConfiguration.maxLifetime` (back to the default `28800`)',
      '`environmentVariables.LEGACY_MODE`',
    ])
      expect(warning).toContain(removed);
    expect(renderPlanMarkdown(tagOnlyPlan())).not.toContain('[!WARNING]');
  });

  it('explains a required replacement and what to do about it', () => {
    const markdown = renderPlanMarkdown(replacementPlan());
    expect(markdown).toContain('> [!CAUTION]');
    expect(markdown).toMatch(/> - The artifact type changes from a container image .* to code from S3/);
    expect(markdown).toMatch(/delete the runtime `support_agent` first/);
    expect(markdown).toMatch(/Deploying this configuration fails without changing anything/);
    expect(markdown).not.toContain('[!WARNING]');
  });

  it('expands short plans and collapses long ones', () => {
    expect(renderPlanMarkdown(updatePlan())).toContain('<details open>\n<summary>');
    const huge = renderPlanMarkdown(hugePlan());
    expect(huge).toContain('<details>\n<summary><b>Plan:</b> 50 to add');
    expect(huge).not.toContain('<details open>');
    expect(renderPlanMarkdown(updatePlan(), { detailsThreshold: 3 })).not.toContain('<details open>');
  });

  it('shortens long values and says by how much', () => {
    const huge = renderPlanMarkdown(hugePlan());
    expect(huge).toMatch(/…` _\(3,976 more characters\)_ \|/);
    expect(huge).not.toContain('Lorem ipsum dolor sit amet. '.repeat(10));
  });

  it('keeps hostile values inert: no HTML, no mentions, no broken table', () => {
    const markdown = renderPlanMarkdown(injectionPlan());
    const outside = markdown.split('\n').map(withoutCodeSpans).join('\n');
    expect(outside).not.toMatch(/<img|<\/details><|@octocat|@org|```/);
    expect(markdown).toContain('`</details><img src=x onerror=alert(1)> @octocat \\| pipe`');
    expect(markdown).toContain('`@org/team`');
    expect(markdown).toContain('`line one↵line two`');
    expect(markdownProblems(markdown)).toEqual([]);
  });

  it('links the job summary only when the link is a web address', () => {
    expect(renderPlanMarkdown(createPlan(), { summaryLink: SUMMARY_URL })).toContain(
      `[job summary](${SUMMARY_URL})`,
    );
    expect(renderPlanMarkdown(createPlan(), { summaryLink: 'javascript:alert(1)' })).not.toContain(
      'job summary',
    );
  });
});

describe('long lists', () => {
  const plan = (before: string[], after: string[]): Plan => ({
    runtimeName: 'a',
    region: 'us-east-1',
    operation: 'update',
    changed: true,
    newVersion: true,
    replacementReasons: [],
    assumedUnchanged: [],
    retryOfFailed: false,
    artifactNotes: [],
    current: { arn: 'arn', id: 'a-0123456789', version: '3', status: 'READY' },
    hash: 'f'.repeat(64),
    tagChanges: { add: {}, change: {}, remove: [], managed: false },
    fieldChanges: [
      {
        path: 'authorizerConfiguration.customJWTAuthorizer.allowedClients',
        action: 'change',
        before,
        after,
        sensitive: false,
      },
    ],
  });
  const clients = Array.from({ length: 30 }, (_, i) => `client-${i}-abcdefgh`);

  it('spells out which items a too-long list gains and loses', () => {
    const markdown = renderPlanMarkdown(plan(clients, [...clients.slice(1), 'client-new']));
    expect(markdown).toContain(
      '`authorizerConfiguration.customJWTAuthorizer.allowedClients`: 1 added, 1 removed, 29 kept',
    );
    expect(markdown).toContain('- ➕ `client-new`');
    expect(markdown).toContain('- ⚠️ `client-0-abcdefgh`');
    expect(markdownProblems(markdown)).toEqual([]);
  });

  it('leaves short lists to the table', () => {
    expect(renderPlanMarkdown(plan(['a'], ['b']))).not.toContain('added,');
  });
});

describe("as: 'changes'", () => {
  it('keeps the tables and leaves out the future-tense headline and warnings', () => {
    const markdown = renderPlanMarkdown(updatePlan(), { as: 'changes' });
    const full = renderPlanMarkdown(updatePlan());
    expect(full).toMatch(/will be updated/);
    expect(markdown).not.toMatch(/will be/);
    expect(markdown).toContain('<details');
    expect(markdownProblems(markdown)).toEqual([]);
  });
});

describe('fields the service does not report', () => {
  it('are named as assumed unchanged, and sent with every update', () => {
    const plan: Plan = {
      ...noChangePlan(),
      assumedUnchanged: ['authorizerConfiguration.customJWTAuthorizer.privateEndpoint'],
    };
    const markdown = renderPlanMarkdown(plan);
    expect(markdown).toContain(
      '_Not reported by the service: assumed unchanged:_ `authorizerConfiguration.customJWTAuthorizer.privateEndpoint`.',
    );
    expect(markdown).toContain('sent as configured with every update');
    expect(renderPlanMarkdown(noChangePlan())).not.toContain('assumed unchanged');
    expect(markdownProblems(markdown)).toEqual([]);
  });
});

describe('a retry of a failed deploy', () => {
  it('says so in the headline and says why a matching configuration is deployed again', () => {
    const plan: Plan = {
      ...noChangePlan(),
      operation: 'update',
      changed: true,
      newVersion: true,
      retryOfFailed: true,
      current: { ...noChangePlan().current!, status: 'UPDATE_FAILED' },
    };
    const markdown = renderPlanMarkdown(plan);
    expect(markdown).toMatch(/^### 🔁 `support_agent`: retry of a failed deploy — new version \d+/);
    expect(markdown).toContain('its last deploy failed, and it already matches the configuration');
    expect(markdownProblems(markdown)).toEqual([]);
  });
});
