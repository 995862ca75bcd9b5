// require-reviewed-plan end to end: the bundled action on Node 24, plan mode on the pull request, then the
// push of the merge commit, against the emulated AgentCore and GitHub (which answers "list pull requests
// associated with a commit" for head and merge commits).
import {
  UpdateAgentRuntimeCommand,
  type BedrockAgentCoreControlClient,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { startEmulator, type Emulator } from '../../emulator/src/index.js';
import { parseCommentHeader } from '../../src/report/comment-body.js';
import { NODE24 } from '../../scripts/run-action.js';
import { containerInputs, deployWith, emulatorClient, IMAGE, mutatingRequests, ROLE_ARN } from './helpers.js';

const TOKEN = 'ghs_emulatortoken';
let emu: Emulator;
let client: BedrockAgentCoreControlClient;
let nextPr = 500;

beforeAll(async () => {
  emu = await startEmulator({ transitionDelayMs: 200 });
  client = emulatorClient(emu);
});
afterAll(() => emu.close());

const sha = (n: number, kind: string) => `${kind}${String(n).padStart(39 - kind.length, '0')}0`.slice(0, 40);

/** A pull request whose plan has been posted by plan mode (the bundled action on pull_request). */
async function reviewedPullRequest(inputs: Record<string, string>) {
  const number = nextPr++;
  const head = sha(number, 'a');
  emu.github.seedPullRequest({ number, head: { ref: `feature-${number}`, sha: head } });
  const { mode: _deploy, ...planInputs } = inputs;
  const plan = await deployWith(emu, {
    node: NODE24,
    eventName: 'pull_request',
    event: { pull_request: { number } },
    githubToken: TOKEN,
    env: { GITHUB_SHA: head },
    inputs: planInputs,
  });
  expect(plan.code).toBe(0);
  return { number, head, planHash: ourComment(number)!.planHash };
}

function ourComment(pr: number) {
  const comment = emu.github.comments(pr).find((c) => parseCommentHeader(c.body));
  return comment && { ...parseCommentHeader(comment.body)!, body: comment.body };
}

/** The push of the merge commit, deploying with require-reviewed-plan. */
function deployMerged(mergeSha: string, inputs: Record<string, string>, runId = '7001') {
  return deployWith(emu, {
    node: NODE24,
    eventName: 'push',
    githubToken: TOKEN,
    env: { GITHUB_SHA: mergeSha, GITHUB_RUN_ID: runId },
    inputs: { ...inputs, 'require-reviewed-plan': 'true' },
  });
}

test('the reviewed plan unchanged: deploys, and the comment says where and at which version', async () => {
  const name = 'reviewed_same';
  expect((await deployWith(emu, { inputs: containerInputs(name) })).code).toBe(0);
  const inputs = containerInputs(name, { 'container-uri': IMAGE.replace(':v1', ':v2'), tags: 'team=a' });
  const pr = await reviewedPullRequest(inputs);
  const mergeSha = sha(pr.number, 'e');
  emu.github.mergePullRequest(pr.number, mergeSha);

  const run = await deployMerged(mergeSha, inputs);
  expect(run.code).toBe(0);
  expect(run.outputs).toMatchObject({ operation: 'update', 'agent-runtime-version': '2', status: 'READY' });
  expect(run.outputs['failure-reason'] ?? '').toBe('');
  expect(run.stdout).toContain(`pull request #${pr.number}`);
  const comment = ourComment(pr.number)!;
  const runLink = 'https://github.com/octo-org/agents/actions/runs/7001';
  expect(comment.body).toContain(`applied in [${runLink}](${runLink}) at version 2`);
  expect(comment.applied).toEqual({ run: runLink, version: '2' });
  expect(comment.planHash).toBe(pr.planHash);

  // Re-running the same push job finds the reviewed plan already applied: success, nothing changed.
  const again = await deployMerged(mergeSha, inputs, '7002');
  expect(again.code).toBe(0);
  expect(again.outputs.operation).toBe('none');
  expect(mutatingRequests(again.requests)).toEqual([]);
  expect(ourComment(pr.number)!.applied).toEqual({ run: runLink, version: '2' });
});

test('a fast-forward push of the head commit finds its pull request too', async () => {
  const name = 'reviewed_head';
  const inputs = containerInputs(name);
  const pr = await reviewedPullRequest(inputs);
  const run = await deployMerged(pr.head, inputs);
  expect(run.code).toBe(0);
  expect(run.outputs.operation).toBe('create');
});

test('the image changed after review: refused with the diff, no mutating call', async () => {
  const name = 'reviewed_image';
  expect((await deployWith(emu, { inputs: containerInputs(name) })).code).toBe(0);
  const pr = await reviewedPullRequest(
    containerInputs(name, { 'container-uri': IMAGE.replace(':v1', ':v2') }),
  );
  const mergeSha = sha(pr.number, 'e');
  emu.github.mergePullRequest(pr.number, mergeSha);

  const run = await deployMerged(
    mergeSha,
    containerInputs(name, { 'container-uri': IMAGE.replace(':v1', ':v3') }),
  );
  expect(run.code).toBe(1);
  expect(run.outputs['failure-reason']).toBe('plan-changed');
  expect(mutatingRequests(run.requests)).toEqual([]);
  // The runner shows an ::error:: command's %0A as line breaks.
  for (const text of [run.stdout.replace(/%0A/g, '\n'), run.summary]) {
    expect(text).toMatch(/^[-] .*support-agent:v2/m);
    expect(text).toMatch(/^[+] .*support-agent:v3/m);
  }
  expect(run.summary).toContain('```diff');
  expect(ourComment(pr.number)!.body).not.toContain('applied in');
});

test('the live runtime changed after review: refused', async () => {
  const name = 'reviewed_live';
  const first = await deployWith(emu, { inputs: containerInputs(name) });
  expect(first.code).toBe(0);
  const inputs = containerInputs(name, { description: 'reviewed change' });
  const pr = await reviewedPullRequest(inputs);
  // Someone changes the runtime (a new version) between review and merge.
  await client.send(
    new UpdateAgentRuntimeCommand({
      agentRuntimeId: first.outputs['agent-runtime-id'],
      roleArn: ROLE_ARN,
      agentRuntimeArtifact: { containerConfiguration: { containerUri: IMAGE.replace(':v1', ':hotfix') } },
      networkConfiguration: { networkMode: 'PUBLIC' },
    }),
  );
  await new Promise((r) => setTimeout(r, 500));
  const mergeSha = sha(pr.number, 'e');
  emu.github.mergePullRequest(pr.number, mergeSha);

  const run = await deployMerged(mergeSha, inputs);
  expect(run.code).toBe(1);
  expect(run.outputs['failure-reason']).toBe('plan-changed');
  expect(mutatingRequests(run.requests)).toEqual([]);
  expect(run.stdout).toMatch(/hotfix/);
});

test('no pull request for the commit: refused, saying which commit was searched', async () => {
  const orphan = 'd'.repeat(40);
  const run = await deployMerged(orphan, containerInputs('reviewed_orphan'));
  expect(run.code).toBe(1);
  expect(run.outputs['failure-reason']).toBe('no-reviewed-plan');
  expect(run.stdout).toContain(orphan);
  expect(run.requests.filter((r) => r.service === 'agentcore')).toEqual([]);
});

test('a pull request without a plan comment: refused, naming the pull request', async () => {
  const number = nextPr++;
  emu.github.seedPullRequest({ number });
  const mergeSha = sha(number, 'e');
  emu.github.mergePullRequest(number, mergeSha);
  const run = await deployMerged(mergeSha, containerInputs('reviewed_nocomment'));
  expect(run.code).toBe(1);
  expect(run.outputs['failure-reason']).toBe('no-reviewed-plan');
  expect(run.stdout).toContain(`Pull request #${number}`);
});
