// The action, top to bottom: inputs -> spec -> credentials -> plan -> (deploy -> wait) -> report.
// This file only sequences the steps; each lives in a module of its own.
import * as core from '@actions/core';
import { connect, isMissingAwsAccess } from './aws/connect.js';
import { failureMessage } from './aws/errors.js';
import { checkExcludeGlobs } from './inputs/artifact-settings.js';
import { readInputs } from './inputs/read-inputs.js';
import { artifactStage, readCurrentRuntimeAhead } from './modes/artifact-stage.js';
import { deployMode } from './modes/deploy-mode.js';
import { destroyMode } from './modes/destroy-mode.js';
import { failureReasonOf } from './report/failure-reason.js';
import { setOutputs } from './report/set-outputs.js';
import type { SpecError } from './spec/types.js';

const PR_EVENTS = ['pull_request', 'pull_request_target'];

export async function run(): Promise<void> {
  try {
    const getInput = (name: string) => core.getInput(name);
    // The YAML parser is loaded only when there is a file to read.
    const configFile = getInput('config-file') ? await import('./inputs/config-file.js') : undefined;
    const { settings, spec, errors, warnings } = readInputs(
      getInput,
      process.env,
      configFile?.loadConfigFile,
    );
    errors.push(...(await checkExcludeGlobs(settings.artifact.codeExclude)));
    if (errors.length > 0 || !spec) return failOnInputErrors(errors);
    // A secret: never printed, even by a failing request's log line.
    if (settings.release.smokeTest?.bearerToken) core.setSecret(settings.release.smokeTest.bearerToken);
    for (const warning of warnings) core.warning(warning);
    const region = settings.region!;
    // GITHUB_EVENT_NAME is what github.context.eventName reads: a deploy does not load @actions/github.
    const mode =
      settings.mode !== 'auto'
        ? settings.mode
        : PR_EVENTS.includes(process.env.GITHUB_EVENT_NAME ?? '')
          ? 'plan'
          : 'deploy';
    const doing = { plan: 'Planning', deploy: 'Deploying', destroy: 'Destroying' }[mode];
    core.info(`${doing} AgentCore runtime ${spec.agentRuntimeName} in ${region}.`);
    if (mode === 'destroy')
      return await destroyMode(spec.agentRuntimeName!, settings, region, connect(settings, region).gateway);
    if (mode === 'deploy') {
      const aws = connect(settings, region);
      // The runtime is looked up while the registry is asked about the image. With require-reviewed-plan,
      // the reviewed plan is found on GitHub before the control plane is asked anything.
      const current = settings.requireReviewedPlan
        ? undefined
        : readCurrentRuntimeAhead(aws, spec.agentRuntimeName!);
      const deployed = await artifactStage(spec, settings.artifact, aws, 'deploy', current);
      return await deployMode(deployed, settings, region, aws, current);
    }
    // Plan mode, with the GitHub client for the PR comment, is loaded only when planning: a deploy does not
    // carry it (ncc emits it as a chunk of its own).
    const { planMode, reportNoAwsAccess } = await import('./modes/plan-mode.js');
    try {
      const aws = connect(settings, region);
      const current = readCurrentRuntimeAhead(aws, spec.agentRuntimeName!);
      const planned = await artifactStage(spec, settings.artifact, aws, 'plan', current);
      await planMode(planned, settings, region, aws.gateway, current);
    } catch (err) {
      // A fork's pull request has no AWS identity: a warning, never a failed check.
      if (!isMissingAwsAccess(err)) throw err;
      await reportNoAwsAccess(err, spec);
    }
  } catch (err) {
    setOutputs({ 'failure-reason': failureReasonOf(err) });
    core.setFailed(failureMessage(err));
  }
}

function failOnInputErrors(errors: SpecError[]): void {
  for (const e of errors)
    core.error(`${e.field}: ${e.message}`, {
      title: 'agentcore-deploy: invalid input',
      file: e.file,
      startLine: e.line,
      startColumn: e.column,
    });
  setOutputs({ 'failure-reason': 'invalid-input' });
  const count = `${errors.length} problem${errors.length === 1 ? '' : 's'}`;
  core.setFailed(
    `The runtime configuration is invalid (${count}); nothing was sent to AWS:\n` +
      errors
        .map((e) => `  - ${e.file ? `${e.file}:${e.line ?? '?'}: ` : ''}${e.field}: ${e.message}`)
        .join('\n'),
  );
}
