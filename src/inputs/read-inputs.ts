// The "inputs -> spec" step: reads the action's settings and the runtime's configuration (inputs over
// the config file), and validates everything before any AWS call. User mistakes never throw: they come
// back together as SpecErrors.
import type { AgentRuntimeSpec, SpecError } from '../spec/types.js';
import { loadConfigFile } from './config-file.js';
import { mergeSpec } from './merge.js';
import { readSettings, type ActionSettings } from './settings.js';
import { specFromInputs } from './spec-from-inputs.js';
import { validateSpec } from './validate-spec.js';

export type { ActionSettings } from './settings.js';

export interface InputsResult {
  settings: ActionSettings;
  /** Undefined when the configuration has errors. */
  spec: AgentRuntimeSpec | undefined;
  errors: SpecError[];
}

export function readInputs(
  getInput: (name: string) => string,
  env: Record<string, string | undefined>,
): InputsResult {
  const { settings, errors: settingsErrors } = readSettings(getInput, env);
  const { spec, errors: specErrors } = readSpec(getInput, env.GITHUB_WORKSPACE);
  return {
    settings,
    spec: specErrors.length === 0 ? spec : undefined,
    errors: [...specErrors, ...settingsErrors],
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
