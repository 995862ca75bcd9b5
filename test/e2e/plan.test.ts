// Plan mode end to end: the bundled action on pull_request events, against the emulated AgentCore and
// GitHub. It must change nothing in AWS, and keep exactly one up-to-date comment per runtime.
import { parseCommentHeader } from '../../src/report/comment-body.js';
import { markdownProblems } from '../../src/report/test-helpers.js';
import { startEmulator, type Emulator } from '../../emulator/src/index.js';
import { NODE24 } from '../../scripts/run-action.js';
import { containerInputs, deployWith, IMAGE, mutatingRequests, visibleText } from './helpers.js';

const TOKEN = 'ghs_emulatortoken';
let emu: Emulator;
let nextPr = 100;

beforeAll(async () => {
  emu = await startEmulator({ transitionDelayMs: 200 });
});
afterAll(() => emu.close());

/** A fresh pull request for each test, so comments never mix. */
function newPullRequest(): number {
  const number = nextPr++;
  emu.github.seedPullRequest({ number });
  return number;
}

function planOn(pr: number, inputs: Record<string, string>, extra: Parameters<typeof deployWith>[1] = {}) {
  const { mode: _deploy, ...rest } = inputs;
  return deployWith(emu, {
    eventName: 'pull_request',
    event: { pull_request: { number: pr } },
    githubToken: TOKEN,
    ...extra,
    inputs: { ...rest, ...extra.inputs },
  });
}

const ourComments = (pr: number) => emu.github.comments(pr).filter((c) => parseCommentHeader(c.body));

test('a new runtime: the plan says create, outputs say what a deploy would do, nothing is changed', async () => {
  const pr = newPullRequest();
  const run = await planOn(
    pr,
    containerInputs('plan_new', { tags: 'team=a', 'environment-variables': 'TOKEN=s3cr3t-value-1' }),
  );
  expect(run.code).toBe(0);
  expect(run.outputs).toMatchObject({
    operation: 'create',
    changed: 'true',
    'agent-runtime-arn': '',
    'agent-runtime-id': '',
  });
  expect(JSON.parse(run.outputs['plan-json'])).toMatchObject({ operation: 'create', changed: true });
  expect(mutatingRequests(run.requests)).toEqual([]);
  const [comment] = ourComments(pr);
  expect(parseCommentHeader(comment.body)).toMatchObject({ key: 'plan_new@us-east-1' });
  expect(comment.body).toContain('plan_new');
  expect(run.summary).toContain('plan_new');
  expect(run.outputs['plan-markdown']).toContain('plan_new');
});

test('an update: field-by-field, clears flagged, the current runtime in the outputs; the comment is updated in place', async () => {
  const name = 'plan_update';
  const deployed = await deployWith(emu, {
    inputs: containerInputs(name, { description: 'first', 'environment-variables': 'KEEP=1\nDROP=2' }),
  });
  expect(deployed.code).toBe(0);
  const pr = newPullRequest();
  const first = await planOn(
    pr,
    containerInputs(name, {
      'container-uri': IMAGE.replace(':v1', ':v2'),
      'environment-variables': 'KEEP=1',
    }),
  );
  expect(first.code).toBe(0);
  expect(first.outputs).toMatchObject({
    operation: 'update',
    changed: 'true',
    'agent-runtime-id': deployed.outputs['agent-runtime-id'],
    'agent-runtime-arn': deployed.outputs['agent-runtime-arn'],
    'agent-runtime-version': '1',
  });
  const plan = JSON.parse(first.outputs['plan-json']);
  const paths = plan.fieldChanges.map((c: { path: string; action: string }) => `${c.action} ${c.path}`);
  expect(paths).toEqual(
    expect.arrayContaining([
      'change agentRuntimeArtifact.containerConfiguration.containerUri',
      'clear description',
      'clear environmentVariables.DROP',
    ]),
  );
  expect(mutatingRequests(first.requests)).toEqual([]);
  expect(emu.github.calls.created).toBeGreaterThan(0);

  const updatedBefore = emu.github.calls.updated;
  const createdBefore = emu.github.calls.created;
  const second = await planOn(pr, containerInputs(name, { 'container-uri': IMAGE.replace(':v1', ':v3') }));
  expect(second.code).toBe(0);
  expect(emu.github.calls.updated - updatedBefore).toBe(1);
  expect(emu.github.calls.created - createdBefore).toBe(0);
  expect(ourComments(pr)).toHaveLength(1);
  expect(ourComments(pr)[0].body).toContain(':v3');

  // The same plan again, from another run: only the run link differs, so no PATCH either.
  const third = await planOn(pr, containerInputs(name, { 'container-uri': IMAGE.replace(':v1', ':v3') }), {
    env: { GITHUB_RUN_ID: '4343' },
  });
  expect(third.code).toBe(0);
  expect(emu.github.calls.updated - updatedBefore).toBe(1);
});

