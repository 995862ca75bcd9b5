// The action, top to bottom: inputs -> spec -> credentials -> plan -> (deploy -> wait) -> report.
// Every effect sits behind a module of its own; this file only sequences them and decides what to say.
import * as core from '@actions/core';
import * as github from '@actions/github';
import { checkOidcAvailable, MissingOidcPermissionError, oidcRoleCredentials } from './aws/credentials.js';
import { errorMessage } from './aws/errors.js';
import { createControlClient, SdkRuntimeGateway, type RuntimeGateway } from './aws/runtime-gateway.js';
import {
  RuntimeFailedError,
  WaitTimeoutError,
  waitUntilDefaultEndpointServes,
  waitUntilReady,
} from './aws/wait.js';
import { applyDeploy, readCurrentRuntime, refOf, type ApplyResult, type RuntimeRef } from './deploy/apply.js';
import { upsertPlanComment } from './github/pr-comment.js';
import { readInputs, type ActionSettings } from './inputs/read-inputs.js';
import { computePlan, type Plan } from './plan/plan.js';
import { buildCommentBody, commentKey, planHash } from './report/comment-body.js';
import { fitSummary, renderDeploySummary } from './report/deploy-summary.js';
import { runtimeOutputs, type ActionOutputs } from './report/outputs.js';
import { planJson } from './report/plan-json.js';
import { renderPlanMarkdown } from './report/plan-markdown.js';
import type { AgentRuntimeSpec, SpecError } from './spec/types.js';

const USER_AGENT = 'agentcore-deploy/1';
const PR_EVENTS = ['pull_request', 'pull_request_target'];

export async function run(): Promise<void> {
  try {
    const { settings, spec, errors } = readInputs((name) => core.getInput(name), process.env);
    if (errors.length > 0 || !spec) return failOnInputErrors(errors);
    const region = settings.region!;
    const mode =
      settings.mode === 'auto'
        ? PR_EVENTS.includes(github.context.eventName)
          ? 'plan'
          : 'deploy'
        : settings.mode;
    core.info(
      `${mode === 'plan' ? 'Planning' : 'Deploying'} AgentCore runtime ${spec.agentRuntimeName} in ${region}.`,
    );

    const gateway = connect(settings, region, mode);
    if (!gateway) return;
    if (mode === 'plan') await planOnly(spec, settings, region, gateway);
    else await deploy(spec, settings, region, gateway);
  } catch (err) {
    core.setFailed(errorMessage(err));
  }
}

function failOnInputErrors(errors: SpecError[]): void {
  for (const e of errors) {
    core.error(`${e.field}: ${e.message}`, {
      title: 'agentcore-deploy: invalid input',
      file: e.file,
      startLine: e.line,
      startColumn: e.column,
    });
  }
  core.setFailed(
    `The runtime configuration is invalid (${errors.length} problem${errors.length === 1 ? '' : 's'}); nothing was sent to AWS:\n` +
      errors
        .map((e) => `  - ${e.file ? `${e.file}:${e.line ?? '?'}: ` : ''}${e.field}: ${e.message}`)
        .join('\n'),
  );
}

/** The control-plane gateway, or undefined when a fork PR's plan cannot have AWS access (a warning, not a failure). */
function connect(
  settings: ActionSettings,
  region: string,
  mode: 'plan' | 'deploy',
): RuntimeGateway | undefined {
  let credentials;
  if (settings.roleToAssume) {
    try {
      checkOidcAvailable(process.env);
    } catch (err) {
      if (mode === 'plan' && err instanceof MissingOidcPermissionError) {
        core.warning(`Cannot plan against AWS: ${err.message}`);
        void core.summary
          .addHeading('AgentCore deploy plan: not available', 2)
          .addRaw(`The configuration is valid, but ${err.message}`)
          .write();
        return undefined;
      }
      throw err;
    }
    credentials = oidcRoleCredentials(
      {
        roleToAssume: settings.roleToAssume,
        roleSessionName: settings.roleSessionName,
        roleDurationSeconds: settings.roleDurationSeconds,
        audience: settings.audience,
        region,
      },
      { getIDToken: (aud) => core.getIDToken(aud), setSecret: core.setSecret, env: process.env },
    );
  }
  return new SdkRuntimeGateway(createControlClient({ region, credentials, userAgent: USER_AGENT }));
}

function setOutputs(outputs: ActionOutputs): void {
  for (const [name, value] of Object.entries(outputs)) if (value !== undefined) core.setOutput(name, value);
}

async function planOnly(
  spec: AgentRuntimeSpec,
  settings: ActionSettings,
  region: string,
  gateway: RuntimeGateway,
) {
  const current = await core.group('Reading the current runtime', () =>
    readCurrentRuntime(gateway, spec.agentRuntimeName!),
  );
  const plan = computePlan({ desired: spec, region, current });
  const markdown = renderPlanMarkdown(plan);
  setOutputs({
    ...runtimeOutputs(current && refOf(current.runtime), plan.operation, plan.changed),
    'plan-markdown': markdown,
    'plan-json': planJson(plan),
  });
  core.info(`Plan: ${plan.operation}${plan.changed ? '' : ' (no changes)'}.`);
  if (plan.operation === 'replace')
    core.warning(
      `A deploy of this configuration would fail, the runtime needs replacing: ${plan.replacementReasons.join('; ')}`,
    );
  await core.summary.addRaw(fitSummary(markdown)).write();
  await commentOnPullRequest(plan, markdown, settings);
}

