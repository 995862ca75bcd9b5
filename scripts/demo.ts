// `npm run demo`: the bundled action, end to end, against the embedded emulator — no AWS account.
// Walks through what a team sees: a plan on a pull request (posted as a PR comment), the deploy on
// merge, a re-run that changes nothing, a change planned and deployed; then releases: a smoke-tested
// promotion of a named `production` endpoint, a broken version that fails its smoke test and leaves
// `production` where it was, and a one-step rollback.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../emulator/src/index.js';
import { repoRoot, runAction, type RunResult } from './run-action.js';

const bold = (s: string) => `\x1b[1m${s}\x1b[0m`;
const dim = (s: string) => `\x1b[2m${s}\x1b[0m`;
const PR_NUMBER = 7;

const config = `# agentcore/runtime.yaml — the CreateAgentRuntime request shape
agentRuntimeName: support_agent
description: Customer support agent
roleArn: arn:aws:iam::123456789012:role/AgentRuntimeExecution
agentRuntimeArtifact:
  containerConfiguration:
    containerUri: 123456789012.dkr.ecr.us-east-1.amazonaws.com/support-agent:v1
environmentVariables:
  LOG_LEVEL: info
  API_KEY: demo-secret-never-shown
tags:
  team: support
`;

/** The job summary as a terminal shows it: markdown, lightly tidied. */
function renderForTerminal(markdown: string): string {
  return markdown
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<\/?(details|summary)[^>]*>/g, '')
    .replace(/^#+ (.*)$/gm, (_m, h: string) => bold(h))
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}