test('no change: says so, and comment-on-pr: changes-only posts nothing', async () => {
  const name = 'plan_same';
  expect((await deployWith(emu, { inputs: containerInputs(name) })).code).toBe(0);
  const pr = newPullRequest();
  const quiet = await planOn(pr, containerInputs(name, { 'comment-on-pr': 'changes-only' }));
  expect(quiet.code).toBe(0);
  expect(quiet.outputs).toMatchObject({ operation: 'none', changed: 'false', status: 'READY' });
  expect(ourComments(pr)).toHaveLength(0);
  expect(quiet.summary).toMatch(/no changes/i);

  const loud = await planOn(pr, containerInputs(name));
  expect(loud.code).toBe(0);
  expect(ourComments(pr)).toHaveLength(1);
  expect(ourComments(pr)[0].body).toMatch(/no changes/i);
});

test('a replacement: the plan says so and why, and a deploy would fail', async () => {
  const name = 'plan_replace';
  expect((await deployWith(emu, { inputs: containerInputs(name) })).code).toBe(0);
  const pr = newPullRequest();
  const run = await planOn(pr, {
    'agent-runtime-name': name,
    'role-arn': 'arn:aws:iam::123456789012:role/AgentRuntimeExecution',
    'code-s3-bucket': 'bucket-a',
    'code-s3-prefix': 'a.zip',
    'code-entry-point': 'main.py',
    'code-runtime': 'PYTHON_3_12',
  });
  expect(run.code).toBe(0);
  // The output keeps to create | update | none; plan-json says why a deploy would fail.
  expect(run.outputs).toMatchObject({ operation: 'update', changed: 'true' });
  expect(JSON.parse(run.outputs['plan-json'])).toMatchObject({ operation: 'replace' });
  expect(JSON.parse(run.outputs['plan-json']).replacementReasons.length).toBeGreaterThan(0);
  expect(ourComments(pr)[0].body).toMatch(/replace/i);
  expect(run.stdout).toMatch(/::warning::.*replac/i);
});

test('each runtime in a pull request gets its own comment; other people’s comments are never touched', async () => {
  const pr = newPullRequest();
  const foreign = emu.github.seedComment(
    pr,
    `<!-- agentcore-deploy {"v":1,"key":"plan_one@us-east-1","planHash":"x"} -->\nquoted by a human`,
    {
      author: 'octocat',
    },
  );
  emu.github.seedComments(pr, 120, { author: 'reviewer', body: (i) => `review note ${i}` });
  expect((await planOn(pr, containerInputs('plan_one'))).code).toBe(0);
  expect((await planOn(pr, containerInputs('plan_two'))).code).toBe(0);
  expect((await planOn(pr, containerInputs('plan_one', { description: 'changed' }))).code).toBe(0);
  const keys = ourComments(pr)
    .filter((c) => c.user.login === 'github-actions[bot]')
    .map((c) => parseCommentHeader(c.body)?.key)
    .sort();
  expect(keys).toEqual(['plan_one@us-east-1', 'plan_two@us-east-1']);
  expect(emu.github.comment(foreign.id)?.body).toContain('quoted by a human');
});