async function commentOnPullRequest(plan: Plan, markdown: string, settings: ActionSettings): Promise<void> {
  const pr = github.context.payload.pull_request;
  if (!pr || settings.commentOnPr === 'false') return;
  if (!settings.githubToken) {
    core.warning('No github-token: the plan is in the job summary only.');
    return;
  }
  const key = commentKey(plan.runtimeName, plan.region);
  const { owner, repo } = github.context.repo;
  const summaryUrl = `${github.context.serverUrl}/${owner}/${repo}/actions/runs/${github.context.runId}`;
  const outcome = await upsertPlanComment({
    token: settings.githubToken,
    pr: { owner, repo, number: pr.number },
    key,
    body: buildCommentBody({ key, planHash: planHash(plan), markdown, summaryUrl }),
    createIfMissing: settings.commentOnPr === 'true' || plan.changed,
  });
  if (outcome.action === 'failed')
    core.warning(
      `Could not post the plan on the pull request (${outcome.status ?? 'error'}: ${outcome.reason}). ` +
        'A fork’s token is read-only; the job needs `pull-requests: write`. The full plan is in the job summary.',
    );
  else if (outcome.action === 'skipped') core.info(`PR comment skipped: ${outcome.reason}.`);
  else core.info(`PR comment ${outcome.action}: ${outcome.url}`);
}

async function deploy(
  spec: AgentRuntimeSpec,
  settings: ActionSettings,
  region: string,
  gateway: RuntimeGateway,
) {
  const name = spec.agentRuntimeName!;
  const result: ApplyResult = await core.group('Deploying', () =>
    applyDeploy(spec, { gateway, region, settleTimeoutSeconds: settings.waitTimeoutSeconds, log: core.info }),
  );
  const previousVersion = result.plan.current?.version;
  // Published before waiting, so a failed wait still tells later steps which runtime to clean up.
  setOutputs(runtimeOutputs(result.runtime, result.operation, result.changed));
  let runtime: RuntimeRef = result.runtime;
  try {
    if (settings.waitForReady) runtime = await waitForReady(gateway, result, settings);
    else if (result.operation === 'none') assertNotFailed(runtime, name);
  } catch (err) {
    // The outputs report the status the runtime was last seen in, e.g. CREATE_FAILED.
    const seen =
      err instanceof RuntimeFailedError || err instanceof WaitTimeoutError ? err.runtime : undefined;
    if (seen) runtime = { ...refOf(seen), workloadIdentityArn: runtime.workloadIdentityArn };
    throw err;
  } finally {
    const markdown = renderPlanMarkdown(result.plan);
    setOutputs({
      ...runtimeOutputs(runtime, result.operation, result.changed),
      'plan-markdown': markdown,
      'plan-json': planJson(result.plan),
    });
    await core.summary
      .addRaw(
        renderDeploySummary({
          name,
          region,
          operation: result.operation,
          runtime,
          previousVersion,
          planMarkdown: markdown,
        }),
      )
      .write();
  }
  core.info(`${name} is ${runtime.status} at version ${runtime.version} (${result.operation}).`);
}

async function waitForReady(
  gateway: RuntimeGateway,
  result: ApplyResult,
  settings: ActionSettings,
): Promise<RuntimeRef> {
  const { id, version } = result.runtime;
  const started = Date.now();
  return core.group(`Waiting for ${result.plan.runtimeName} version ${version} to be READY`, async () => {
    const ready = await waitUntilReady(gateway, id, {
      timeoutSeconds: settings.waitTimeoutSeconds,
      onStatus: (status) => core.info(`status: ${status}`),
    });
    const remaining = Math.max(1, settings.waitTimeoutSeconds - (Date.now() - started) / 1000);
    await waitUntilDefaultEndpointServes(gateway, id, ready.agentRuntimeVersion!, {
      timeoutSeconds: remaining,
    });
    core.info(
      `READY after ${Math.round((Date.now() - started) / 100) / 10}s; the DEFAULT endpoint serves version ${ready.agentRuntimeVersion}.`,
    );
    return {
      ...refOf(ready),
      workloadIdentityArn:
        ready.workloadIdentityDetails?.workloadIdentityArn ?? result.runtime.workloadIdentityArn,
    };
  });
}

/** A deploy with nothing to change still fails when the runtime it leaves behind is broken. */
function assertNotFailed(runtime: RuntimeRef, name: string): void {
  if (runtime.status.endsWith('_FAILED'))
    throw new Error(
      `${name} is ${runtime.status}; the configuration already matches, so nothing was redeployed.`,
    );
}
