// The "inputs -> spec" step: reads the action's settings and the runtime's configuration (inputs over
// the config file), and validates everything before any AWS call. User mistakes never throw: they come
// back together as SpecErrors.
import type { AgentRuntimeSpec, SpecError } from '../spec/types.js';
import { loadConfigFile } from './config-file.js';
import { mergeSpec } from './merge.js';
import { checkSmokeAuth, readReleaseSettings } from './release-settings.js';
import { readSettings, type ActionSettings } from './settings.js';
import { specFromInputs } from './spec-from-inputs.js';
import { validateSpec } from './validate-spec.js';

export type { ActionSettings } from './settings.js';

export interface InputsResult {
  settings: ActionSettings;
  /** Undefined when the configuration has errors. */
  spec: AgentRuntimeSpec | undefined;
  errors: SpecError[];
  /** Things the action fixed for the user and should tell them about. */
  warnings: string[];
}

export function readInputs(
  getInput: (name: string) => string,
  env: Record<string, string | undefined>,
): InputsResult {
  const { settings, errors: settingsErrors } = readSettings(getInput, env);
  // A runner starts the action in GITHUB_WORKSPACE; a harness that only sets the working directory gets
  // the same answer. (Never the action's own folder.)
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  const { spec, errors: specErrors } = readSpec(getInput, workspace);
  const { release, errors: releaseErrors } = readReleaseSettings(getInput, workspace, settings);
  settings.release = release;
  const warnings = spec ? dropReadOnlyFields(spec) : [];
  const authErrors = spec && specErrors.length === 0 ? checkSmokeAuth(release, spec) : [];
  return {
    settings,
    spec: specErrors.length === 0 ? spec : undefined,
    errors: [...specErrors, ...settingsErrors, ...releaseErrors, ...authErrors],
    warnings,
  };
}

function readSpec(
  getInput: (name: string) => string,
  workspace: string | undefined,
): { spec?: AgentRuntimeSpec; errors: SpecError[] } {
  const configPath = getInput('config-file');
  const loaded = configPath ? loadConfigFile(configPath, workspace) : undefined;
  const fromInputs = specFromInputs(getInput);
  // Without the file, checking the merged spec would only add "missing" noise.
  if (loaded && !loaded.file) return { errors: [...loaded.errors, ...fromInputs.errors] };

  const file = loaded?.file;
  const merged = mergeSpec(file?.document, fromInputs.overrides);
  const errors = [...fromInputs.errors, ...validateSpec(merged, { overrides: fromInputs.overrides, file })];
  return { spec: merged as unknown as AgentRuntimeSpec, errors };
}

/**
 * GetAgentRuntime reports `requireServiceS3Endpoint`, so it turns up in configurations copied from there,
 * but CreateAgentRuntime rejects it and the action never sends it: dropped, with a word to the user.
 */
function dropReadOnlyFields(spec: AgentRuntimeSpec): string[] {
  const vpc = spec.networkConfiguration?.networkModeConfig;
  if (vpc?.requireServiceS3Endpoint === undefined) return [];
  delete vpc.requireServiceS3Endpoint;
  return [
    'networkConfiguration.networkModeConfig.requireServiceS3Endpoint is ignored: GetAgentRuntime reports it, ' +
      'but CreateAgentRuntime rejects it, so the action never sends it. Remove it from the config file.',
  ];
}