test('a plan too big for a comment is truncated on line boundaries, with the whole plan in the summary', async () => {
  const pr = newPullRequest();
  const clients = Array.from(
    { length: 1500 },
    (_, i) => `client-${String(i).padStart(5, '0')}-${'x'.repeat(50)}`,
  );
  const config = {
    agentRuntimeName: 'plan_huge',
    roleArn: 'arn:aws:iam::123456789012:role/AgentRuntimeExecution',
    agentRuntimeArtifact: { containerConfiguration: { containerUri: IMAGE } },
    authorizerConfiguration: {
      customJWTAuthorizer: {
        discoveryUrl: 'https://idp.example.com/.well-known/openid-configuration',
        allowedClients: clients,
        allowedAudience: clients.map((c) => `aud-${c}`),
      },
    },
    environmentVariables: Object.fromEntries(
      Array.from({ length: 50 }, (_, i) => [`VAR_${i}_${'K'.repeat(80)}`, 'v']),
    ),
    // 49: AgentCore allows 50 tags, and the action's marker tag takes one place.
    tags: Object.fromEntries(
      Array.from({ length: 49 }, (_, i) => [`tag-${i}-${'t'.repeat(100)}`, 'v'.repeat(200)]),
    ),
  };
  const run = await planOn(
    pr,
    { 'config-file': 'huge.json' },
    { files: { 'huge.json': JSON.stringify(config) } },
  );
  expect(run.code).toBe(0);
  const [comment] = ourComments(pr);
  expect(run.outputs['plan-markdown'].length).toBeGreaterThan(100_000);
  expect(comment.body.length).toBeLessThanOrEqual(65536);
  expect(comment.body).toMatch(/truncated/i);
  expect(comment.body).toContain('/actions/runs/4242'); // the pointer to this run's job summary
  expect(markdownProblems(comment.body)).toEqual([]);
  expect(run.summary).toContain(clients.at(-1));
});

test('a read-only token (a fork’s) cannot comment: a warning, a green check, the plan in the summary', async () => {
  const pr = newPullRequest();
  emu.github.registerInstallationToken('ghs_forktoken', { readOnly: true });
  const run = await planOn(pr, containerInputs('plan_fork'), { githubToken: 'ghs_forktoken' });
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/::warning::Could not post the plan/);
  expect(run.summary).toContain('plan_fork');
  expect(ourComments(pr)).toHaveLength(0);
});

test('a fork’s pull request without OIDC: a clear warning, a green check, no AWS call', async () => {
  const pr = newPullRequest();
  const run = await planOn(
    pr,
    containerInputs('plan_no_oidc', { 'role-to-assume': 'arn:aws:iam::123456789012:role/Plan' }),
    {
      env: { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined },
    },
  );
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/::warning::.*id-token: write/);
  expect(run.summary).toMatch(/id-token: write/);
  expect(run.requests.filter((r) => r.service === 'agentcore' || r.service === 'sts')).toEqual([]);
});

test('secrets never appear: env values, the GitHub token, not even with RUNNER_DEBUG', async () => {
  const pr = newPullRequest();
  const secret = 'sk-very-secret-0123456789';
  const run = await planOn(
    pr,
    containerInputs('plan_secret', { 'environment-variables': `API_KEY=${secret}` }),
    {
      env: { RUNNER_DEBUG: '1' },
    },
  );
  expect(run.code).toBe(0);
  const everything = [visibleText(run), run.stdout, ...emu.github.comments(pr).map((c) => c.body)].join('\n');
  expect(everything).not.toContain(secret);
  expect(everything).not.toContain(TOKEN);
  expect(everything).toContain('API_KEY');
});

test('markdown, HTML and mentions in description and tags are neutralised', async () => {
  const pr = newPullRequest();
  const run = await planOn(
    pr,
    containerInputs('plan_inject', {
      description: '</details><img src=x onerror=alert(1)> @octocat | pipe\n```\n# heading',
      tags: 'owner=@org/team',
    }),
  );
  expect(run.code).toBe(0);
  const body = ourComments(pr)[0].body;
  // Values appear only inside code spans, where GitHub renders HTML, markdown and mentions as text.
  expect(body).toContain('onerror');
  expect(markdownProblems(body)).toEqual([]);
  expect(markdownProblems(run.summary)).toEqual([]);
});