async function step(emu: Emulator, title: string, explain: string, options: Parameters<typeof runAction>[0]) {
  console.log(`\n${bold(`▶ ${title}`)}\n${dim(explain)}`);
  const started = Date.now();
  const run: RunResult = await runAction({
    ...options,
    githubToken: 'ghs_emulatortoken',
    env: {
      ...emu.env,
      AWS_ACCESS_KEY_ID: undefined,
      ACTIONS_ID_TOKEN_REQUEST_URL: emu.env.ACTIONS_ID_TOKEN_REQUEST_URL,
      ...options?.env,
    },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const { operation, changed, status } = run.outputs;
  console.log(
    `  exit ${run.code} in ${seconds}s — outputs: operation=${operation} changed=${changed}` +
      (status ? ` status=${status}` : '') +
      (run.outputs['agent-runtime-version'] ? ` version=${run.outputs['agent-runtime-version']}` : '') +
      (run.outputs['endpoint-version'] ? ` endpoint-version=${run.outputs['endpoint-version']}` : '') +
      (run.outputs['failure-reason'] ? ` failure-reason=${run.outputs['failure-reason']}` : ''),
  );
  // As a runner shows it: the ::add-mask:: commands (the emulator's OIDC token) are consumed, never printed.
  if (run.code !== 0) console.log(run.stdout.replace(/^::add-mask::.*\n?/gm, ''));
  console.log(`  ${dim('job summary:')}\n${renderForTerminal(run.summary)}`);
  return run;
}

async function main(): Promise<void> {
  if (!existsSync(join(repoRoot, 'dist/index.js')))
    throw new Error('dist/index.js is missing: run `npm run package`');
  const emu = await startEmulator({ transitionDelayMs: 1500 });
  try {
    emu.github.seedPullRequest({ number: PR_NUMBER });
    // The registry has both tags (arm64 builds), as after a docker buildx push.
    const arm64 = [{ os: 'linux', architecture: 'arm64' }];
    for (const tag of ['v1', 'v2']) emu.ecr.pushImage({ repository: 'support-agent', tag, platforms: arm64 });
    const common = {
      files: { 'runtime.yaml': config },
      inputs: {
        'config-file': 'runtime.yaml',
        'role-to-assume': 'arn:aws:iam::123456789012:role/GitHubDeploy',
      },
    };
    const prEvent = { eventName: 'pull_request', event: { pull_request: { number: PR_NUMBER } } };
    console.log(
      bold('agentcore-deploy demo') +
        dim(` — emulator at ${emu.urls.agentcore}, GitHub OIDC -> STS -> AgentCore`),
    );

    await step(
      emu,
      '1. Pull request: plan',
      'mode auto on pull_request = read-only plan, posted as a PR comment.',
      {
        ...common,
        ...prEvent,
      },
    );
    await step(emu, '2. Merged to main: deploy', 'mode auto on push = create, then wait for READY.', common);
    await step(
      emu,
      '3. Re-run: nothing to do',
      'The runtime already matches: no call that changes anything.',
      common,
    );
    const changed = {
      ...common,
      inputs: {
        ...common.inputs,
        'container-uri': '123456789012.dkr.ecr.us-east-1.amazonaws.com/support-agent:v2',
      },
    };
    await step(emu, '4. Next pull request: plan the new image', 'The same PR comment is updated in place.', {
      ...changed,
      ...prEvent,
    });
    await step(emu, '5. Merged: update', 'A new immutable version; DEFAULT moves to it.', changed);
    emu.ecr.pushImage({ repository: 'support-agent', tag: 'v2', platforms: arm64 });
    await step(
      emu,
      '6. Tag v2 re-pushed, deployed again',
      'Deploys are pinned by digest, so new content under the same tag is an update, and the plan says so.',
      changed,
    );

    for (const tag of ['v3', 'v4']) emu.ecr.pushImage({ repository: 'support-agent', tag, platforms: arm64 });
    const image = (tag: string) => `123456789012.dkr.ecr.us-east-1.amazonaws.com/support-agent:${tag}`;
    const release = (tag: string, extra: Record<string, string> = {}) => ({
      ...common,
      files: { ...common.files, 'smoke.json': '{"prompt":"Where is my order?"}' },
      inputs: {
        ...common.inputs,
        'container-uri': image(tag),
        'endpoint-name': 'production',
        'smoke-test-payload': '@smoke.json',
        'smoke-test-expect': 'Hello',
        ...extra,
      },
    });
    await step(
      emu,
      '7. Release: smoke test, then promote',
      'The current version answers its smoke invocation, so the named endpoint production is created on it.',
      release('v2'),
    );
    await step(
      emu,
      '8. Pull request for v3: plan the release',
      'The plan shows which endpoint moves from which version to which, which stay, and the smoke test gating it.',
      { ...release('v3'), ...prEvent },
    );
    await step(
      emu,
      '9. Release v3: rolled forward',
      'A new version, invoked by number before anything moves; production moves from 3 to 4.',
      release('v3'),
    );
    // Version 5's container crashes on start: READY, but its first call fails.
    emu.agentcore.scriptInvocations({
      support_agent: { '5': { error: { message: 'Runtime initialization time exceeded' } } },
    });
    await step(
      emu,
      '10. Release v4: the smoke test fails',
      'Version 5 is READY but does not answer: the step fails and production stays on version 4.',
      release('v4'),
    );
    await step(
      emu,
      '11. Roll back: production to version 3',
      'endpoint-version points production at an existing version; the runtime is not touched.',
      release('v4', { 'endpoint-version': '3' }),
    );
    const production = emu.agentcore
      .runtimes()
      .find((r) => r.agentRuntimeName === 'support_agent')
      ?.endpoints.find((e) => e.name === 'production');
    console.log(`
${bold('production serves version')} ${production?.liveVersion}`);

    const comments = emu.github.comments(PR_NUMBER);
    console.log(
      `\n${bold('The pull request has')} ${comments.length} plan comment(s); the latest body starts:`,
    );
    console.log(dim(comments.at(-1)?.body.split('\n').slice(0, 8).join('\n') ?? ''));
    const writes = emu.requests.filter(
      (r) =>
        r.service === 'agentcore' &&
        (r.method === 'PUT' || r.method === 'DELETE' || (r.method === 'POST' && r.path.startsWith('/tags/'))),
    );
    console.log(
      `\n${bold('AgentCore calls that changed something:')} ${writes.map((r) => `${r.method} ${r.path}`).join(', ')}`,
    );
  } finally {
    await emu.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