test('a pull request with no AWS credentials at all: a clear warning, a green check', async () => {
  const pr = newPullRequest();
  const run = await planOn(pr, containerInputs('plan_no_credentials'), {
    env: {
      AWS_ACCESS_KEY_ID: undefined,
      AWS_SECRET_ACCESS_KEY: undefined,
      AWS_EC2_METADATA_DISABLED: 'true',
    },
  });
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/::warning::Cannot plan against AWS/);
  expect(run.summary).toMatch(/no AWS access/);
  expect(run.requests.filter((r) => r.service === 'agentcore')).toEqual([]);
});

test('plan mode on Node 24, as runners run it (runs.using: node24)', async () => {
  const pr = newPullRequest();
  const run = await planOn(pr, containerInputs('plan_node24'), { node: NODE24 });
  expect(run.code).toBe(0);
  expect(run.outputs).toMatchObject({ operation: 'create', changed: 'true' });
  expect(ourComments(pr)).toHaveLength(1);
});

test('the comment survives 3 consecutive 5xx answers from GitHub', async () => {
  const pr = newPullRequest();
  emu.faults.github.serverErrors = 3;
  const run = await planOn(pr, containerInputs('plan_flaky_github'));
  expect(run.code).toBe(0);
  expect(run.stdout).not.toMatch(/::warning::Could not post/);
  expect(ourComments(pr)).toHaveLength(1);
});

test.each([404, 500])(
  'GET /user answering %d: the comment is still found as github-actions[bot]’s and updated, with a warning naming the call',
  async (status) => {
    const pr = newPullRequest();
    const name = `plan_user_${status}`;
    expect((await planOn(pr, containerInputs(name))).code).toBe(0);
    emu.github.userLookupStatus = status;
    try {
      const run = await planOn(pr, containerInputs(name, { description: 'changed' }));
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(
        new RegExp(
          `::warning::GET /user answered ${status}: .*assuming the token writes as github-actions\\[bot\\]`,
        ),
      );
      expect(run.stdout).not.toMatch(/read-only|Could not post/);
      expect(ourComments(pr)).toHaveLength(1);
      expect(ourComments(pr)[0].body).toContain('changed');
    } finally {
      emu.github.userLookupStatus = undefined;
    }
  },
);

test('a failed comment names the call and its status; the cause only where the status tells it', async () => {
  const pr = newPullRequest();
  emu.github.registerInstallationToken('ghs_readonly_named', { readOnly: true });
  const run = await planOn(pr, containerInputs('plan_named_failure'), { githubToken: 'ghs_readonly_named' });
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(
    new RegExp(
      `::warning::Could not post the plan on the pull request: POST /repos/octo-org/agents/issues/${pr}/comments answered 403: .*read-only`,
    ),
  );
  emu.faults.github.serverErrors = 100;
  try {
    const broken = await planOn(pr, containerInputs('plan_named_failure'));
    expect(broken.stdout).toMatch(
      new RegExp(
        `::warning::Could not post the plan on the pull request: GET /repos/octo-org/agents/issues/${pr}/comments answered 500: `,
      ),
    );
    expect(broken.stdout).not.toMatch(/read-only/);
  } finally {
    emu.faults.github.serverErrors = 0;
  }
});

test('another app’s bot comment with our header is left alone', async () => {
  const pr = newPullRequest();
  const foreign = emu.github.seedComment(
    pr,
    `<!-- agentcore-deploy {"v":1,"key":"plan_app@us-east-1","planHash":"x"} -->\nold`,
    {
      author: { login: 'other-app[bot]', id: 99, type: 'Bot' },
    },
  );
  expect((await planOn(pr, containerInputs('plan_app'))).code).toBe(0);
  expect(emu.github.comment(foreign.id)?.body).toContain('old');
  expect(ourComments(pr).filter((c) => c.user.login === 'github-actions[bot]')).toHaveLength(1);
});
